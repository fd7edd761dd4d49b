import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeliveryResult } from './flow-deliveries.js';
import type { LimitResult } from './limit.js';
import type { LoadResult } from './load.js';

/** Everything one bench run measured; printed as one table and written as JSON to bench/results/. */
export interface BenchReport {
  date: string;
  commit: string;
  database: string;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string; busyPercentBefore: number };
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; smoke: boolean };
  dataset: { tickets: number; customers: number; agents: number; messages: number; seedSeconds: number };
  server: {
    startToHealthyMs: number;
    rebuiltOnStart: boolean;
    rssIdleMb: number;
    rssPeakMb: number;
    vmHwmMb: number;
    logged: { warnings: number; errors: number; samples: string[] };
  };
  scenarios: ScenarioReport[];
  limit: (LimitResult & { parleyShare: number }) | { skipped: string } | { error: string } | null;
  deliveries: DeliveryResult | { error: string } | null;
  notes: string[];
}

export interface ScenarioReport {
  id: string;
  title: string;
  request: string;
  result?: LoadResult;
  error?: string;
}

/** The machine, with how busy it was (CPU %) just before Parley started. */
export function machine(busyPercentBefore: number): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    busyPercentBefore: Math.round(busyPercentBefore),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : number(value)) : '–');

/** The report as a Markdown table (formatted as Biome formats the README) plus a few lines of context. */
export function formatReport(report: BenchReport): string {
  const rows: string[][] = [['scenario', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'errors', 'non-2xx']];
  const loadRow = (label: string, result: LoadResult) => [
    label,
    number(result.requestsPerSecond),
    ms(result.latencyMs.p50),
    ms(result.latencyMs.p97_5),
    ms(result.latencyMs.p99),
    number(result.errors),
    number(result.non2xx),
  ];
  // Failures and skips get a short cell; their text goes below the table.
  const notes: string[] = [];
  const failed = (label: string, error: string) => {
    notes.push(`${label} failed: ${error}`);
    return [label, 'failed', '', '', '', '', ''];
  };
  for (const scenario of report.scenarios) {
    const label = `(${scenario.id}) ${scenario.title}`;
    rows.push(scenario.result ? loadRow(label, scenario.result) : failed(label, scenario.error ?? '?'));
    if (scenario.id === 'a' && report.limit) {
      if ('result' in report.limit) {
        rows.push(loadRow('(a) limit: bare Fastify + better-sqlite3', report.limit.result));
        rows.push(['(a) Parley / limit', `${number(report.limit.parleyShare * 100)} %`, '', '', '', '', '']);
      } else if ('skipped' in report.limit) notes.push(`(a) limit skipped: ${report.limit.skipped}`);
      else rows.push(failed('(a) limit', report.limit.error));
    }
  }
  if (report.deliveries) {
    if ('error' in report.deliveries) rows.push(failed('(j) flow deliveries', report.deliveries.error));
    else {
      const { latency, sustained } = report.deliveries;
      rows.push([
        `(j) commit → webhook latency (${latency.samples} tickets at ${latency.ratePerSecond}/s)`,
        '',
        ms(latency.p50Ms),
        '',
        ms(latency.p99Ms),
        '',
        '',
      ]);
      rows.push([
        `(j) sustained deliveries (${number(sustained.tickets)} tickets, ${sustained.totalSeconds.toFixed(1)} s)`,
        number(sustained.perSecond),
        '',
        '',
        '',
        '',
        '',
      ]);
    }
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const table = [line(rows[0]), `| ${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width - 1)}` : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`];
  for (const row of rows.slice(1)) table.push(line(row));

  const { server, dataset, machine, settings } = report;
  const lines = [
    ...table,
    '',
    `Server memory: ${number(server.rssIdleMb)} MB RSS idle, ${number(server.rssPeakMb)} MB peak (sampled every 200 ms; VmHWM ${number(server.vmHwmMb)} MB)`,
    `Start to healthy: ${number(server.startToHealthyMs)} ms (spawn of \`parley start\` → first 200 of /server/health, existing database)${server.rebuiltOnStart ? ' — includes a rebuild: sources changed during the run' : ''}`,
    `Dataset: ${number(dataset.tickets)} tickets, ${number(dataset.customers)} customers, ${number(dataset.agents)} agents, ${number(dataset.messages)} messages; seeded in ${dataset.seedSeconds} s`,
    `Database: ${report.database}`,
    `Load: autocannon in a separate process, ${settings.connections} connections, ${settings.durationSeconds} s per scenario after ${settings.warmupSeconds} s warm-up, on the same machine`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, Node ${machine.node}; ${number(machine.busyPercentBefore)} % busy before the run`,
    `Commit: ${report.commit}, ${report.date}`,
  ];
  for (const note of [...notes, ...report.notes]) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

/** Writes bench/results/<timestamp>-<db>.json and returns its path. */
export function writeReport(report: BenchReport, directory: string, db: 'sqlite' | 'postgres'): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${report.date.replace(/[:.]/g, '-')}-${db}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
