import { spawn } from 'node:child_process';
import path from 'node:path';

/** One HTTP request autocannon sends; headers include the caller's `authorization` and `content-type`. */
export interface LoadRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A load run: `connections` keep-alive connections for `duration` seconds (after `warmup` seconds that are not
 * counted). Connection i repeats the request cycle `cycles[i % cycles.length]` — so each connection can carry its
 * own person's token and own tickets.
 */
export interface LoadPlan {
  url: string;
  connections: number;
  duration: number;
  warmup: number;
  cycles: LoadRequest[][];
}

export interface LoadResult {
  /** Mean of autocannon's per-second request counts. */
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p97_5: number; p99: number; mean: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  seconds: number;
}

const CHILD = path.join(import.meta.dirname, 'load-child.js');

/** Runs the plan with autocannon in a separate Node process, so the load generator never shares an event loop with the bench. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = spawn(process.execPath, [CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  child.stdin.end(JSON.stringify(plan));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`the autocannon process failed (exit ${code}): ${stderr.trim()}`);
  return JSON.parse(stdout) as LoadResult;
}
