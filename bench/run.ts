import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Api } from './api.js';
import { type BenchDatabase, createBenchDatabase } from './database.js';
import { measureDeliveries } from './flow-deliveries.js';
import { measureLimit } from './limit.js';
import { runLoad } from './load.js';
import { type BenchOptions, parseOptions, USAGE } from './options.js';
import { buildParley, machineBusyPercent, REPO_ROOT, type RunningParley, readMemory, seedDatabase, startParley, waitUntilQuiet } from './parley.js';
import { type BenchReport, formatReport, machine, type ScenarioReport, writeReport } from './report.js';
import { SCENARIOS } from './scenarios.js';

/**
 * `npm run bench` (issue #6): builds Parley, seeds a fresh database with `parley seed --bench`, starts the built
 * server with production settings, drives the scenarios over HTTP with autocannon from a separate process,
 * measures scenario (a)'s limit and the flow delivery figures, and prints one table (also written as JSON).
 */
async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const cleanups: Array<() => Promise<void>> = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  };
  const interrupted = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await bench(options, cleanups);
  } finally {
    await cleanUp();
  }
}

async function bench(options: BenchOptions, cleanups: Array<() => Promise<void>>): Promise<number> {
  log('building (node scripts/build.mjs)…');
  buildParley();
  const database: BenchDatabase = await createBenchDatabase(options.db);
  cleanups.push(() => database.drop());
  const notes: string[] = [];

  log(`seeding ${options.tickets.toLocaleString('en')} tickets on ${database.kind} (parley seed --bench)…`);
  const seed = await seedDatabase(database.env, options);

  // Sources may have changed while seeding: build again now (a no-op when up to date), so that `parley start`
  // does not rebuild inside the start-to-healthy measurement.
  buildParley();
  // Other work on the machine skews every figure: measure how busy it is before starting.
  const busyBefore = await machineBusyPercent();
  log('starting parley…');
  const parley: RunningParley = await startParley(database.env);
  cleanups.push(() => parley.stop());
  await sleep(1000);
  const rssIdleMb = readMemory(parley.pid)?.rssMb ?? Number.NaN;
  log(`healthy after ${Math.round(parley.startToHealthyMs)} ms, ${Math.round(rssIdleMb)} MB RSS idle`);

  const api = new Api(parley.url);
  const load = { connections: options.connections, duration: options.duration, warmup: options.warmup };
  const wanted = (id: string) => options.scenarios === null || options.scenarios.has(id);
  const scenarios: ScenarioReport[] = [];
  let limit: BenchReport['limit'] = null;
  // Reads first, on the dataset as seeded: the writes of (b) and (i) give each bench customer hundreds of new
  // tickets, which would change what (a) and (d) measure. The report keeps the a–i order.
  const writes = new Set(['b', 'i']);
  const order = [...SCENARIOS.filter((candidate) => !writes.has(candidate.id)), ...SCENARIOS.filter((candidate) => writes.has(candidate.id))];
  for (const scenario of order.filter((candidate) => wanted(candidate.id))) {
    await waitUntilQuiet(parley.pid);
    log(`(${scenario.id}) ${scenario.title}…`);
    const report: ScenarioReport = { id: scenario.id, title: scenario.title, request: scenario.request };
    scenarios.push(report);
    try {
      const cycles = await scenario.build({ api, seed });
      report.result = await runLoad({ url: parley.url, ...load, cycles });
    } catch (error) {
      report.error = message(error);
      log(`(${scenario.id}) failed: ${report.error}`);
    }
    if (scenario.id === 'a') limit = await limitOf(database, api, seed, report, load);
  }

  let deliveries: BenchReport['deliveries'] = null;
  if (wanted('j')) {
    await waitUntilQuiet(parley.pid);
    log('(j) flow deliveries…');
    try {
      deliveries = await measureDeliveries(api, seed, options);
    } catch (error) {
      deliveries = { error: message(error) };
      log(`(j) failed: ${deliveries.error}`);
    }
  }

  const memory = readMemory(parley.pid);
  const rssPeakMb = parley.memory.peakMb;
  await parley.stop();
  if (parley.rebuiltOnStart) notes.push('bin/parley.js rebuilt dist/ before starting (sources changed during the run): start to healthy includes that build.');
  if (busyBefore > 15) notes.push(`the machine was ${Math.round(busyBefore)} % busy before Parley started: figures are lower than on an idle machine.`);
  const logged = parley.logProblems();
  if (logged.errors + logged.warnings > 0)
    notes.push(`the server logged ${logged.errors} errors and ${logged.warnings} warnings (first: ${logged.samples[0] ?? ''})`);
  if (database.kind === 'postgres') notes.push("RSS is the Parley process's only; PostgreSQL's own memory is not counted.");
  if (limit && 'result' in limit && !limit.sameResponse)
    notes.push("the limit server's body differed from Parley's for at least one customer: compare before trusting the ratio.");

  const report: BenchReport = {
    date: new Date().toISOString(),
    commit: commit(),
    database: await database.describe(),
    machine: machine(busyBefore),
    settings: { connections: options.connections, durationSeconds: options.duration, warmupSeconds: options.warmup, smoke: options.smoke },
    dataset: { tickets: seed.tickets, customers: seed.customers, agents: seed.agents, messages: seed.messages, seedSeconds: seed.seconds },
    server: {
      startToHealthyMs: Math.round(parley.startToHealthyMs),
      rebuiltOnStart: parley.rebuiltOnStart,
      rssIdleMb: round(rssIdleMb),
      rssPeakMb: round(Math.max(rssPeakMb, memory?.rssMb ?? 0)),
      vmHwmMb: round(memory?.hwmMb ?? Number.NaN),
      logged,
    },
    scenarios: scenarios.sort((x, y) => x.id.localeCompare(y.id)),
    limit,
    deliveries,
    notes,
  };
  const file = writeReport(report, path.join(REPO_ROOT, 'bench', 'results'), database.kind);
  process.stdout.write(`\n${formatReport(report)}\n\nWritten to ${path.relative(process.cwd(), file)}\n`);
  return options.smoke ? smokeCheck(report) : 0;
}

