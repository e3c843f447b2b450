// Web server: token and origin checks at upgrade, Host checks, static serving, CSP, test hook, bad frames.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { webContentSecurityPolicy } from './securityHeaders.ts';
import { BackendService } from './backendService.ts';
import { startWebServer } from './webServer.ts';
import type { WebServerHandle, WebServerOptions } from './webServer.ts';
import { FakeEngine } from './testing/fakeEngine.ts';
import { WsTestClient } from './testing/wsTestClient.ts';

const base = mkdtempSync(path.join(tmpdir(), 'virtlab-web-'));
const staticDir = path.join(base, 'renderer');
mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Virtlab</title>');
writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
writeFileSync(path.join(base, 'secret.txt'), 'top secret');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const servers: WebServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(extra: Partial<WebServerOptions> = {}) {
  const engine = new FakeEngine();
  const backend = new BackendService({ engine, transport: 'web', version: '0.1.0', log: () => undefined });
  const server = await startWebServer({ backend, staticDir, port: 0, log: () => undefined, ...extra });
  servers.push(server);
  return { engine, backend, server, wsUrl: `ws://127.0.0.1:${server.port}/api?token=${server.token}` };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
function request(port: number, pathname: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('web server: HTTP', () => {
  it('serves the renderer with the strict CSP and nosniff', async () => {
    const { server } = await start();
    const page = await request(server.port, '/?token=abc');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Virtlab</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['content-security-policy']).toBe(webContentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const css = await request(server.port, '/assets/app.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('refuses traversal and answers 404 for missing files, 405 for other methods', async () => {
    const { server } = await start();
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await request(server.port, p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body, p).not.toContain('top secret');
    }
    expect((await request(server.port, '/nope.js')).status).toBe(404);
    expect((await request(server.port, '/', { method: 'POST' })).status).toBe(405);
    const head = await request(server.port, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const { server } = await start();
    expect((await request(server.port, '/', { headers: { Host: 'evil.example:80' } })).status).toBe(403);
    expect((await request(server.port, '/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('explains how to build the renderer when dist/renderer is missing', async () => {
    const { server } = await start({ staticDir: path.join(base, 'nothing-here') });
    const page = await request(server.port, '/');
    expect(page.status).toBe(503);
    expect(page.body).toContain('npm run build:renderer');
    expect(page.headers['content-security-policy']).toBe(webContentSecurityPolicy);
  });

  it('refuses non-loopback hosts', async () => {
    const engine = new FakeEngine();
    const backend = new BackendService({ engine, transport: 'web', version: '0', log: () => undefined });
    await expect(startWebServer({ backend, staticDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(/Refusing to listen on "0.0.0.0"/);
  });

  it('exposes the crash hook only when enabled, and only with the token', async () => {
    const plain = await start();
    expect((await request(plain.server.port, `/__test__/crash-engine?token=${plain.server.token}`, { method: 'POST' })).status).toBe(404);
    expect(plain.engine.crashes).toEqual([]);

    const crashes: string[] = [];
    const hooked = await start({ onCrashRequest: () => crashes.push('crash') });
    expect((await request(hooked.server.port, '/__test__/crash-engine?token=wrong', { method: 'POST' })).status).toBe(401);
    expect((await request(hooked.server.port, `/__test__/crash-engine?token=${hooked.server.token}`)).status).toBe(405);
    expect(crashes).toEqual([]);
    expect((await request(hooked.server.port, `/__test__/crash-engine?token=${hooked.server.token}`, { method: 'POST' })).status).toBe(202);
    expect(crashes).toEqual(['crash']);
  });
});

describe('web server: WebSocket', () => {
  it('requires the launch token (401 otherwise)', async () => {
    const { server, wsUrl } = await start();
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=${server.token.slice(1)}`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api?token=x${server.token.slice(1)}`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).toBe(404);
    expect(await upgradeStatus(wsUrl)).toBe(101);
  });

  it('accepts only its own Origin (or none)', async () => {
    const { server, wsUrl } = await start();
    expect(await upgradeStatus(wsUrl, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(wsUrl, { Origin: `http://localhost:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(wsUrl, { Origin: `http://127.0.0.1:${server.port}` })).toBe(101);
  });

  it('answers calls and pushes events; malformed frames get BAD_REQUEST without closing', async () => {
    const { wsUrl, engine } = await start();
    const client = await WsTestClient.connect(wsUrl);
    expect(await client.call('getAppInfo')).toEqual({ kind: 'result', id: 1, ok: true, value: { name: 'Virtlab', version: '0.1.0', transport: 'web' } });

    client.socket.send('not json');
    expect(await client.waitFor((f) => f.kind === 'result' && f.id === null)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    client.socket.send(JSON.stringify({ kind: 'call', id: 77, method: 'launchMissiles', params: {} }));
    expect(await client.waitFor((f) => f.kind === 'result' && f.id === 77)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown method "launchMissiles".' } });
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    client.socket.send(JSON.stringify({ kind: 'call', id: 78, method: 'getAppInfo', params: {}, extra: 1 }));
    expect(await client.waitFor((f) => f.kind === 'result' && f.id === 78)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    engine.events.emit('changes', { machines: [], records: [], removed: ['gone'], events: [] });
    expect(await client.waitForEvent('machinesChanged')).toEqual({ machines: [], configChanged: [], removed: ['gone'] });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    await client.close();
  });

  it('closes only the offending connection for an oversized frame', async () => {
    const { wsUrl } = await start();
    const victim = await WsTestClient.connect(wsUrl);
    const closed = new Promise<number>((resolve) => victim.socket.once('close', (code) => resolve(code)));
    victim.socket.send('x'.repeat(1_048_577));
    expect(await closed).toBe(1009);
    const next = await WsTestClient.connect(wsUrl);
    expect(await next.call('getAppInfo')).toMatchObject({ ok: true });
    await next.close();
  });

  it('disconnects clients and stops on close()', async () => {
    const { wsUrl, server, backend } = await start();
    const client = await WsTestClient.connect(wsUrl);
    await client.call('getAppInfo');
    expect(backend.clientCount).toBe(1);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    await server.close();
    expect(await closed).toBe(1001);
    expect(backend.clientCount).toBe(0);
  });
});
