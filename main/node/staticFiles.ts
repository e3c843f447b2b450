// Resolves URL paths to files under a root folder safely (no traversal, no dotfiles, no symlink escape).
import { promises as fs } from 'node:fs';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a URL pathname (still percent-encoded) to a path inside `root`, or null when it must not be served. */
export function resolveStaticPath(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  // Refuse rather than normalise: a request containing ".." or a dotfile is never a legitimate asset.
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.'))) return null;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const resolvedRoot = path.resolve(root);
  const full = path.resolve(resolvedRoot, `.${relative}`);
  return full.startsWith(resolvedRoot + path.sep) ? full : null;
}

export type StaticFile =
  | { status: 200; body: Buffer; contentType: string }
  | { status: 400 | 404; body: string; contentType: string };

const notFound: StaticFile = { status: 404, body: 'Not found', contentType: 'text/plain; charset=utf-8' };

/** Reads the file a URL path names under `root`; refuses traversal and symlinks pointing outside the root. */
export async function readStaticFile(root: string, urlPathname: string): Promise<StaticFile> {
  const filePath = resolveStaticPath(root, urlPathname);
  if (!filePath) return { status: 400, body: 'Bad path', contentType: 'text/plain; charset=utf-8' };
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(filePath)]);
    if (!realFile.startsWith(realRoot + path.sep)) return notFound;
    const stat = await fs.stat(realFile);
    if (!stat.isFile()) return notFound;
    return { status: 200, body: await fs.readFile(realFile), contentType: contentTypeFor(realFile) };
  } catch {
    return notFound;
  }
}

export async function directoryExists(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
