import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

/**
 * The `parley` command. The only module that reads process.env and argv. Configuration errors print one line
 * per bad variable and exit 1, never a stack trace.
 */
const USAGE = `Usage: parley <command>

Commands:
  start                 run the server (and the flow worker, see PARLEY_RUN)
  worker                run only the flow worker (several may share one PostgreSQL database)
  migrate               apply pending database migrations and exit (a new database also gets its first admin)
  user create --email <email> [--password <pw>] [--role <Administrator|Agent|Customer>]
                        create an active user, Customer unless --role says otherwise (prints a generated
                        password when none is given)
  seed --bench [--tickets N] [--customers C] [--agents A] [--messages M]
                        fill an empty database with a realistic dataset for benchmarks
                        (defaults 100000 tickets, 2000 customers, 20 agents, 200000 messages)
  help                  show this text
`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  dotenv.config({ quiet: true });
  const loaded = loadConfig({ ...process.env });
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`parley: configuration error: ${problem}\n`);
    return 1;
  }
  const config = loaded.config;
  const logger = createLogger(config.logLevel);
  const print = (line: string) => process.stdout.write(`${line}\n`);

  switch (command) {
    case 'start': {
      // PARLEY_RUN=worker makes `parley start` a `parley worker` (one image, the role chosen by environment).
      if (config.run === 'worker') return main(['worker', ...rest]);
      const { startServer } = await import('./server.js');
      const server = await startServer(config, logger, print);
      const stop = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await server.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
      return -1;
    }
    case 'worker': {
      const { runWorkerCommand } = await import('./commands/worker.js');
      await runWorkerCommand(config, logger);
      return -1;
    }
    case 'migrate': {
      const { runMigrate } = await import('./commands/migrate.js');
      return runMigrate(config, print);
    }
    case 'user': {
      const { runUserCommand } = await import('./commands/user.js');
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' } },
      });
      return runUserCommand(config, positionals, values, print);
    }
    case 'seed': {
      const { runSeedCommand } = await import('./commands/seed.js');
      const { values } = parseArgs({
        args: rest,
        options: {
          bench: { type: 'boolean' },
          tickets: { type: 'string' },
          customers: { type: 'string' },
          agents: { type: 'string' },
          messages: { type: 'string' },
        },
      });
      if (!values.bench) {
        process.stderr.write('parley: only `parley seed --bench` exists so far\n');
        return 2;
      }
      const count = (value: string | undefined, fallback: number, name: string) => {
        const number = value === undefined ? fallback : Number(value);
        if (!Number.isInteger(number) || number < 0 || number > 50_000_000) throw new Error(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
        return number;
      };
      const size = {
        tickets: count(values.tickets, 100_000, 'tickets'),
        customers: Math.max(1, count(values.customers, 2_000, 'customers')),
        agents: Math.max(1, count(values.agents, 20, 'agents')),
        messages: count(values.messages, 200_000, 'messages'),
      };
      return runSeedCommand(config, size, print, (line) => process.stderr.write(line));
    }
    default:
      process.stderr.write(`parley: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`parley: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
