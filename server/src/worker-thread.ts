import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createContext } from './context.js';
import type { ChangeSignals } from './db/change-signals.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { createLogger } from './logger.js';
import { startMaintenance } from './maintenance.js';
import { hasPendingWork, startWorker } from './worker.js';

/**
 * `parley start`'s flow worker, on a thread of its own: relaying events, reading tickets and sending mail take the
 * machine's other core instead of the API's. So does database upkeep (maintenance.ts). The thread opens its own
 * database connection (SQLite in WAL lets it read while the API writes; writes take turns) and hears the main
 * thread's change signals through its port.
 * This module is both sides: the main thread calls startWorkerThread, which starts this same file as the thread.
 */
interface ThreadData {
  parleyFlowWorker: true;
  config: Config;
  secret: string;
}

/** Main → thread: finish and end. Thread → main: nothing to do for a while, it may be ended. */
type ControlMessage = { stop: true } | { idle: true };

export interface WorkerThread {
  /** Lets the worker finish its current round, closes its connections and ends the thread. */
  stop(): Promise<void>;
}

/** A thread that died (a bug, or out of memory) is started again after this pause, so flows keep running. */
const RESTART_DELAY_MS = 1000;
/**
 * V8's young generation for the thread, capped like the main thread's (--max-semi-space-size), so a burst of
 * deliveries cannot grow it to V8's default. Idle RSS is the same either way (the thread's ~22 MB, measured, are
 * its isolate and loaded code).
 */
const YOUNG_GENERATION_MB = 6;
/** Nice value of the worker thread: 10 gives it about a tenth of a core's time against a busy API thread. */
const WORKER_NICE = 10;
/** How often the thread asks itself whether anything is left to do. */
const IDLE_CHECK_MS = 5000;

/**
 * The thread runs while there is work: it is started when an event is committed or a flow changes (or at start,
 * when something is waiting), and it ends itself after `idleExitMs` with no events, no unfinished runs, no active
 * schedule flow and nothing queued for the search index, which gives back the ~25 MB its isolate and modules hold.
 * While it is down, this thread's SQLite connection checkpoints on commit again.
 */
export function startWorkerThread(deps: {
  config: Readonly<Config>;
  secret: string;
  database: DatabaseHandle;
  signals: ChangeSignals;
  log: Logger;
}): WorkerThread {
  let stopping = false;
  let thread: Worker | undefined;
  let restart: NodeJS.Timeout | undefined;

  const spawn = () => {
    if (thread || stopping) return;
    clearTimeout(restart);
    restart = undefined;
    deps.database.setCheckpointOnCommit(false);
    const data: ThreadData = { parleyFlowWorker: true, config: deps.config, secret: deps.secret };
    const started = new Worker(new URL(import.meta.url), {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const disconnect = deps.signals.connect(started);
    let idleExit = false;
    started.on('message', (message: Partial<{ idle: true }>) => {
      if (message.idle !== true || stopping) return;
      idleExit = true;
      started.postMessage({ stop: true } satisfies ControlMessage);
    });
    started.on('error', (error) => deps.log.error({ err: error }, 'flow worker thread failed'));
    started.on('exit', (code) => {
      disconnect();
      if (thread === started) thread = undefined;
      deps.database.setCheckpointOnCommit(true);
      if (stopping) return;
      if (idleExit) {
        // Work committed while it was winding down would otherwise wait for the next event.
        void startIfWorkWaits();
        return;
      }
      deps.log.error({ code }, `flow worker thread exited; starting it again in ${RESTART_DELAY_MS} ms`);
      restart ??= setTimeout(spawn, RESTART_DELAY_MS);
    });
    thread = started;
  };

  const startIfWorkWaits = async () => {
    try {
      if (await hasPendingWork(deps.database.db)) spawn();
    } catch (error) {
      deps.log.error({ err: error }, 'could not check for flow work; starting the worker thread');
      spawn();
    }
  };
  const unsubscribe = [deps.signals.subscribe('outbox', spawn), deps.signals.subscribe('flows', spawn)];
  void startIfWorkWaits();

  return {
    async stop() {
      stopping = true;
      clearTimeout(restart);
      for (const off of unsubscribe) off();
      const running = thread;
      if (!running) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.postMessage({ stop: true } satisfies ControlMessage);
      });
    },
  };
}

/**
 * Lowers this thread's scheduling priority (Linux keeps a nice value per thread; pid 0 is the calling thread), so
 * that when both cores are busy the API's requests come first and notifications wait: a mail a second later is
 * fine, a slower queue page is not. The worker still gets its share under load and the whole machine when idle.
 */
function yieldToTheApi(log: Logger): void {
  try {
    os.setPriority(0, WORKER_NICE);
  } catch (error) {
    log.debug({ err: error }, 'could not lower the flow worker thread priority');
  }
}

async function runThread(data: ThreadData): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the flow worker thread has no parent port');
  const log = createLogger(data.config.logLevel);
  yieldToTheApi(log);
  const database = openDatabase(data.config.db);
  const ctx = await createContext({ config: data.config, database, secret: data.secret, log, listenForChanges: false });
  ctx.signals.connect(port);
  const worker = startWorker(ctx);
  // The main thread's connection leaves checkpoints to this one while it runs.
  const maintenance = startMaintenance({ database, log, checkpoints: true });
  let idleSince = Date.now();
  const idleCheck = setInterval(
    () => {
      void hasPendingWork(database.db).then(
        (busy) => {
          if (busy) idleSince = Date.now();
          else if (Date.now() - idleSince >= data.config.worker.idleExitMs) port.postMessage({ idle: true } satisfies ControlMessage);
        },
        (error: unknown) => log.warn({ err: error }, 'flow worker idle check failed'),
      );
    },
    Math.min(IDLE_CHECK_MS, data.config.worker.idleExitMs),
  );
  port.on('message', (message: Partial<{ stop: true }>) => {
    if (message.stop !== true) return;
    clearInterval(idleCheck);
    void (async () => {
      await worker.stop();
      await maintenance.stop();
      await ctx.signals.close();
      ctx.mailer.close();
      await database.close();
      // Closing the port lets the thread's event loop end, which ends the thread.
      port.close();
    })();
  });
}

if (!isMainThread && (workerData as Partial<ThreadData> | null)?.parleyFlowWorker) {
  runThread(workerData as ThreadData).catch((error: unknown) => {
    // The main thread logs the thread's exit and starts it again.
    process.stderr.write(`parley: flow worker thread could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
