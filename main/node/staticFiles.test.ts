// Static file resolution: traversal, encoded tricks, dotfiles and symlink escapes are refused.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeFor, readStaticFile, resolveStaticPath } from './staticFiles.ts';

const base = mkdtempSync(path.join(tmpdir(), 'virtlab-static-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<h1>hi</h1>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(base, 'secret.txt'), 'secret');
symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveStaticPath', () => {
  it('maps / to index.html and keeps paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/.env',
    '/assets/%00.js',
    '/%E0%A4%A',
    'relative',
  ])('refuses %s', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });
});

describe('readStaticFile', () => {
  it('serves files with their content type', async () => {
    const file = await readStaticFile(root, '/assets/app.js');
    expect(file.status).toBe(200);
    expect(file.contentType).toBe('text/javascript; charset=utf-8');
    expect(String(file.body)).toBe('console.log(1)');
  });

  it('answers 404 for missing files, directories and symlinks leading outside the root', async () => {
    expect((await readStaticFile(root, '/missing.js')).status).toBe(404);
    expect((await readStaticFile(root, '/assets')).status).toBe(404);
    expect((await readStaticFile(root, '/assets/link.txt')).status).toBe(404);
    expect((await readStaticFile(root, '/../secret.txt')).status).toBe(400);
  });

  it('knows common asset types', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