async function limitOf(
  database: BenchDatabase,
  api: Api,
  seed: Awaited<ReturnType<typeof seedDatabase>>,
  parleyA: ScenarioReport,
  load: { connections: number; duration: number; warmup: number },
): Promise<BenchReport['limit']> {
  if (database.kind !== 'sqlite') return { skipped: 'SQLite only (the limit is a better-sqlite3 handler)' };
  log('(a) limit: bare Fastify + better-sqlite3…');
  try {
    const limit = await measureLimit(api, seed, database.dataDir, load);
    const parleyShare = (parleyA.result?.requestsPerSecond ?? Number.NaN) / limit.result.requestsPerSecond;
    return { ...limit, parleyShare };
  } catch (error) {
    log(`(a) limit failed: ${message(error)}`);
    return { error: message(error) };
  }
}

/** --smoke: every scenario ran, made requests and got only 2xx answers; (j) delivered every webhook. Never a speed. */
function smokeCheck(report: BenchReport): number {
  const problems: string[] = [];
  for (const scenario of report.scenarios) {
    const result = scenario.result;
    if (!result) problems.push(`(${scenario.id}) failed: ${scenario.error}`);
    else if (result.requests === 0) problems.push(`(${scenario.id}) made no requests`);
    else if (result.non2xx > 0 || result.errors > 0)
      problems.push(`(${scenario.id}) got ${result.non2xx} non-2xx answers and ${result.errors} errors: ${JSON.stringify(result.statusCodes)}`);
  }
  if (report.limit && !('skipped' in report.limit)) {
    if ('error' in report.limit) problems.push(`(a) limit failed: ${report.limit.error}`);
    else if (report.limit.result.requests === 0 || report.limit.result.non2xx > 0) problems.push('(a) limit: no requests or non-2xx answers');
  }
  if (report.deliveries && 'error' in report.deliveries) problems.push(`(j) failed: ${report.deliveries.error}`);
  for (const problem of problems) process.stderr.write(`bench smoke: ${problem}\n`);
  if (problems.length === 0) process.stderr.write('bench smoke: every scenario answered 2xx\n');
  return problems.length === 0 ? 0 : 1;
}

function commit(): string {
  const run = (args: string[]) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = run(['rev-parse', '--short', 'HEAD']) || 'unknown';
  return run(['status', '--porcelain']) ? `${head} (with uncommitted changes)` : head;
}

const round = (value: number) => Math.round(value * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${message(error)}\n`);
    process.exit(1);
  },
);
