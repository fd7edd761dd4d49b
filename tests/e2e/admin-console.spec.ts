import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOT_DIR, saveScreenshot, seriousAccessibilityViolations, type TestBrowser, type TestPage } from '../support/browser.js';
import { linkFromMailLog } from '../support/mail-log.js';
import { freePort, type ParleyProcess, runParley } from '../support/spawn-parley.js';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'admin-password-123';
const CUSTOMER = { email: 'cora.customer@example.com', password: 'cora-password-1', first_name: 'Cora', last_name: 'Customer' };
const ALEX = { email: 'alex.agent@example.com', password: 'alex-password-1', first_name: 'Alex', last_name: 'Agent' };
const BO = { email: 'bo.busy@example.com', password: 'bo-password-12', first_name: 'Bo', last_name: 'Busy' };

// The admin console of issue #4 §4, one screen after the other, on a fresh SQLite database. Each page is checked
// with axe (serious and critical violations fail) and saved as a screenshot.
describe('the admin console', () => {
  let dataDir: string;
  let server: ParleyProcess;
  let browser: TestBrowser;
  let current: TestPage | undefined;
  let api: (method: string, pathname: string, body?: unknown) => Promise<unknown>;
  const ids: { customer?: string; alexAgent?: string; boAgent?: string; tickets: number[] } = { tickets: [] };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-admin-'));
    const port = String(await freePort());
    server = runParley(['start'], {
      DATA_DIR: dataDir,
      PORT: port,
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
    });
    [, browser] = await Promise.all([server.waitHealthy(60_000), launchBrowser()]);
    api = await adminApi(server.url);

    const roles = (await api('GET', '/roles')) as Array<{ id: string; name: string }>;
    const roleId = (name: string) => roles.find((role) => role.name === name)?.id;
    const customer = (await api('POST', '/users', { ...CUSTOMER, role: roleId('Customer') })) as { id: string };
    ids.customer = customer.id;
    for (const [person, team] of [
      [ALEX, 'support'],
      [BO, 'sales'],
    ] as const) {
      const user = (await api('POST', '/users', { ...person, role: roleId('Agent') })) as { id: string };
      const agent = (await api('POST', '/items/agents', { user: user.id, team, available: true })) as { id: string };
      if (person === ALEX) ids.alexAgent = agent.id;
      else ids.boAgent = agent.id;
    }
    for (const message of ['The invoice shows the wrong address.', 'I cannot reset my password.']) {
      const ticket = (await api('POST', '/items/support_ticket', {
        customer_name: 'Cora Customer',
        customer_email: CUSTOMER.email,
        issue_type: 'Billing',
        message,
      })) as { id: number };
      ids.tickets.push(ticket.id);
    }
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

  /** A fresh tab (cookies cleared) signed in as `email`, on `pathname`. */
  async function signedIn(pathname: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<Page> {
    await current?.page.close();
    current = await browser.newPage();
    const page = current.page;
    await page.goto(`${server.url}/login?next=${encodeURIComponent(pathname)}`);
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === pathname);
    return page;
  }

  /** Lets opening dialogs and menus finish fading in: axe and screenshots would catch their half-transparent colours. */
  async function settle(page: Page): Promise<void> {
    // A string, as the server's tsconfig has no DOM types; it runs in the page.
    await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      .then(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))))`);
  }

  /**
   * axe finds no serious or critical problem, and the page is saved as tests/artifacts/screenshots/<name>.png: the
   * whole page from the top, or what is on screen while a dialog is open.
   */
  async function check(page: Page, name: string): Promise<void> {
    await settle(page);
    expect(await seriousAccessibilityViolations(page), name).toEqual([]);
    if ((await page.getByRole('dialog').count()) > 0) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
    } else {
      await page.evaluate('window.scrollTo(0, 0)');
      await saveScreenshot(page, name);
    }
  }

  it('invites a user as an agent and adds them to the agents; the invitation is mailed', async () => {
    const page = await signedIn('/admin/users');
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: CUSTOMER.email }).waitFor();
    await check(page, 'admin-users');

    await page.getByRole('button', { name: 'Invite a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a user' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('dana.new@example.com');
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Agent' });
    const addToAgents = dialog.getByRole('checkbox', { name: 'Also add to the agents', exact: false });
    expect(await addToAgents.isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Team' }).fill('billing');
    await check(page, 'admin-users-invite');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').getByText('An invitation was sent to dana.new@example.com, who is now an agent in the billing team.').waitFor();

    const link = await linkFromMailLog(dataDir, 'dana.new@example.com', '/accept-invite');
    expect(link.startsWith(`${server.url}/accept-invite?token=`)).toBe(true);
    const row = page.getByRole('row').filter({ hasText: 'dana.new@example.com' });
    await row.getByText('invited').waitFor();
    await row.getByText('Agent', { exact: true }).waitFor();
    const agents = (await api('GET', '/items/agents?fields=team,user.email')) as Array<{ team: string; user: { email: string } }>;
    expect(agents.find((agent) => agent.user.email === 'dana.new@example.com')?.team).toBe('billing');

    // Resending replaces the link: the first one stops working.
    await row.getByRole('button', { name: 'Resend the invitation to dana.new@example.com' }).click();
    await page.getByRole('status').getByText('A new invitation was sent to dana.new@example.com.').waitFor();
    await expect.poll(() => linkFromMailLog(dataDir, 'dana.new@example.com', '/accept-invite')).not.toBe(link);
  });

  it('suspends a user and reactivates them', async () => {
    const page = await signedIn('/admin/users');
    await page.getByRole('textbox', { name: 'Search' }).fill('cora');
    const row = page.getByRole('row').filter({ hasText: CUSTOMER.email });
    await row.getByText('active', { exact: true }).waitFor();

    await row.getByRole('button', { name: `Actions for ${CUSTOMER.email}` }).click();
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    await page.getByRole('dialog', { name: 'Suspend this user?' }).getByRole('button', { name: 'Suspend' }).click();
    await row.getByText('suspended', { exact: true }).waitFor();
    expect(((await api('GET', `/users/${ids.customer}`)) as { status: string }).status).toBe('suspended');
    const refused = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CUSTOMER.email, password: CUSTOMER.password }),
    });
    expect(refused.status).toBe(401);

    await row.getByRole('button', { name: `Actions for ${CUSTOMER.email}` }).click();
    await page.getByRole('menuitem', { name: 'Reactivate' }).click();
    await row.getByText('active', { exact: true }).waitFor();
    expect(((await api('GET', `/users/${ids.customer}`)) as { status: string }).status).toBe('active');
  });

  it('makes an agent unavailable, so the assignment picker no longer offers them, and bulk-assigns two tickets', async () => {
    const page = await signedIn('/admin/agents');
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    const boSwitch = page.getByRole('switch', { name: 'Bo Busy is available' });
    await boSwitch.waitFor();
    await check(page, 'admin-agents');
    await boSwitch.click({ force: true });
    await page.getByRole('status').getByText('Bo Busy is now away', { exact: false }).waitFor();
    await expect.poll(() => boSwitch.isChecked()).toBe(false);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('heading', { name: 'All tickets', level: 1 }).waitFor();
    const [first, second] = ids.tickets as [number, number];
    await page.getByRole('checkbox', { name: `Select ticket #${first}` }).check();
    await page.getByRole('checkbox', { name: `Select ticket #${second}` }).check();
    await page.getByText('2 selected').waitFor();
    await check(page, 'admin-tickets-selected');

    await page.getByRole('button', { name: 'Assign to agent' }).click();
    const alex = page.getByRole('menuitem', { name: /Alex Agent/ });
    await alex.waitFor();
    expect(await page.getByRole('menuitem', { name: /Bo Busy/ }).count()).toBe(0);
    expect(await alex.textContent()).toContain('0 open');
    await settle(page);
    // The README's admin screenshot (docs/screenshots/admin-tickets.png) is a copy of this one.
    await saveScreenshot(page, 'admin-tickets');

    await alex.click();
    await page.getByRole('status').getByText('Assigned 2 tickets to Alex Agent.').waitFor();
    const tickets = (await api(
      'GET',
      `/items/support_ticket?fields=id,assigned_to&filter=${encodeURIComponent(JSON.stringify({ id: { _in: ids.tickets } }))}`,
    )) as Array<{
      assigned_to: string;
    }>;
    expect(tickets.map((ticket) => ticket.assigned_to)).toEqual([ids.alexAgent, ids.alexAgent]);
    await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Alex Agent' });
    await page
      .getByRole('row')
      .filter({ hasText: `#${first}` })
      .getByText('Alex Agent')
      .waitFor();

    // The admin's view of one ticket: details, thread and a reply.
    await page.getByRole('link', { name: `#${first}`, exact: true }).click();
    await page.getByRole('heading', { name: `Ticket #${first}`, level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Your reply to the customer' }).fill('<img src=x onerror=alert(1)> We are on it.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    // User content is text, never HTML.
    await page.getByText('<img src=x onerror=alert(1)> We are on it.').waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    await check(page, 'admin-ticket');
  });

  it('adds a dropdown custom field, shows it to customers, and deletes it', async () => {
    let page = await signedIn('/admin/schema');
    await page.getByRole('heading', { name: 'Ticket schema', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add a custom field' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a custom field' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('region');
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Dropdown (choices)' });
    await dialog.getByRole('textbox', { name: 'Choice 1' }).fill('Europe');
    await dialog.getByRole('textbox', { name: 'Choice 2' }).fill('Americas');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await page.getByRole('status').getByText('The field region was added.', { exact: false }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'region' });
    await row.getByText('Europe, Americas').waitFor();

    const shown = row.getByRole('switch', { name: 'Show region to customers' });
    expect(await shown.isChecked()).toBe(false);
    await shown.click({ force: true });
    await page.getByRole('status').getByText('Customers now see region', { exact: false }).waitFor();
    await expect.poll(() => shown.isChecked()).toBe(true);
    await check(page, 'admin-schema');

    // The customer's own view of the schema now includes the field.
    page = await signedIn('/tickets', CUSTOMER.email, CUSTOMER.password);
    const customerFields = (await page.evaluate(async () => {
      const response = await fetch('/fields/support_ticket', { credentials: 'same-origin' });
      return ((await response.json()) as { data: Array<{ field: string }> }).data.map((field) => field.field);
    })) as string[];
    expect(customerFields).toContain('region');

    page = await signedIn('/admin/schema');
    await page.getByRole('button', { name: 'Delete region' }).click();
    await page.getByRole('dialog', { name: 'Delete the field region?' }).getByRole('button', { name: 'Delete field' }).click();
    await page.getByRole('status').getByText('The field region and its values were deleted.').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'region' }).count()).toBe(0);
    // Built-in fields cannot be deleted, so they offer no button.
    expect(await page.getByRole('button', { name: 'Delete issue_type' }).count()).toBe(0);
    const customerRows = (await api('GET', '/permissions?limit=-1')) as Array<{ fields: string[] | null }>;
    expect(customerRows.some((permission) => permission.fields?.includes('region'))).toBe(false);
  });

  it('adds the issue type "Account"', async () => {
    const page = await signedIn('/admin/schema');
    await page.getByRole('button', { name: 'Edit issue_type' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the field issue_type' });
    await dialog.getByRole('button', { name: 'Add choice' }).click();
    await dialog.getByRole('textbox', { name: 'Choice 4' }).fill('Account');
    await check(page, 'admin-schema-edit-issue-type');
    await dialog.getByRole('button', { name: 'Save field' }).click();
    await page.getByRole('status').getByText('The field issue_type was saved.').waitFor();
    await page.getByRole('row').filter({ hasText: 'issue_type' }).getByText('Billing, Technical Issue, General Inquiry, Account').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
    await page.getByRole('combobox', { name: 'Issue type' }).locator('option', { hasText: 'Account' }).waitFor({ state: 'attached' });
  });

  it('refuses an invalid rule for the Customer role with the server’s readable message, and restores the rule', async () => {
    const page = await signedIn('/admin/roles');
    await page.getByRole('heading', { name: 'Roles & permissions', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Roles' }).getByRole('link', { name: 'Customer' }).click();
    const cell = page.getByRole('button', { name: 'ticket_message read: Custom rule' });
    await cell.waitFor();
    await check(page, 'admin-roles');

    // An admin role shows "full access" instead of the grid.
    await page
      .getByRole('navigation', { name: 'Roles' })
      .getByRole('link', { name: /Administrator/ })
      .click();
    await page.getByText('People with this role can see and change everything', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Roles' }).getByRole('link', { name: 'Customer' }).click();

    await cell.click();
    const dialog = page.getByRole('dialog', { name: 'Customer: read on ticket_message' });
    // The default rule is simple enough for the builder.
    await dialog.getByRole('combobox', { name: 'Field 1' }).waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Field 1' }).inputValue()).toBe('ticket.user_created');
    expect(await dialog.getByRole('textbox', { name: 'Value 1' }).inputValue()).toBe('$CURRENT_USER');
    await check(page, 'admin-roles-rule-builder');
    await dialog.getByRole('tab', { name: 'JSON' }).click();
    const json = dialog.getByRole('textbox', { name: 'Rule (JSON)' });
    const original = JSON.parse(await json.inputValue());
    expect(original).toEqual({ _and: [{ ticket: { user_created: { _eq: '$CURRENT_USER' } } }, { internal: { _eq: false } }] });

    await json.fill('{"nope": {"_eq": 1}');
    await dialog.getByRole('button', { name: 'Save permission' }).click();
    await dialog.getByText('This is not valid JSON', { exact: false }).waitFor();

    await json.fill('{"nope": {"_eq": 1}}');
    await dialog.getByRole('button', { name: 'Save permission' }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: 'Not saved' });
    await alert.getByText('Invalid rule: Field "nope" does not exist in collection "ticket_message".').waitFor();
    expect(await alert.textContent()).not.toMatch(/[{}]|INVALID_PAYLOAD/);
    await alert.scrollIntoViewIfNeeded();
    await check(page, 'admin-roles-invalid-rule');

    await json.fill(JSON.stringify(original, null, 2));
    await dialog.getByRole('button', { name: 'Save permission' }).click();
    await page.getByRole('status').getByText('Saved: read on ticket_message for Customer (custom rule).').waitFor();
    const rows = (await api('GET', '/permissions?limit=-1')) as Array<{ collection: string; action: string; role: string; permissions: unknown }>;
    const roles = (await api('GET', '/roles')) as Array<{ id: string; name: string }>;
    const customerRole = roles.find((role) => role.name === 'Customer')?.id;
    expect(rows.find((row) => row.role === customerRole && row.collection === 'ticket_message' && row.action === 'read')?.permissions).toEqual(original);
  });

  it('shows the changes in the activity log, filtered, with each entry’s revision', async () => {
    const page = await signedIn('/admin/activity');
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Collection' }).selectOption('support_ticket');
    await page.getByRole('combobox', { name: 'Action' }).selectOption('update');
    const [first] = ids.tickets as [number];
    const entries = page.getByRole('row').filter({ hasText: 'support_ticket' });
    // Only ticket updates: the two assignments (the tickets' creation and the agents' changes are filtered out).
    await page.getByText('1–2 of 2').waitFor();
    expect(await entries.count()).toBe(2);
    expect(await entries.filter({ hasText: 'update' }).count()).toBe(2);

    await page.getByRole('button', { name: `Show the changes of update support_ticket ${first}` }).click();
    const details = page.getByRole('definition').filter({ hasText: ids.alexAgent as string });
    await details.waitFor();
    await page.getByRole('term').filter({ hasText: 'assigned_to' }).first().waitFor();
    await check(page, 'admin-activity');

    await page.getByRole('combobox', { name: 'Collection' }).selectOption('agents');
    await page.getByRole('combobox', { name: 'Action' }).selectOption('create');
    // The two agents made for this test and the one invited through the Users screen.
    await page.getByText('1–3 of 3').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'support_ticket' }).count()).toBe(0);
  });
});

/** API calls as the admin (json login once, bearer token); resolves with `data`. */
async function adminApi(baseUrl: string): Promise<(method: string, pathname: string, body?: unknown) => Promise<unknown>> {
  const json = { 'content-type': 'application/json' };
  const login = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  return async (method, pathname, body) => {
    const response = await fetch(`${baseUrl}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : json) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${pathname} failed: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : ((await response.json()) as { data: unknown }).data;
  };
}
