// Where the CLI's engine worker is: engine/worker.ts when run from source, worker.mjs beside the bundled CLI once built.
/** `moduleUrl` is the caller's import.meta.url; a bundle is named *.mjs, the sources *.ts. */
export function engineWorkerUrl(moduleUrl: string): URL {
  return /\.m?js$/.test(new URL(moduleUrl).pathname) ? new URL('./worker.mjs', moduleUrl) : new URL('../../engine/worker.ts', moduleUrl);
}
