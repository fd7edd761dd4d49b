import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig, parseDuration } from './config.js';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.http.port).toBe(8055);
    expect(result.config.http.host).toBe('0.0.0.0');
    expect(result.config.http.publicUrl).toBe('http://localhost:8055');
    expect(result.config.db).toEqual({ dialect: 'sqlite', file: path.resolve('data', 'parley.db'), busyTimeoutMs: 5000 });
    expect(result.config.auth.accessTokenTtlMs).toBe(15 * 60_000);
    expect(result.config.http.bodyLimit).toBe(1024 * 1024);
    expect(result.config.mail.smtp).toBeUndefined();
    expect(Object.isFrozen(result.config)).toBe(true);
  });

  it('names the variable, the value and what is expected for a bad value', () => {
    expect(loadConfig({ PORT: 'abc' })).toEqual({ ok: false, problems: ['PORT="abc" is invalid: expected an integer from 1 to 65535.'] });
    expect(loadConfig({ PORT: '70000' })).toEqual({ ok: false, problems: ['PORT="70000" is invalid: expected an integer from 1 to 65535.'] });
  });

  it('reports every bad variable at once', () => {
    const result = loadConfig({ PORT: '-1', AUTH_ACCESS_TOKEN_TTL: 'soon', DATABASE_URL: 'mysql://x', SMTP_SECURE: 'maybe', AUTH_SECRET: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'PORT="-1" is invalid: expected an integer from 1 to 65535.',
      'DATABASE_URL="mysql://x" is invalid: expected sqlite:<file> or postgres://user@host/db.',
      'AUTH_SECRET="short" is invalid: expected at least 32 characters.',
      'AUTH_ACCESS_TOKEN_TTL="soon" is invalid: expected a duration such as 900s, 15m, 12h or 7d.',
      'SMTP_SECURE="maybe" is invalid: expected true or false.',
    ]);
  });

  it('picks the dialect from DATABASE_URL', () => {
    const pg = loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', DB_POOL_MAX: '7' });
    expect(pg.ok && pg.config.db).toEqual({ dialect: 'postgres', url: 'postgres://u@localhost/db', poolMax: 7 });
    const file = loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' });
    expect(file.ok && file.config.db).toMatchObject({ dialect: 'sqlite', file: '/tmp/x.db' });
  });

  it('treats empty values as unset and trims values', () => {
    const result = loadConfig({ PORT: '', HOST: ' 127.0.0.1 ', ADMIN_EMAIL: 'Boss@Example.com' });
    expect(result.ok && result.config.http).toMatchObject({ port: 8055, host: '127.0.0.1' });
    expect(result.ok && result.config.auth.adminEmail).toBe('boss@example.com');
  });

  it('marks cookies Secure when the public URL is https', () => {
    const result = loadConfig({ PUBLIC_URL: 'https://help.example.com/' });
    expect(result.ok && result.config.auth.cookieSecure).toBe(true);
    expect(result.ok && result.config.http.publicUrl).toBe('https://help.example.com');
  });

  it('refuses a default limit above the maximum', () => {
    const result = loadConfig({ QUERY_LIMIT_DEFAULT: '500', QUERY_LIMIT_MAX: '100' });
    expect(result.ok).toBe(false);
  });

  it('parses durations', () => {
    expect(parseDuration('900ms')).toBe(900);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('7d')).toBe(604_800_000);
  });

  it('is documented: the README configuration table lists every variable', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    for (const name of Object.keys(CONFIG_VARIABLES)) expect(readme, name).toContain(`| \`${name}\``);
  });
});
