// The desktop shell's extras (menu commands, native dialogs) when the page runs in Electron; null in a browser.
import type { DesktopBridge } from '../../shared/api/desktop.ts';

export function desktopShell(host: unknown = globalThis): DesktopBridge | null {
  const bridge = (host as { virtlab?: Partial<DesktopBridge> }).virtlab;
  if (!bridge || typeof bridge.onMenuCommand !== 'function' || typeof bridge.saveExportFiles !== 'function' || typeof bridge.openApplianceFile !== 'function') return null;
  return bridge as DesktopBridge;
}
