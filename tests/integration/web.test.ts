import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebRoutes } from '../../server/src/features/web/web.routes.js';
import type { App } from '../../server/src/http/app-types.js';
import { registerErrorHandling } from '../../server/src/http/error-handler.js';
import { createLogger } from '../../server/src/logger.js';
import { REPO_ROOT } from '../support/spawn-parley.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testDatabases } from '../support/test-database.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const INDEX = '<!doctype html><title>fixture</title><script type="module" src="/assets/app-1a2b3c.js"></script>';

async function appServing(root: string, logLines: string[] = []): Promise<App> {
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  const log = createLogger('warn', logStream);
  const app = Fastify({ loggerInstance: log, routerOptions: { ignoreTrailingSlash: true } }) as unknown as App;
  registerErrorHandling(app);
  registerWebRoutes(app, { log }, { root });
  await app.ready();
  return app;
}

describe('serving the built web app', () => {
  let root: string;
  let app: App;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-web-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), INDEX);
    fs.writeFileSync(path.join(root, 'assets', 'app-1a2b3c.js'), 'console.log("app");');
    fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    fs.writeFileSync(path.join(root, '..', `secret-${path.basename(root)}.txt`), 'TOP-SECRET-CONTENT');
    app = await appServing(root);
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.join(root, '..', `secret-${path.basename(root)}.txt`), { force: true });
  });

  it('answers a browser asking for any app page with index.html, revalidated on every visit', async () => {
    for (const url of ['/', '/login', '/tickets/12', '/admin/users?filter=x', '/login/']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: HTML } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    }
  });

  it('serves hashed bundles as immutable and other files as they are', async () => {
    const bundle = await app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect(bundle.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('keeps API paths, missing bundles and non-HTML requests on the JSON 404', async () => {
    const requests = [
      { url: '/users/me/nope', accept: HTML },
      { url: '/auth/nope', accept: HTML },
      { url: '/items/support_ticket', accept: HTML },
      { url: '/server', accept: HTML },
      { url: '/deliveries/1/replay', accept: HTML },
      { url: '/assets/app-old.js', accept: HTML },
      { url: '/nope', accept: 'application/json' },
      { url: '/nope', accept: undefined },
    ];
    for (const { url, accept } of requests) {
      const response = await app.inject({ method: 'GET', url, headers: accept ? { accept } : {} });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().errors[0].extensions.code, url).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of [`/../secret-${path.basename(root)}.txt`, `/%2e%2e/secret-${path.basename(root)}.txt`, '/assets/..%2f..%2fpackage.json']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: '*/*' } });
      expect(response.body, url).not.toContain('TOP-SECRET-CONTENT');
      expect(response.statusCode, url).not.toBe(200);
    }
  });

  it('starts without a build, serving the API only and saying so in the log', async () => {
    const logLines: string[] = [];
    const bare = await appServing(path.join(root, 'missing'), logLines);
    const response = await bare.inject({ method: 'GET', url: '/login', headers: { accept: HTML } });
    expect(response.statusCode).toBe(404);
    expect(response.json().errors[0].extensions.code).toBe('ROUTE_NOT_FOUND');
    expect(logLines.join('')).toContain('web app not built');
    await bare.close();
  });
});

const isBuilt = fs.existsSync(path.join(REPO_ROOT, 'dist', 'web', 'index.html'));

describe.skipIf(!isBuilt)('the web app inside the real application (needs `npm run build`)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(testDatabases()[0] ?? 'sqlite');
  });
  afterAll(() => t?.close());

  it('loads under the CSP even with a dead session cookie, and unknown API routes stay JSON', async () => {
    const page = await t.inject({ method: 'GET', url: '/login', headers: { accept: HTML }, cookies: { parley_session_token: 'garbage' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const api = await t.inject({ method: 'GET', url: '/users/me/nope', headers: { accept: HTML }, token: 'garbage' });
    expect(api.statusCode).toBe(404);
    expect(api.json().errors[0].extensions.code).toBe('ROUTE_NOT_FOUND');
  });
});
