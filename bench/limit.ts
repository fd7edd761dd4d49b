import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Api } from './api.js';
import { type LoadResult, runLoad } from './load.js';
import { freePort, type SeedResult } from './parley.js';
import { CUSTOMER_LIST_PATH } from './scenarios.js';

export interface LimitResult {
  result: LoadResult;
  /** The limit server answered every seeded customer with exactly Parley's body (byte for byte). */
  sameResponse: boolean;
  columns: string[];
}

const SERVER = path.join(import.meta.dirname, 'limit-server.js');

/**
 * Scenario (a)'s limit (issue #6 §3): starts bench/limit-server on the bench's SQLite database, checks that it
 * answers each customer with Parley's exact body, and measures it with the same autocannon settings.
 */
export async function measureLimit(
  api: Api,
  seed: SeedResult,
  dataDir: string,
  load: { connections: number; duration: number; warmup: number },
): Promise<LimitResult> {
  const tokens = await api.loginAll(seed.customers_login);
  const parleyBodies = await Promise.all(tokens.map((token) => bodyOf(`${api.url}${CUSTOMER_LIST_PATH}`, token)));
  // The columns a customer reads, in Parley's order (DESIGN §4 defaults: the customer's read field list).
  const first = parleyBodies.map((body) => (JSON.parse(body) as { data: Array<Record<string, unknown>> }).data[0]).find(Boolean);
  if (!first) throw new Error('(a) limit: no seeded customer with a login has tickets');
  const columns = Object.keys(first);

  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LIMIT_DATA_DIR: dataDir, LIMIT_PORT: String(port), LIMIT_COLUMNS: columns.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        if (output.includes('listening')) resolve();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk;
      });
      child.once('exit', (code) => reject(new Error(`the limit server exited with ${code}: ${output.trim()}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    const limitBodies = await Promise.all(tokens.map((token) => bodyOf(`${url}${CUSTOMER_LIST_PATH}`, token)));
    const sameResponse = limitBodies.every((body, index) => body === parleyBodies[index]);
    const result = await runLoad({
      url,
      ...load,
      cycles: tokens.map((token) => [{ method: 'GET', path: CUSTOMER_LIST_PATH, headers: { authorization: `Bearer ${token}` } }]),
    });
    return { result, sameResponse, columns };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function bodyOf(url: string, token: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}
