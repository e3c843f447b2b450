// Hardening applied to every session and webContents: no permissions, no navigation, no new windows, no webviews.
import type { Session, WebContents } from 'electron';

const hardenedSessions = new WeakSet<Session>();
const hardenedContents = new WeakSet<WebContents>();

/** Virtlab needs no camera, notifications, USB, etc.; refusing everything shrinks what a compromised page can do. */
export function denyAllPermissions(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The renderer is a single page: any navigation, popup or webview is unexpected and refused. */
export function lockDownWebContents(contents: WebContents, log: (line: string) => void = () => undefined): void {
  if (hardenedContents.has(contents)) return;
  hardenedContents.add(contents);
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log(`[security] blocked navigation to ${event.url}`);
  });
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    log(`[security] blocked frame navigation to ${event.url}`);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`[security] blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}
