import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, SCREENSHOT_DIR } from './browser.js';
import { POSTGRES_URL } from './global-setup.js';
import { type SmtpPeer, startSmtpPeer } from './smtp-peer.js';
import { freePort, type ParleyProcess, runParley } from './spawn-parley.js';

/**
 * The pieces of the helpdesk browser tests: a real built server on a fresh database (SQLite, or its own PostgreSQL
 * schema) sending mail to a real SMTP peer, and one browser with a separate context (cookies, storage) per person.
 */

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-123';

export type E2eDialect = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too in CI (CI set) or when E2E_POSTGRES=1. */
export function e2eDialects(): E2eDialect[] {
  return process.env.CI || process.env.E2E_POSTGRES === '1' ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface Desk {
  server: ParleyProcess;
  smtp: SmtpPeer;
  url: string;
  stop(): Promise<void>;
}

/** Starts `parley start` on a fresh database with mail going to an SMTP peer. */
export async function startDesk(dialect: E2eDialect): Promise<Desk> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
  const database = dialect === 'postgres' ? await createPostgresSchema() : undefined;
  const smtp = await startSmtpPeer();
  const port = String(await freePort());
  const server = runParley(['start'], {
    DATA_DIR: dataDir,
    PORT: port,
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  await server.waitHealthy(60_000);
  return {
    server,
    smtp,
    url: server.url,
    async stop() {
      await server.stop();
      await smtp.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema in the test PostgreSQL (as tests/support/test-database.ts makes them), dropped afterwards. */
async function createPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_POSTGRES_URL ?? POSTGRES_URL;
  const schema = `e2e_${Date.now().toString(36)}_${Math.random().toString(16).slice(2, 10)}`;
  const withClient = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await withClient(`create schema "${schema}"`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => withClient(`drop schema if exists "${schema}" cascade`) };
}

/** The link to `pathname` in the first mail the SMTP peer received for `address`. */
export async function linkFromMail(smtp: SmtpPeer, address: string, pathname: string): Promise<string> {
  const mail = await smtp.waitForMail(address, 10_000);
  const link = new RegExp(`https?://[^\\s"'<>]+${pathname}\\?token=[\\w-]+`).exec(mail.parsed.text ?? '')?.[0];
  if (!link) throw new Error(`the mail to ${address} has no ${pathname} link:\n${mail.parsed.text}`);
  return link;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** CSP violations, uncaught page errors and JavaScript dialogs (alert, confirm): each means something is broken. */
  problems: string[];
}

export interface People {
  /** A new person: their own browser context, so sessions never mix. */
  open(viewport?: { width: number; height: number }): Promise<Person>;
  close(): Promise<void>;
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launchPeople(): Promise<People> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    async open(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'en-US' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) problems.push(`CSP: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      return { context, page, problems };
    },
    close: () => browser.close(),
  };
}

/** Fills the login form and waits to land in an area. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Opens an invitation link, chooses a password, and signs in with it. */
export async function acceptInvitation(page: Page, baseUrl: string, link: string, email: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Activate my account' }).click();
  await page.waitForURL(/\/login$/);
  await signIn(page, baseUrl, email, password);
}

/**
 * One API call from inside a signed-in page (same origin, its session cookie), as the web app makes them.
 * Resolves with `data`; throws with the server's answer otherwise.
 */
export async function apiInPage<T = unknown>(page: Page, method: string, pathname: string, body?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ method, pathname, body }) => {
      const response = await fetch(pathname, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, pathname, body },
  );
  if (result.status >= 300) throw new Error(`${method} ${pathname} failed: ${result.status} ${result.text}`);
  return result.text ? (JSON.parse(result.text) as { data: T }).data : (undefined as T);
}

/** One API call with a bearer token from a json login (for setting up data outside the browser). */
export async function apiAs<T = unknown>(baseUrl: string, token: string, method: string, pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathname} failed: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as { data: T }).data : (undefined as T);
}

export async function loginToken(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { access_token: string } }).data.access_token;
}

/** The id of a role by name, read with an admin's token. */
export async function roleId(baseUrl: string, adminToken: string, name: string): Promise<string> {
  const roles = await apiAs<Array<{ id: string; name: string }>>(baseUrl, adminToken, 'GET', '/roles?fields=id,name');
  const role = roles.find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

/** Saves what fits in the window (not the full page) to tests/artifacts/screenshots/<name>.png, for the README. */
export async function saveViewportScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
