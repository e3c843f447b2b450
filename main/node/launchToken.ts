// The web-mode secret clients must present: kept owner-only in the library so it survives restarts, rotated on demand.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export const tokenFileName = 'web-token';
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a random token is no secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenOrigin = 'kept' | 'created' | 'rotated';

/**
 * The library's web token: the stored one, so a tab left open across a restart keeps working, or a new one when there
 * is none, it is damaged, `rotate` asks for it, or the file could have been read by others (not owner-only).
 */
export async function libraryToken(libraryDir: string, options: { rotate: boolean }): Promise<{ token: string; origin: TokenOrigin }> {
  const file = path.join(libraryDir, tokenFileName);
  const existing = await readOwnerOnlyToken(file);
  if (existing !== undefined && !options.rotate) return { token: existing, origin: 'kept' };
  const token = createLaunchToken();
  await writeOwnerOnly(libraryDir, file, `${token}\n`);
  return { token, origin: options.rotate ? 'rotated' : 'created' };
}

async function readOwnerOnlyToken(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile() || (process.platform !== 'win32' && (info.mode & 0o077) !== 0)) return undefined;
    const token = (await readFile(file, 'utf8')).trim();
    return tokenPattern.test(token) ? token : undefined;
  } catch {
    return undefined;
  }
}

async function writeOwnerOnly(dir: string, file: string, content: string): Promise<void> {
  const temp = path.join(dir, `.${tokenFileName}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
