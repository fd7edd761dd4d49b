#!/usr/bin/env node
// Prints the README's configuration table from server/src/config.ts (run after a build): `node scripts/config-table.mjs`.
// With --write, replaces the table in README.md. A unit test checks that README lists every variable.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CONFIG_VARIABLES } = await import(pathToFileURL(path.join(root, 'dist', 'server', 'src', 'config.js')).href);
const rows = Object.entries(CONFIG_VARIABLES).map(([name, spec]) => {
  const fallback = spec.default === undefined ? '—' : `\`${spec.default === '' ? '(empty)' : spec.default}\``;
  return `| \`${name}\` | ${fallback} | ${spec.doc} |`;
});
const table = ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
if (!process.argv.includes('--write')) {
  process.stdout.write(`${table}\n`);
} else {
  const readmePath = path.join(root, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = readme.search(/^\| Variable /m);
  if (start < 0) throw new Error('README.md has no configuration table');
  const end = readme.indexOf('\n\n', start);
  fs.writeFileSync(readmePath, `${readme.slice(0, start)}${table}${readme.slice(end)}`);
}
