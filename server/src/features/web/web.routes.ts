import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyRequest } from 'fastify';
import { API_PATH_PREFIXES } from '../../../../common/src/api-paths.js';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';

/**
 * Unknown routes under API paths keep answering 404 ROUTE_NOT_FOUND JSON, even for a browser asking for HTML, so a
 * mistyped API URL never returns the web app.
 */
const API_PREFIXES: ReadonlySet<string> = new Set(API_PATH_PREFIXES);

/** Vite puts content-hashed bundles here: they never change under the same name, so browsers may keep them. */
const HASHED_ASSETS = '/assets/';

/**
 * Serves the built web app (dist/web) at `/`: its files as they are, and index.html for any other GET that accepts
 * HTML (client-side routes such as /login or /tickets/12). Reads no credentials, so a stale session cookie can never
 * break loading the app itself. Without a build the server still starts, API only, and says so in the log.
 */
export function registerWebRoutes(app: App, ctx: Pick<AppContext, 'log'>, options: { root?: string } = {}): void {
  const root = options.root ?? defaultWebRoot();
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    ctx.log.warn({ root }, 'web app not built: serving the API only (run `npm run build`)');
    return;
  }
  // Only files present at start are served, looked up by exact path: no path from a request ever reaches the disk.
  const files = listFiles(root);
  void app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { schema: { hide: true }, config: { authenticate: false } }, async (request, reply) => {
    const pathname = pathOf(request);
    if (pathname === undefined || API_PREFIXES.has(pathname.split('/')[1] ?? '')) return reply.callNotFound();
    const isHashedAsset = pathname.startsWith(HASHED_ASSETS);
    if (files.has(pathname) && pathname !== '/index.html') {
      return reply.sendFile(pathname.slice(1), isHashedAsset ? { maxAge: '365d', immutable: true } : { maxAge: 0 });
    }
    // A missing bundle (an old page after a deploy) must fail as a 404, not load index.html as a script.
    if (isHashedAsset || !acceptsHtml(request)) return reply.callNotFound();
    // index.html names the current bundles; it must be revalidated on every visit so a deploy takes effect.
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}

/** dist/web under the package root, found from this module's place (server/src/… or dist/server/src/…). */
function defaultWebRoot(): string {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('dist', 'web');
    dir = parent;
  }
  return path.join(dir, 'dist', 'web');
}

function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.add(`${prefix}${entry.name}`);
    }
  };
  walk(root, '/');
  return files;
}

function pathOf(request: FastifyRequest): string | undefined {
  const raw = request.url.split('?')[0] ?? '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && /\btext\/html\b/i.test(accept);
}
