import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, seriousAccessibilityViolations, type TestBrowser, type TestPage } from '../support/browser.js';
import { linkFromMailLog } from '../support/mail-log.js';
import { freePort, type ParleyProcess, runParley } from '../support/spawn-parley.js';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'admin-password-123';

describe('signing in through the web app', () => {
  let dataDir: string;
  let server: ParleyProcess;
  let browser: TestBrowser;
  let current: TestPage | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-'));
    const port = String(await freePort());
    server = runParley(['start'], {
      DATA_DIR: dataDir,
      PORT: port,
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    await server.waitHealthy(60_000);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    // Every test ends without Content-Security-Policy violations or uncaught errors in the page.
    const problems = current?.problems ?? [];
    await current?.page.close();
    current = undefined;
    expect(problems).toEqual([]);
  });

  async function open(pathname: string): Promise<Page> {
    current = await browser.newPage();
    await current.page.goto(`${server.url}${pathname}`);
    return current.page;
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('the login page has no serious accessibility problems', async () => {
    const page = await open('/login');
    await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'login');
  });

  it('an admin signs in, lands where they were going in the admin console, and signs out', async () => {
    const page = await open('/admin/users');
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers$/);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);

    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const section of ['Tickets', 'Agents', 'Users', 'Roles & permissions', 'Ticket schema', 'Activity', 'Flows']) {
      expect(await nav.getByRole('link', { name: section }).isVisible(), section).toBe(true);
    }
    await nav.getByRole('link', { name: 'Roles & permissions' }).click();
    await page.getByRole('heading', { name: 'Roles & permissions', level: 1 }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'admin-console');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByText('You have signed out.').waitFor();
    // The session is gone on the server too: the console sends us back to the login page.
    await page.goto(`${server.url}/admin/tickets`);
    await page.waitForURL(/\/login\?next=/);
  });

  it('a wrong password shows a readable message, not the server’s JSON', async () => {
    const page = await open('/login');
    await signIn(page, ADMIN_EMAIL, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.getByText('Wrong email or password.', { exact: false }).waitFor();
    expect(await alert.textContent()).not.toMatch(/[{}]|INVALID_CREDENTIALS/);
    expect(page.url()).toMatch(/\/login$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'login-wrong-password');
  });

  it('an invited customer accepts the invitation, signs in to the customer portal on a phone, and signs out', async () => {
    const customerEmail = 'casey.customer@example.com';
    const password = 'casey-password-1';
    await inviteCustomer(server.url, customerEmail);
    const link = await linkFromMailLog(dataDir, customerEmail, '/accept-invite');
    expect(link.startsWith(`${server.url}/accept-invite?token=`)).toBe(true);

    const page = await open(link.slice(server.url.length));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Welcome to Parley' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'accept-invite-phone');
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(password);
    await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill('something-else-1');
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Activate my account' }).click();

    await page.waitForURL(/\/login$/);
    await page.getByText('Your account is ready.', { exact: false }).waitFor();
    await signIn(page, customerEmail, password);
    await page.waitForURL(/\/tickets$/);
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'customer-portal-phone');

    // On a phone the navigation sits behind the menu button.
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New ticket' }).click();
    await page.getByRole('heading', { name: 'New ticket', level: 1 }).waitFor();
    // A customer typing an admin address is sent back to their own portal.
    await page.goto(`${server.url}/admin/users`);
    await page.waitForURL(/\/tickets$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);

    // The link works once.
    await page.goto(link);
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill(password);
    await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByRole('alert').getByText('expired or was already used', { exact: false }).waitFor();
  });

  it('a customer who forgot their password gets a link by mail, chooses a new one and signs in with it', async () => {
    const email = 'fran.forgetful@example.com';
    await adminRequest(server.url, 'POST', '/users', { email, password: 'old-password-1', role: await customerRoleId(server.url) });

    const page = await open('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(`If an account exists for ${email}, a mail with a reset link is on its way.`).waitFor();

    const link = await linkFromMailLog(dataDir, email, '/reset-password');
    await page.goto(link);
    await page.getByRole('textbox', { name: 'New password', exact: true }).fill('new-password-1');
    await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill('new-password-1');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByText('Your password has been changed.', { exact: false }).waitFor();
    await signIn(page, email, 'new-password-1');
    await page.waitForURL(/\/tickets$/);
  });
});

/** One API call as the admin (json login, bearer token); resolves with `data`. */
async function adminRequest(baseUrl: string, method: string, pathname: string, body?: unknown): Promise<unknown> {
  const json = { 'content-type': 'application/json' };
  const login = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : json) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname} failed: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : ((await response.json()) as { data: unknown }).data;
}

async function customerRoleId(baseUrl: string): Promise<string> {
  const roles = (await adminRequest(baseUrl, 'GET', '/roles')) as Array<{ id: string; name: string }>;
  const customer = roles.find((role) => role.name === 'Customer');
  if (!customer) throw new Error('no Customer role');
  return customer.id;
}

/** Invites `email` as a Customer through the API, as the admin would from the console. */
async function inviteCustomer(baseUrl: string, email: string): Promise<void> {
  await adminRequest(baseUrl, 'POST', '/users/invite', { email, role: await customerRoleId(baseUrl) });
}
