import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Parley run the way a user runs it: the built `parley` command as a child process. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(REPO_ROOT, 'bin', 'parley.js');

/** What `parley seed --bench` prints as its last stdout line. */
export interface SeedResult {
  tickets: number;
  customers: number;
  agents: number;
  messages: number;
  seconds: number;
  admin: Account;
  customers_login: Account[];
  agents_login: Account[];
  search_word: string;
}

export interface Account {
  email: string;
  password: string;
}

/** `node scripts/build.mjs`: rebuilds dist/ (server and web app) only when sources changed. */
export function buildParley(): void {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${result.status})`);
}

/** Production-like settings shared by `parley seed` and `parley start`; `env` adds DATA_DIR / DATABASE_URL / PORT. */
export function parleyEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    // The login scenario must measure argon2, not the throttle (it only counts failures, but be explicit).
    AUTH_LOGIN_MAX_FAILURES: '100000',
    // Loopback is on the default deny list; the flow scenario delivers to a receiver on 127.0.0.1.
    FLOW_DENY_NETWORKS: '169.254.0.0/16,fe80::/10',
    ...env,
  };
}

/** Runs `parley seed --bench …` on the empty database; fails clearly when this checkout has no seed command. */
export async function seedDatabase(env: Record<string, string>, size: { tickets: number; customers: number; agents: number; messages: number }) {
  const args = ['seed', '--bench', '--tickets', size.tickets, '--customers', size.customers, '--agents', size.agents, '--messages', size.messages].map(String);
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: parleyEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    process.stderr.write(chunk); // the seed's progress bar
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (/unknown command "seed"|only `parley seed --bench`/.test(stderr) || (code === 2 && !stdout)) {
    throw new Error(
      'this checkout has no `parley seed --bench` command (issue #6 §1); the bench needs it to generate its dataset.\n' +
        `  ran: node bin/parley.js ${args.join(' ')}\n  exit ${code}: ${stderr.trim().split('\n').slice(-3).join('\n  ')}`,
    );
  }
  if (code !== 0) throw new Error(`parley seed failed (exit ${code}):\n${stderr.trim()}`);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  let result: SeedResult;
  try {
    result = JSON.parse(last) as SeedResult;
  } catch {
    throw new Error(`parley seed did not end with a JSON line on stdout; its last line was: ${JSON.stringify(last.slice(0, 300))}`);
  }
  for (const key of ['admin', 'customers_login', 'agents_login', 'search_word'] as const) {
    if (!result[key]) throw new Error(`parley seed's JSON has no "${key}": ${last.slice(0, 300)}`);
  }
  if (result.customers_login.length === 0 || result.agents_login.length === 0) throw new Error('parley seed returned no customer or agent logins');
  return result;
}

export interface RunningParley {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of /server/health. */
  startToHealthyMs: number;
  /** Whether `bin/parley.js` rebuilt dist/ before starting (sources changed meanwhile), which inflates start time. */
  rebuiltOnStart: boolean;
  /** RSS sampled every 200 ms from spawn on. */
  memory: MemorySampler;
  /** Warnings and errors the server logged (pino level ≥ 40): counts and the first few lines. */
  logProblems(): { warnings: number; errors: number; samples: string[] };
  stop(): Promise<void>;
}

/** The arguments of `npm start` after `node` (Node flags included), so the bench starts Parley exactly as users do. */
function startArguments(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [program, ...args] = manifest.scripts.start.trim().split(/\s+/);
  if (program !== 'node' || !args.includes('start'))
    throw new Error(`expected "start": "node … bin/parley.js start" in package.json, found ${JSON.stringify(manifest.scripts.start)}`);
  return args.map((arg) => (arg.endsWith('.js') ? path.join(REPO_ROOT, arg) : arg));
}

/** `parley start` on a free port; resolves once /server/health answers 200. */
export async function startParley(env: Record<string, string>): Promise<RunningParley> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, startArguments(), {
    cwd: REPO_ROOT,
    env: parleyEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not spawn parley start');
  const memory = sampleMemory(child.pid);
  let output = '';
  let partial = '';
  const problems = { warnings: 0, errors: 0, samples: [] as string[] };
  const keep = (chunk: Buffer) => {
    output = (output + chunk).slice(-20_000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
      if (level < 40) continue;
      if (level >= 50) problems.errors++;
      else problems.warnings++;
      if (problems.samples.length < 5) problems.samples.push(line.slice(0, 500));
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    memory.stop();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitHealthy(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const startToHealthyMs = performance.now() - started;
  return {
    url,
    pid: child.pid,
    startToHealthyMs,
    rebuiltOnStart: output.includes('parley: building'),
    memory,
    logProblems: () => problems,
    stop,
  };
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`parley start exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/server/health`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`parley did not answer /server/health with 200 within 120 s:\n${output()}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (peak RSS the kernel saw) of a process, in MB; null when it is gone. */
export function readMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

export interface MemorySampler {
  /** The largest VmRSS sampled so far, in MB. */
  readonly peakMb: number;
  stop(): void;
}

/** Samples a process's RSS every `intervalMs` until stopped. */
export function sampleMemory(pid: number, intervalMs = 200): MemorySampler {
  let peakMb = 0;
  const sample = () => {
    const memory = readMemory(pid);
    if (memory && memory.rssMb > peakMb) peakMb = memory.rssMb;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    get peakMb() {
      return peakMb;
    },
    stop() {
      sample();
      clearInterval(timer);
    },
  };
}

/**
 * Waits until the process is nearly idle (under 5 % of a core over 250 ms) or `maxMs` passed, so a scenario does
 * not pay for the flow work and WAL checkpoints the previous one left behind. Returns the milliseconds waited.
 */
export async function waitUntilQuiet(pid: number, maxMs = 30_000): Promise<number> {
  const ticks = () => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  };
  const started = performance.now();
  for (;;) {
    const before = ticks();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const used = ticks() - before;
    // Clock ticks are 10 ms on Linux: at most one tick in 250 ms is under 5 %.
    if (!(used > 1) || performance.now() - started > maxMs) return Math.round(performance.now() - started);
  }
}

/** Share of CPU time the whole machine spent busy over `ms` (from /proc/stat), 0–100; NaN off Linux. */
export async function machineBusyPercent(ms = 1000): Promise<number> {
  const read = () => {
    try {
      const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
      const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
      return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
    } catch {
      return null;
    }
  };
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = read();
  if (!before || !after || after.total === before.total) return Number.NaN;
  return 100 * (1 - (after.idle - before.idle) / (after.total - before.total));
}
