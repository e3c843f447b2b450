// Finds a usable Electron binary without triggering electron's own download-on-require.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of the Electron executable, or undefined when none is installed (e.g. ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function findElectronBinary(repoRoot: string): string | undefined {
  const packageDir = join(repoRoot, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(packageDir, 'dist', relative) : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}
