import { text } from 'node:stream/consumers';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult } from './load.js';

/**
 * The load generator process: reads a LoadPlan (JSON) on stdin, runs autocannon (warm-up, then the measured run)
 * and prints a LoadResult (JSON) on stdout.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(await text(process.stdin)) as LoadPlan;
  if (plan.warmup > 0) await run(plan, plan.warmup);
  const result = await run(plan, plan.duration);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const output: LoadResult = {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    seconds: result.duration,
  };
  process.stdout.write(JSON.stringify(output));
}

function run(plan: LoadPlan, duration: number): Promise<autocannon.Result> {
  let nextClient = 0;
  return autocannon({
    url: plan.url,
    connections: plan.connections,
    duration,
    timeout: 30,
    // Each connection gets its own request cycle (its person's token, its tickets), assigned in creation order.
    setupClient(client) {
      const cycle = plan.cycles[nextClient++ % plan.cycles.length];
      if (cycle) client.setRequests(cycle);
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
