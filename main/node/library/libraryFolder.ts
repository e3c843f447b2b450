// Creates the library's folders, and turns "cannot write there" failures into a message that names the real cause.
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorCode, isAccessError } from './fsErrors.ts';
import type { LibraryLayout } from './libraryPaths.ts';

/** A library folder that cannot be created or written; `code` is the system's (EROFS, EACCES, ENOTDIR…). */
export class LibraryFolderError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'LibraryFolderError';
    this.code = code;
  }
}

export async function prepareLibraryFolder(layout: LibraryLayout): Promise<void> {
  try {
    await mkdir(layout.machinesDir, { recursive: true });
    await mkdir(layout.quarantineDir, { recursive: true });
  } catch (error) {
    throw await explainUnwritable(layout.root, error);
  }
}

/**
 * Why `root` cannot be written, found by asking the nearest folder that exists: Node's recursive mkdir reports a
 * read-only file system as ENOENT, which would send the user looking for a missing folder.
 */
export async function explainUnwritable(root: string, error: unknown): Promise<unknown> {
  const code = errorCode(error);
  if (code !== 'ENOENT' && code !== 'ENOTDIR' && !isAccessError(error)) return error;
  let folder = root;
  for (;;) {
    const info = await stat(folder).catch(() => undefined);
    if (info !== undefined) {
      if (!info.isDirectory()) return new LibraryFolderError('ENOTDIR', `${folder} is a file, not a folder, so the library ${root} cannot be created; choose another folder`);
      break;
    }
    const parent = path.dirname(folder);
    if (parent === folder) return error;
    folder = parent;
  }
  const denied = await access(folder, constants.W_OK).then(() => undefined, (accessError: unknown) => errorCode(accessError));
  const actual = denied ?? (isAccessError(error) ? code : undefined);
  const what = folder === root ? `The library folder ${root}` : `${folder}`;
  const consequence = folder === root ? '' : `, so the library ${root} cannot be created there`;
  if (actual === 'EROFS') return new LibraryFolderError('EROFS', `${what} is read-only (a read-only file system)${consequence}; choose another folder with --library DIR`);
  if (actual === 'EACCES' || actual === 'EPERM') {
    return new LibraryFolderError(actual, `${what} is read-only for you (permission denied)${consequence}; choose another folder with --library DIR or fix its permissions`);
  }
  return error;
}
