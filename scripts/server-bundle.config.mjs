// The server as `parley` runs it: tsc's output (dist/server/src) bundled by rolldown into dist/server/bundle.
// Loading ~1,500 separate modules (kysely, typebox, fastify's dependencies) took about half of the start-up time;
// from a few bundled files the server is healthy in ~0.6 s instead of ~1.05 s, with ~8 MB less memory.
// The flow worker thread is an entry of its own, so that the thread starts from that file (worker-thread.ts passes
// its own URL to `new Worker`) and does not load the HTTP server's code.
export default {
  input: { main: 'dist/server/src/main.js', 'worker-thread': 'dist/server/src/worker-thread.js' },
  platform: 'node',
  // Native addons, packages loaded only when configured (pg, nodemailer), and pino (its transports start threads
  // from its own files) stay in node_modules.
  external: [/^better-sqlite3(\/|$)/, /^@node-rs\//, /^pg(\/|$)/, /^nodemailer(\/|$)/, /^pino(-[a-z]+)?(\/|$)/, /^thread-stream(\/|$)/],
  output: { dir: 'dist/server/bundle', format: 'esm' },
  logLevel: 'warn',
};
