// Saves a file the backend returned (base64) through the browser's download, which Electron turns into a save dialog.
import { base64ToBytes } from './base64.ts';

export function downloadFile(name: string, mediaType: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mediaType || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled; revoke on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
