#!/usr/bin/env node
// Builds the server (tsc → dist/, then bundled into dist/server/bundle, see scripts/server-bundle.config.mjs) and,
// when present, the web app (vite → dist/web). Without --force it only rebuilds when a source file is newer than
// the last build, so `npm start` stays fast on a built checkout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = [
  'server/src',
  'common/src',
  'migrations',
  'web',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/server-bundle.config.mjs',
];

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

export function isBuildStale() {
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return sources.some((source) => newestMtime(source) > built);
}

function run(command, args, { quiet = false } = {}) {
  // quiet: the tool's summary (rolldown lists every chunk) is dropped; its warnings and errors still show.
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(`parley: build step failed: ${command} ${args.join(' ')}\n`);
    process.exit(result.status ?? 1);
  }
}

export function build() {
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  run(bin('rolldown'), ['--config', path.join('scripts', 'server-bundle.config.mjs')], { quiet: true });
  if (fs.existsSync(path.join(root, 'web', 'vite.config.ts'))) run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  fs.writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const force = process.argv.includes('--force');
  if (force || isBuildStale()) {
    process.stderr.write('parley: building…\n');
    build();
  }
}
