// The privileged app://virtlab/ scheme: serves dist/renderer with the CSP, refusing traversal and other hosts.
import { protocol } from 'electron';
import { electronContentSecurityPolicy, securityHeaders } from '../node/securityHeaders.ts';
import { readStaticFile } from '../node/staticFiles.ts';

export const appScheme = 'app';
export const appHost = 'virtlab';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** Must run before the app is ready: a standard, secure scheme gets a real origin, fetch and module scripts. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/** True when `url` is a page or asset of our renderer (app://virtlab/…). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

export async function respondToAppRequest(rendererDir: string, request: Request): Promise<Response> {
  const headers = securityHeaders(electronContentSecurityPolicy);
  const plain = (status: number, body: string): Response => new Response(body, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  if (!isAppUrl(request.url)) return plain(404, 'Not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
  const body = file.status === 200 ? new Uint8Array(file.body) : file.body;
  return new Response(request.method === 'HEAD' ? null : body, { status: file.status, headers: { ...headers, 'Content-Type': file.contentType } });
}

/** Call once the app is ready. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, (request) => respondToAppRequest(rendererDir, request));
}
