// app:// protocol: privileged registration, CSP on every response, traversal and foreign hosts refused.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { electronContentSecurityPolicy } from '../node/securityHeaders.ts';

const protocol = vi.hoisted(() => ({ registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }));
vi.mock('electron', () => ({ protocol }));
const { handleAppProtocol, registerAppScheme, respondToAppRequest } = await import('./appProtocol.ts');

const base = mkdtempSync(path.join(tmpdir(), 'virtlab-app-'));
const rendererDir = path.join(base, 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<title>Virtlab</title>');
writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'export {}');
writeFileSync(path.join(base, 'secret.txt'), 'secret');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => respondToAppRequest(rendererDir, new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme and handles it', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }),
    ]);
    handleAppProtocol(rendererDir);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves the renderer with the CSP and content types', async () => {
    const page = await get('app://virtlab/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<title>Virtlab</title>');
    expect(page.headers.get('content-security-policy')).toBe(electronContentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://virtlab/assets/index.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://virtlab/')).status).toBe(200);
  });

  it('refuses traversal, other hosts, missing files and non-GET methods', async () => {
    for (const url of ['app://virtlab/%2e%2e/secret.txt', 'app://virtlab/..%2fsecret.txt', 'app://virtlab/assets/..%5c..%5csecret.txt']) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('secret');
    }
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://virtlab/missing.js')).status).toBe(404);
    expect((await get('app://virtlab/index.html', 'POST')).status).toBe(405);
  });

  it('keeps the Electron CSP free of WebSocket origins', () => {
    expect(electronContentSecurityPolicy).toContain("connect-src 'self';");
    expect(electronContentSecurityPolicy).not.toContain('ws:');
    expect(electronContentSecurityPolicy).toContain("object-src 'none'");
  });
});
