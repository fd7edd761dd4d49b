#!/usr/bin/env node
// `npm test`: builds the app (the CLI and browser tests run the real build), then runs every suite with vitest,
// then the browser tests (tests/e2e, vitest.e2e.config.ts) in Debian's Chromium.
// Extra arguments go to vitest and select one run: `npm test -- tests/integration/auth.test.ts` runs that file,
// `npm test -- tests/e2e/sign-in.spec.ts` (any argument naming tests/e2e) only the browser tests.
// TEST_DB=sqlite limits the integration suites to SQLite; without PostgreSQL they are skipped loudly
// locally and fail in CI (CI=true). Without /usr/bin/chromium the browser tests are skipped loudly locally and
// fail in CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const CHROMIUM = '/usr/bin/chromium';

const built = run([path.join(root, 'scripts', 'build.mjs')]);
if (built !== 0) process.exit(built);

const args = process.argv.slice(2);
// With arguments, one run: the browser tests when an argument names them, the other suites otherwise.
const namesE2e = args.some((arg) => arg.includes('tests/e2e'));
if (args.length === 0 || !namesE2e) {
  const status = run([vitest, 'run', ...args]);
  if (status !== 0 || args.length > 0) process.exit(status);
}

if (!fs.existsSync(CHROMIUM)) {
  const line = '!'.repeat(78);
  process.stderr.write(`\n${line}\n!! ${CHROMIUM} is missing: the browser tests (tests/e2e) are SKIPPED.\n`);
  process.stderr.write(`!! Install it with: apt-get install chromium. CI fails on this.\n${line}\n\n`);
  process.exit(process.env.CI ? 1 : 0);
}
process.exit(run([vitest, 'run', '--config', 'vitest.e2e.config.ts', ...args]));
