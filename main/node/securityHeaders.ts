// Content-Security-Policy and companion headers for everything served to the renderer (web mode and app://).
export const webContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** In Electron the renderer talks over IPC, so it needs no WebSocket origins at all. */
export const electronContentSecurityPolicy = webContentSecurityPolicy.replace(
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "connect-src 'self'",
);

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The web-mode URL carries the launch token; never leak it through Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
