// Web mode only ever listens on the loopback interface; these helpers enforce that and check Host/Origin.
export const loopbackHosts = ['127.0.0.1', 'localhost', '::1'] as const;
export type LoopbackHost = (typeof loopbackHosts)[number];

export function isLoopbackHost(host: string): host is LoopbackHost {
  return (loopbackHosts as readonly string[]).includes(host);
}

export function loopbackRefusal(host: string): string {
  return (
    `Refusing to listen on "${host}": web mode has no user accounts, so it only listens on the loopback interface ` +
    `(${loopbackHosts.join(', ')}). Use --host 127.0.0.1 (the default).`
  );
}

/** Host header values a browser on this machine sends for our port; anything else smells of DNS rebinding. */
export function allowedHostHeaders(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** A browser page may only open our WebSocket from our own origin; non-browser clients send no Origin. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  return hostHeader !== undefined && origin === `http://${hostHeader}`;
}

/** How the listening address appears in a URL. */
export function urlHost(host: LoopbackHost): string {
  return host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host;
}
