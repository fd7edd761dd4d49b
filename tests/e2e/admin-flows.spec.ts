import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, saveScreenshot, seriousAccessibilityViolations } from '../support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiAs, launchPeople, loginToken, type People, type Person, roleId, signIn } from '../support/e2e-helpdesk.js';
import { freePort, type ParleyProcess, runParley } from '../support/spawn-parley.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const CUSTOMER = { email: 'wanda.webhook@example.com', password: 'wanda-password-1', first_name: 'Wanda' };
const LOTTERY_MESSAGE = 'Tickets about lotteries are not accepted.';

// The flows admin screens of issue #5 §6: the tutorial's notification flow set up entirely through the editor and
// followed through the run log and the delivery log (with a receiver that fails, then recovers, and a replay), and a
// new blocking flow that refuses tickets. Every screen is checked with axe and saved as a screenshot.
describe('the flows admin screens', () => {
  let dataDir: string;
  let server: ParleyProcess;
  let receiver: WebhookReceiver;
  let people: People;
  let admin: Person | undefined;
  let customerToken: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-flows-'));
    const port = String(await freePort());
    receiver = await startWebhookReceiver();
    server = runParley(['start'], {
      DATA_DIR: dataDir,
      PORT: port,
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // Loopback (the receiver) is on the default deny list; fast retries, and few, so a delivery dies quickly.
      FLOW_DENY_NETWORKS: '169.254.0.0/16,fe80::/10',
      FLOW_RETRY_BASE: '50ms',
      FLOW_RETRY_MAX: '500ms',
      FLOW_MAX_ATTEMPTS: '4',
      WORKER_POLL_INTERVAL: '50ms',
    });
    [, people] = await Promise.all([server.waitHealthy(60_000), launchPeople()]);
    const adminToken = await loginToken(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await apiAs(server.url, adminToken, 'POST', '/users', { ...CUSTOMER, role: await roleId(server.url, adminToken, 'Customer') });
    customerToken = await loginToken(server.url, CUSTOMER.email, CUSTOMER.password);
  });

  afterAll(async () => {
    await people?.close();
    await server?.stop();
    await receiver?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // No Content-Security-Policy violations, uncaught errors or JavaScript dialogs in the page.
    expect(admin?.problems ?? []).toEqual([]);
  });

  /** The admin's page (one browser context for the whole file), signed in once. */
  async function adminPage(pathname: string): Promise<Page> {
    if (!admin) {
      admin = await people.open();
      await signIn(admin.page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    }
    await admin.page.goto(`${server.url}${pathname}`);
    return admin.page;
  }

  /** Lets dialogs and menus finish fading in: axe and screenshots would catch their half-transparent colours. */
  async function settle(page: Page): Promise<void> {
    // A string, as the server's tsconfig has no DOM types; it runs in the page.
    await page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
      .then(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))))`);
  }

  /** axe finds no serious or critical problem; the page is saved as tests/artifacts/screenshots/<name>.png. */
  async function check(page: Page, name: string): Promise<void> {
    await settle(page);
    expect(await seriousAccessibilityViolations(page), name).toEqual([]);
    if ((await page.getByRole('dialog').count()) > 0) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
    } else {
      await page.mouse.move(0, 0);
      await page.evaluate('window.scrollTo(0, 0)');
      await saveScreenshot(page, name);
    }
  }

  /** Clicks the page's Refresh button until `target` shows (the logs also refresh themselves every few seconds). */
  async function refreshUntil(page: Page, target: Locator, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await target.isVisible())) {
      if (Date.now() > deadline) throw new Error(`not shown within ${timeoutMs} ms: ${target}`);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(250);
    }
  }

  /** Reloads the page until `target` shows (lists refresh themselves only every 30 s). */
  async function refreshPage(page: Page, target: Locator, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await target.waitFor({ timeout: 1000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await page.reload();
      }
    }
  }

  async function submitTicket(message: string): Promise<Response> {
    return fetch(`${server.url}/items/support_ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_name: 'Wanda', customer_email: CUSTOMER.email, issue_type: 'Billing', message }),
    });
  }

  it('sets up the tutorial’s notification flow in the editor; tickets reach the receiver; runs and deliveries are logged; a dead delivery is replayed', async () => {
    const page = await adminPage('/admin/flows');
    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Ticket notifications' });
    await row.getByText('When a Support Ticket or Ticket Message is created or updated').waitFor();
    expect(await row.getByRole('switch', { name: 'Ticket notifications is active' }).isChecked()).toBe(false);
    await row.getByText('Never ran').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).count()).toBe(1);
    await check(page, 'admin-flows');

    // The editor: point the request operation at the receiver, then activate the flow.
    await row.getByRole('link', { name: 'Ticket notifications' }).click();
    await page.getByRole('heading', { name: 'Ticket notifications', level: 1 }).waitFor();
    const operation = page.getByRole('listitem', { name: 'Operation webhook' });
    await operation.getByText('POST https://example.com/parley-webhook').waitFor();
    await operation.getByRole('button', { name: 'Edit the operation webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the operation webhook' });
    expect(await dialog.getByRole('radio', { name: 'Text template' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: 'Body (text template)' }).inputValue()).toBe('{{$trigger}}');
    await dialog.getByRole('textbox', { name: 'URL', exact: true }).fill(`${receiver.url}/parley`);
    await check(page, 'admin-flow-operation');
    await dialog.getByRole('button', { name: 'Save operation' }).click();
    await page.getByRole('status').getByText('The operation webhook was saved.').waitFor();
    await operation.getByText(`POST ${receiver.url}/parley`).waitFor();

    await page.getByRole('switch', { name: 'Active' }).click({ force: true });
    await page.getByRole('status').getByText('The flow is active', { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('switch', { name: 'Active' }).isChecked()).toBe(true);

    // A signing secret: generated, shown on request; the receiver verifies requests with it (Standard Webhooks).
    const signing = page.getByRole('region', { name: 'Request signing' });
    await signing.getByRole('button', { name: 'Generate a secret' }).click();
    await signing.getByRole('status').getByText('A signing secret was generated', { exact: false }).waitFor();
    await signing.getByText('Requests are signed').waitFor();
    const secret = await signing.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await signing.getByRole('button', { name: 'Hide' }).click();
    expect(await signing.getByRole('textbox', { name: 'Signing secret' }).inputValue()).not.toContain(secret.slice(8));

    // A test run from the editor sends the request once and shows its steps.
    const testRun = page.getByRole('region', { name: 'Test run' });
    await testRun.getByRole('button', { name: 'Run test' }).click();
    await testRun.getByText('succeeded', { exact: true }).waitFor();
    await testRun.getByText('1. webhook').waitFor();
    await testRun.getByText('"status": 200').waitFor();
    const [tested] = await receiver.waitFor(1);
    expect(tested?.json()).toMatchObject({ event: 'support_ticket.test', collection: 'support_ticket' });
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(tested?.headers[name])]));
    expect(new Webhook(secret).verify(tested?.body ?? '', headers)).toMatchObject({ event: 'support_ticket.test' });
    // The README's flow editor screenshot (docs/screenshots/admin-flow-editor.png) is a copy of this one.
    await check(page, 'admin-flow-editor');

    // A ticket: the receiver gets {event, collection, key, payload}.
    const created = await submitTicket('The app crashes when I print an invoice.');
    expect(created.status).toBe(200);
    const ticketId = ((await created.json()) as { data: { id: number } }).data.id;
    const [delivered] = (await receiver.waitFor(2)).slice(1);
    expect(delivered?.method).toBe('POST');
    expect(delivered?.path).toBe('/parley');
    expect(delivered?.json()).toEqual({
      event: 'support_ticket.items.create',
      collection: 'support_ticket',
      key: ticketId,
      payload: expect.objectContaining({ message: 'The app crashes when I print an invoice.', issue_type: 'Billing' }),
    });

    // The run log shows the run and, opened, its step with input and output.
    await page.getByRole('navigation', { name: 'Flow pages' }).getByRole('link', { name: 'Run log' }).click();
    await page.getByRole('heading', { name: 'Run log: Ticket notifications', level: 1 }).waitFor();
    const runRow = page.getByRole('row').filter({ hasText: 'succeeded' }).first();
    await refreshUntil(page, runRow);
    await runRow.getByRole('button', { name: /^Show the steps of the run started/ }).click();
    const steps = page.getByRole('list').filter({ hasText: '1. webhook' });
    await steps.getByText('Input (options after templating)').waitFor();
    await steps.getByText(`"url": "${receiver.url}/parley"`).waitFor();
    await steps.getByText('"status": 200').waitFor();
    await check(page, 'admin-flow-runs');

    // The receiver fails: the delivery is retried, then dead (4 attempts); it recovers, and a replay delivers it.
    receiver.respond(() => ({ status: 500, body: '{"error":"receiver down for maintenance"}' }));
    const before = receiver.requests.length;
    expect((await submitTicket('Second ticket, while the receiver is down.')).status).toBe(200);
    await page.getByRole('navigation', { name: 'Flow pages' }).getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Flow' }).locator('option:checked').textContent()).toBe('Ticket notifications');
    const deadRow = page.getByRole('row').filter({ hasText: 'dead' });
    await refreshUntil(page, deadRow);
    await receiver.waitFor(before + 4);
    await deadRow.getByText('HTTP 500').waitFor();
    await deadRow.getByRole('button', { name: /^Show the attempts of the request/ }).click();
    const attempts = page.getByRole('table', { name: `Attempts of the delivery to ${receiver.url}/parley` });
    await attempts.getByRole('row').nth(4).waitFor();
    expect(await attempts.getByRole('row').filter({ hasText: 'HTTP 500' }).count()).toBe(4);
    await attempts.getByText('{"error":"receiver down for maintenance"}').first().waitFor();
    await page.getByRole('combobox', { name: 'State' }).selectOption('dead');
    await page.getByText('1–1 of 1').waitFor();
    await check(page, 'admin-deliveries');

    receiver.respond(() => ({ status: 200, body: '{"ok":true}' }));
    await deadRow.getByRole('button', { name: `Replay the request to ${receiver.url}/parley` }).click();
    const confirm = page.getByRole('dialog', { name: 'Replay this delivery?' });
    // Checked only once the dialog is there: axe during its fade-in sees washed-out colours.
    await confirm.waitFor();
    await check(page, 'admin-deliveries-replay');
    await confirm.getByRole('button', { name: 'Replay' }).click();
    await page.getByRole('status').getByText('was queued again', { exact: false }).waitFor();
    const [replayed] = (await receiver.waitFor(before + 5)).slice(before + 4);
    expect(replayed?.headers['webhook-id']).toBe(receiver.requests[before]?.headers['webhook-id']);
    expect(replayed?.json()).toMatchObject({ event: 'support_ticket.items.create', payload: { message: 'Second ticket, while the receiver is down.' } });
    await page.getByRole('combobox', { name: 'State' }).selectOption('delivered');
    await refreshUntil(page, page.getByText('1–2 of 2'));
    expect(await page.getByRole('row').filter({ hasText: 'delivered' }).filter({ hasText: 'HTTP 200' }).count()).toBe(2);
  });

  it('creates a blocking flow that refuses tickets about lotteries, with its message', async () => {
    const page = await adminPage('/admin/flows');
    await page.getByRole('button', { name: 'New flow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New flow' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('No lotteries');
    expect(await dialog.getByRole('radio', { name: 'Event hook' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Create flow' }).click();
    await page.getByRole('heading', { name: 'No lotteries', level: 1 }).waitFor();

    // Trigger: blocking, on ticket creation only.
    await page.getByRole('radio', { name: 'Before the change is saved (filter, blocking)' }).check();
    expect(await page.getByRole('checkbox', { name: 'Created (items.create)' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Updated (items.update)' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'support_ticket' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save trigger' }).click();
    await page.getByRole('status').getByText('The trigger settings were saved.').waitFor();
    await page.getByText('Before a Support Ticket is created (blocking: may refuse or change it)').waitFor();

    // The condition, as the first operation.
    await page.getByRole('button', { name: 'Add the first operation' }).click();
    const add = page.getByRole('dialog', { name: 'Add the first operation' });
    await add.getByRole('combobox', { name: 'Type' }).selectOption('condition');
    expect(await add.getByRole('textbox', { name: 'Key', exact: true }).inputValue()).toBe('condition');
    await add.getByRole('textbox', { name: 'Key', exact: true }).fill('no_lottery');
    await add.getByRole('textbox', { name: 'Filter rule (JSON)' }).fill('{"$trigger": {"payload": {"message": {"_ncontains": "lottery"}}');
    await add.getByRole('textbox', { name: 'Rejection message' }).fill(LOTTERY_MESSAGE);
    await add.getByRole('button', { name: 'Add operation' }).click();
    await add.getByText('This is not valid JSON', { exact: false }).waitFor();
    await add.getByRole('textbox', { name: 'Filter rule (JSON)' }).fill('{"$trigger": {"payload": {"message": {"_ncontains": "lottery"}}}}');
    await add.getByRole('button', { name: 'Add operation' }).click();
    await page.getByRole('status').getByText('The operation no_lottery was added.').waitFor();
    const condition = page.getByRole('listitem', { name: 'Operation no_lottery' });
    await condition.getByText(`Otherwise: “${LOTTERY_MESSAGE}”`).waitFor();

    // Keys are unique within a flow.
    await condition.getByRole('button', { name: 'Add on failure: an operation after no_lottery when it fails' }).click();
    const second = page.getByRole('dialog', { name: 'Add an operation after no_lottery (✗ when it fails)' });
    await second.getByRole('combobox', { name: 'Type' }).selectOption('log');
    await second.getByRole('textbox', { name: 'Key', exact: true }).fill('no_lottery');
    await second.getByRole('button', { name: 'Add operation' }).click();
    await second.getByText('Another operation of this flow already has the key "no_lottery".').waitFor();
    await second.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('switch', { name: 'Active' }).click({ force: true });
    await page.getByRole('status').getByText('The flow is active', { exact: false }).waitFor();

    // A test run with a lottery ticket is rejected, with the message as the step's output.
    const testRun = page.getByRole('region', { name: 'Test run' });
    await testRun.getByRole('textbox', { name: 'Sample payload (JSON)' }).fill('{"message": "I won the lottery!"}');
    await testRun.getByRole('button', { name: 'Run test' }).click();
    await testRun.getByText('rejected', { exact: true }).waitFor();
    // In the step's input (the condition's options) and, last, its output.
    await testRun.getByText(`"message": "${LOTTERY_MESSAGE}"`).last().waitFor();
    await check(page, 'admin-flow-editor-filter');

    // The API refuses such a ticket with the flow's message, and accepts others.
    const refused = await submitTicket('I won the lottery! Please send my prize.');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toBe(LOTTERY_MESSAGE);
    expect((await submitTicket('A normal question about my invoice.')).status).toBe(200);

    // Deleted from the list, after confirming.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flows' }).click();
    const row = page.getByRole('row').filter({ hasText: 'No lotteries' });
    await row.getByRole('button', { name: 'Delete the flow No lotteries' }).click();
    await page.getByRole('dialog', { name: 'Delete the flow No lotteries?' }).getByRole('button', { name: 'Delete flow' }).click();
    await page.getByRole('status').getByText('The flow No lotteries was deleted.').waitFor();
    await expect.poll(() => row.count()).toBe(0);
    expect((await submitTicket('Another lottery question.')).status).toBe(200);
    // The list with a last run: the tutorial flow's latest delivery succeeded.
    const tutorial = page.getByRole('row').filter({ hasText: 'Ticket notifications' });
    await refreshPage(page, tutorial.getByRole('link', { name: /\(run log of Ticket notifications\)$/ }));
    // The list shows each flow's last run as it was when loaded: reload until the delivery has finished.
    await refreshPage(page, tutorial.getByText('succeeded'));
    await check(page, 'admin-flows-with-runs');
  });
});
