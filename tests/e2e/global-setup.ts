import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH } from '../support/browser.js';
import { REPO_ROOT } from '../support/spawn-parley.js';

/**
 * Builds once before the browser tests (only when sources changed), so parallel servers never race to rebuild, and
 * fails early with a clear message when Chromium or the web build is missing.
 */
export default function setup(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`browser tests need Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed; see above');
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'web', 'index.html'))) throw new Error('dist/web/index.html is missing after the build');
}
