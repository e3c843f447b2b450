// Per-launch secret that web-mode clients must present, compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';

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
