// Node file system error codes, read safely from anything thrown.

/** The `code` of a Node system error (ENOENT, EACCES…), or undefined for other values. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** Errors that say "you may not" rather than "this is broken": fixing permissions or the mount brings the file back. */
export function isAccessError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}
