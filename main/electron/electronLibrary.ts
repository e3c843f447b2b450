// Which library folder the Electron app opens: --library DIR, else $VIRTLAB_LIBRARY, else <userData>/library.
import path from 'node:path';
import { libraryEnvVar, resolveLibraryDir } from '../node/library/libraryPaths.ts';

/** Electron and Chromium add switches of their own, so only `--library DIR` / `--library=DIR` is picked out. */
export function libraryOverride(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--library') return argv[i + 1] ?? '';
    if (arg.startsWith('--library=')) return arg.slice('--library='.length);
  }
  return undefined;
}

/** Throws a VALIDATION AppError naming the source (--library or the variable) when the value is unusable. */
export function electronLibraryDir(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, userDataDir: string): string {
  const override = libraryOverride(argv);
  const fromEnv = env[libraryEnvVar];
  if (override === undefined && (fromEnv === undefined || fromEnv === '')) return path.join(userDataDir, 'library');
  return resolveLibraryDir({ override, env });
}
