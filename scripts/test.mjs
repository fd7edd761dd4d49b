#!/usr/bin/env node
// `npm test`: builds the app (the CLI and browser tests run the real build), then runs every suite with vitest.
// Extra arguments go to vitest, e.g. `npm test -- tests/integration/auth.test.ts`.
// TEST_DB=sqlite limits the integration suites to SQLite; without PostgreSQL they are skipped loudly
// locally and fail in CI (CI=true).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const built = run([path.join(root, 'scripts', 'build.mjs')]);
if (built !== 0) process.exit(built);
process.exit(run([path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)]));
