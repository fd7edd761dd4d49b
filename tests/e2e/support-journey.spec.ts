import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, seriousAccessibilityViolations } from '../support/browser.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  acceptInvitation,
  apiInPage,
  type Desk,
  e2eDialects,
  launchPeople,
  linkFromMail,
  type People,
  type Person,
  PHONE,
  signIn,
  startDesk,
} from '../support/e2e-helpdesk.js';

const CUSTOMER = { email: 'casey@example.com', password: 'casey-password-1', first_name: 'Casey', last_name: 'Customer' };
const AGENT = { email: 'alex@example.com', password: 'alex-password-1', first_name: 'Alex', last_name: 'Agent' };

const FIRST_MESSAGE = 'I was charged twice for my December invoice.';
const AGENT_REPLY = 'Sorry about that, Casey. I am looking into the double charge now.';
const CUSTOMER_ANSWER = 'Thanks! The second charge is on December 2nd.';
const INTERNAL_NOTE = 'Payment provider confirms a duplicate capture; refund issued.';
const RESOLUTION = 'We refunded the duplicate charge. It shows on your statement within 5 days.';

// The journey of issue #4 §6, once per database: SQLite always, PostgreSQL too in CI. Accessibility checks and
// screenshots run in the first pass only (the pages are the same on both).
describe.each(e2eDialects().map((dialect, index) => ({ dialect, isFirst: index === 0 })))('the support journey on $dialect', ({ dialect, isFirst }) => {
  let desk: Desk;
  let people: People;

  beforeAll(async () => {
    [desk, people] = await Promise.all([startDesk(dialect), launchPeople()]);
  });

  afterAll(async () => {
    await people?.close();
    await desk?.stop();
  });

  /** Runs axe on the page and saves a screenshot (first pass only). */
  async function check(page: Page, screenshot: string): Promise<void> {
    if (!isFirst) return;
    expect(await seriousAccessibilityViolations(page), screenshot).toEqual([]);
    await saveScreenshot(page, screenshot);
  }

  it('admin invites a customer and an agent; the customer opens a ticket; the agent works it to Resolved', async () => {
    // The admin signs in through the web app.
    const admin = await people.open();
    await signIn(admin.page, desk.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.page.waitForURL(/\/admin\//);

    await adminInvites(admin, CUSTOMER.email, 'Customer');
    await adminInvites(admin, AGENT.email, 'Agent', 'support');
    // The console invites by email only; names (shown in the thread, prefilled in the customer's form) are set
    // through the API as an admin would script them.
    const userId = async (email: string) =>
      (await apiInPage<Array<{ id: string }>>(admin.page, 'GET', `/users?fields=id&filter=${encodeURIComponent(JSON.stringify({ email: { _eq: email } }))}`))[0]
        ?.id as string;
    await apiInPage(admin.page, 'PATCH', `/users/${await userId(CUSTOMER.email)}`, { first_name: CUSTOMER.first_name, last_name: CUSTOMER.last_name });
    await apiInPage(admin.page, 'PATCH', `/users/${await userId(AGENT.email)}`, { first_name: AGENT.first_name, last_name: AGENT.last_name });

    // Both accept their invitation from the mail they received. The customer is on a phone.
    const customer = await people.open(PHONE);
    const agent = await people.open();
    await acceptInvitation(customer.page, desk.url, await linkFromMail(desk.smtp, CUSTOMER.email, '/accept-invite'), CUSTOMER.email, CUSTOMER.password);
    await customer.page.waitForURL(/\/tickets$/);
    await acceptInvitation(agent.page, desk.url, await linkFromMail(desk.smtp, AGENT.email, '/accept-invite'), AGENT.email, AGENT.password);
    await agent.page.waitForURL(/\/agent\/queue$/);

    const ticketId = await customerSubmitsTicket(customer);

    await adminAssigns(admin, ticketId, 'Alex Agent');

    await agentRepliesAndStartsWork(agent, ticketId);
    await customerReadsAndAnswers(customer, ticketId);
    await agentNotesAndResolves(agent, ticketId);
    await customerSeesResolution(customer, ticketId);

    for (const person of [admin, customer, agent]) expect(person.problems).toEqual([]);
  });

  /** Users → "Invite a user" in the admin console; an Agent is added to the agents (available) at the same time. */
  async function adminInvites({ page }: Person, email: string, role: string, team?: string): Promise<void> {
    await page.goto(`${desk.url}/admin/users`);
    await page.getByRole('button', { name: 'Invite a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a user' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
    if (team) {
      expect(await dialog.getByRole('checkbox', { name: 'Also add to the agents', exact: false }).isChecked()).toBe(true);
      await dialog.getByRole('textbox', { name: 'Team' }).fill(team);
    }
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').getByText(`An invitation was sent to ${email}`, { exact: false }).waitFor();
  }

  /** Tickets in the admin console: select the ticket, "Assign to agent", pick the agent. */
  async function adminAssigns({ page }: Person, ticketId: number, agentName: string): Promise<void> {
    await page.goto(`${desk.url}/admin/tickets`);
    await page.getByRole('checkbox', { name: `Select ticket #${ticketId}` }).check();
    await page.getByRole('button', { name: 'Assign to agent' }).click();
    await page.getByRole('menuitem', { name: new RegExp(agentName) }).click();
    await page.getByRole('status').getByText(`Assigned 1 ticket to ${agentName}.`).waitFor();
  }

  async function customerSubmitsTicket({ page }: Person): Promise<number> {
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    await page.getByText('No tickets yet').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'New ticket' }).click();
    await page.getByRole('heading', { name: 'New ticket', level: 1 }).waitFor();
    // Name and email come from the profile.
    expect(await page.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Casey Customer');
    expect(await page.getByRole('textbox', { name: 'Your email' }).inputValue()).toBe(CUSTOMER.email);
    // Issue types are the field's choices.
    const issueType = page.getByRole('combobox', { name: 'Issue type' });
    expect(await issueType.locator('option').allTextContents()).toEqual(['Choose…', 'Billing', 'Technical Issue', 'General Inquiry']);
    await check(page, 'customer-new-ticket-phone');

    // The server's validation errors appear under their inputs.
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    await page.getByText('Some fields need your attention.').waitFor();
    expect(await page.getByText('This is required.').count()).toBe(2);

    await issueType.selectOption('Billing');
    await page.getByRole('textbox', { name: 'Message' }).fill(FIRST_MESSAGE);
    await page.getByRole('button', { name: 'Submit ticket' }).click();
    const confirmation = page.getByRole('heading', { name: /^Ticket #\d+ submitted$/ });
    await confirmation.waitFor();
    const ticketId = Number(/#(\d+)/.exec((await confirmation.textContent()) ?? '')?.[1]);
    expect(ticketId).toBeGreaterThan(0);
    await check(page, 'customer-ticket-submitted-phone');

    await page.goto(`${desk.url}/tickets`);
    const open = page.getByRole('region', { name: 'Open tickets' });
    await open.getByRole('link', { name: new RegExp(`#${ticketId} · Billing`) }).waitFor();
    expect(await open.getByText('Open', { exact: true }).count()).toBe(1);
    await check(page, 'customer-my-tickets-phone');
    return ticketId;
  }

  async function agentRepliesAndStartsWork({ page }: Person, ticketId: number): Promise<void> {
    await page.reload();
    const openTab = page.getByRole('tab', { name: /^Open/ });
    await openTab.waitFor();
    await page.getByRole('link', { name: `#${ticketId}` }).waitFor();
    expect(await openTab.textContent()).toMatch(/^Open\s*1$/);
    await check(page, 'agent-queue');

    await page.getByRole('link', { name: `#${ticketId}` }).click();
    await page.getByRole('heading', { name: `Ticket #${ticketId}`, level: 1 }).waitFor();
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.getByText(FIRST_MESSAGE).waitFor();
    await page.getByRole('region', { name: 'Customer' }).getByText(CUSTOMER.email).first().waitFor();

    await page.getByRole('textbox', { name: 'Reply to the customer' }).fill(AGENT_REPLY);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await conversation.getByText(AGENT_REPLY).waitFor();

    await page.getByRole('combobox', { name: 'Ticket status' }).selectOption('In Progress');
    await page.getByRole('button', { name: 'Update status' }).click();
    await page.getByText('Saved.').waitFor();
    await page
      .getByRole('heading', { name: `Ticket #${ticketId}`, level: 1 })
      .locator('..')
      .getByText('In Progress')
      .waitFor();
  }

  async function customerReadsAndAnswers({ page }: Person, ticketId: number): Promise<void> {
    await page.getByRole('link', { name: new RegExp(`#${ticketId} · Billing`) }).click();
    await page.getByRole('heading', { name: `Ticket #${ticketId}`, level: 1 }).waitFor();
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.getByText(AGENT_REPLY).waitFor();
    expect(await conversation.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining(FIRST_MESSAGE), expect.stringContaining(AGENT_REPLY)]);
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByText('In Progress').waitFor();
    await details.getByText('Alex', { exact: true }).waitFor();

    await page.getByRole('textbox', { name: 'Your reply' }).fill(CUSTOMER_ANSWER);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await conversation.getByText(CUSTOMER_ANSWER).waitFor();
  }

  async function agentNotesAndResolves({ page }: Person, ticketId: number): Promise<void> {
    await page.reload();
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.getByText(CUSTOMER_ANSWER).waitFor();

    await page.getByRole('radiogroup', { name: 'Message type' }).getByText('Internal note').click();
    expect(await page.getByRole('radio', { name: 'Internal note' }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Internal note (only agents see it)' }).fill(INTERNAL_NOTE);
    await page.getByRole('button', { name: 'Add internal note' }).click();
    const note = conversation.getByRole('listitem').filter({ hasText: INTERNAL_NOTE });
    await note.waitFor();
    await note.getByText('Internal note', { exact: true }).waitFor();

    // Resolving asks for the summary the customer will read.
    await page.getByRole('combobox', { name: 'Ticket status' }).selectOption('Resolved');
    await page.getByRole('button', { name: 'Resolve ticket' }).click();
    await page.getByText('Write a resolution summary', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: 'Resolution summary' }).fill(RESOLUTION);
    await page.getByRole('button', { name: 'Resolve ticket' }).click();
    await page.getByText('Saved.').waitFor();
    await page
      .getByRole('heading', { name: `Ticket #${ticketId}`, level: 1 })
      .locator('..')
      .getByText('Resolved')
      .waitFor();
    await check(page, 'agent-ticket');

    await page.getByRole('link', { name: 'My queue' }).first().click();
    await page.getByRole('tab', { name: /^Resolved/ }).click();
    await page.getByRole('link', { name: `#${ticketId}` }).waitFor();
  }

  async function customerSeesResolution({ page }: Person, ticketId: number): Promise<void> {
    await page.reload();
    await page.getByRole('heading', { name: `Ticket #${ticketId}`, level: 1 }).waitFor();
    await page.getByText(RESOLUTION).waitFor();
    await page.getByRole('region', { name: 'Details' }).getByText('Resolved', { exact: true }).waitFor();
    await page.getByRole('list', { name: 'Conversation' }).getByText(CUSTOMER_ANSWER).waitFor();
    expect(await page.getByRole('list', { name: 'Conversation' }).getByRole('listitem').count()).toBe(3);
    expect(await page.content()).not.toContain(INTERNAL_NOTE);
    await check(page, 'customer-ticket-phone');

    await page.goto(`${desk.url}/tickets`);
    await page
      .getByRole('region', { name: 'Resolved tickets' })
      .getByRole('link', { name: new RegExp(`#${ticketId} · Billing`) })
      .waitFor();
  }
});
