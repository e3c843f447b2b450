// Saves text or an image the user asked to export, through the browser's download mechanism (web mode and Electron alike).
export function downloadUrl(filename: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(filename, url);
  // The click has started the download; the URL is only needed for that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file-name-safe version of a machine name ("web 01/a" → "web-01-a"). */
export function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'machine';
}
