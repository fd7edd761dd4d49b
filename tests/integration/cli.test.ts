import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runParley, runParleyToEnd } from '../support/spawn-parley.js';
import { createTestDatabase, type TestDatabase, testDatabases } from '../support/test-database.js';

describe('parley CLI configuration errors', () => {
  it('PORT=abc prints one clear line and exits non-zero, without a stack trace', async () => {
    const result = await runParleyToEnd(['start'], { PORT: 'abc' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual(['parley: configuration error: PORT="abc" is invalid: expected an integer from 1 to 65535.']);
    expect(result.stdout).toBe('');
  });

  it('an unknown command prints usage and exits 2', async () => {
    const result = await runParleyToEnd(['frobnicate'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: parley <command>');
  });
});

for (const dialect of testDatabases()) {
  describe(`parley start on a fresh ${dialect} database`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
    });
    afterAll(() => database?.drop());

    it('creates the first admin once, prints the password once, and that admin can log in', async () => {
      const port = String(await freePort());
      const env = { DATA_DIR: database.dataDir, PORT: port, HOST: '127.0.0.1', ...(dialect === 'postgres' ? { DATABASE_URL: database.url } : {}) };
      const first = runParley(['start'], env);
      await first.waitHealthy();
      await waitFor(() => first.stdout().includes('Sign in:'));
      const password = /Password:\s+(\S+)/.exec(first.stdout())?.[1] as string;
      expect(first.stdout()).toContain('First admin: admin@example.com');
      expect(password).toMatch(/^[\w-]{12,}$/);

      const login = await fetch(`${first.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.com', password }),
      });
      expect(login.status).toBe(200);
      const { data } = (await login.json()) as { data: { access_token: string } };
      const me = await fetch(`${first.url}/users/me`, { headers: { authorization: `Bearer ${data.access_token}` } });
      expect(((await me.json()) as { data: { email: string } }).data.email).toBe('admin@example.com');
      expect(await first.stop()).toBe(0);

      const second = runParley(['start'], env);
      await second.waitHealthy();
      await second.stop();
      expect(second.stdout()).not.toContain('Password:');
      const stillWorks = await runParleyToEnd(['migrate'], env);
      expect(stillWorks.code).toBe(0);
      expect(stillWorks.stdout).toContain('Database is up to date.');
    });

    it('a first start that cannot listen (port in use) still prints the admin it created, who can sign in later', async () => {
      const fresh = await createTestDatabase(dialect);
      const blocker = net.createServer().listen(0, '127.0.0.1');
      await once(blocker, 'listening');
      try {
        const env = { DATA_DIR: fresh.dataDir, HOST: '127.0.0.1', ...(dialect === 'postgres' ? { DATABASE_URL: fresh.url } : {}) };
        const failed = await runParleyToEnd(['start'], { ...env, PORT: String((blocker.address() as net.AddressInfo).port) });
        expect(failed.code).not.toBe(0);
        expect(failed.stderr).toContain('EADDRINUSE');
        const password = /Password:\s+(\S+)/.exec(failed.stdout)?.[1] as string;
        expect(password).toMatch(/^[\w-]{12,}$/);
        const started = runParley(['start'], { ...env, PORT: String(await freePort()) });
        await started.waitHealthy();
        const login = await fetch(`${started.url}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@example.com', password }),
        });
        expect(login.status).toBe(200);
        expect(await started.stop()).toBe(0);
      } finally {
        blocker.close();
        await fresh.drop();
      }
    });

    it('parley user create adds an active user who can log in', async () => {
      const env = { DATA_DIR: database.dataDir, ...(dialect === 'postgres' ? { DATABASE_URL: database.url } : {}) };
      const created = await runParleyToEnd(['user', 'create', '--email', 'Agent.Smith@Example.com', '--password', 'agent-password-1', '--role', 'Agent'], env);
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('Created Agent agent.smith@example.com');
      const duplicate = await runParleyToEnd(['user', 'create', '--email', 'agent.smith@example.com'], env);
      expect(duplicate.code).toBe(1);
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
