// The main process log: every line to stderr and to <OS log folder>/main.log, which starts over past 5 MB (one old copy kept).
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

export const maxLogBytes = 5 * 1024 * 1024;

export function createLogger(logDir: string, stderr: (text: string) => void = (text) => process.stderr.write(text)): { log: (line: string) => void; file: string } {
  const file = path.join(logDir, 'main.log');
  let usable = true;
  try {
    mkdirSync(logDir, { recursive: true });
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > maxLogBytes) renameSync(file, path.join(logDir, 'main.old.log'));
  } catch (error) {
    usable = false;
    stderr(`[log] cannot write ${file}: ${String(error)}\n`);
  }
  const log = (line: string): void => {
    stderr(`${line}\n`);
    if (!usable) return;
    try {
      // Synchronous, so the last lines before a crash are on disk.
      appendFileSync(file, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 });
    } catch {
      usable = false;
    }
  };
  return { log, file };
}
