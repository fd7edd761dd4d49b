import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, seriousAccessibilityViolations } from '../support/browser.js';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  apiAs,
  type Desk,
  launchPeople,
  loginToken,
  type People,
  roleId,
  saveViewportScreenshot,
  signIn,
  startDesk,
} from '../support/e2e-helpdesk.js';

const AGENT = { email: 'quinn@example.com', password: 'quinn-password-1', first_name: 'Quinn', last_name: 'Agent' };
const CUSTOMERS = [
  { name: 'Dana Diaz', email: 'dana@example.com', issue_type: 'Billing', message: 'Please refund the annual plan I cancelled.' },
  { name: 'Eli Evans', email: 'eli@example.com', issue_type: 'Technical Issue', message: 'The export to CSV stops at 1,000 rows.' },
  { name: 'Farah Khan', email: 'farah@example.com', issue_type: 'General Inquiry', message: 'Do you offer discounts for nonprofits?' },
  { name: 'Gus Green', email: 'gus@example.com', issue_type: 'Technical Issue', message: 'Two-factor codes arrive after they expire.' },
];

describe('the agent queue', () => {
  let desk: Desk;
  let people: People;
  let adminToken: string;
  let agentId: string;

  /** Tickets an admin files on behalf of several people, assigned to the agent. Returns their ids. */
  async function seedTickets(count: number, offset = 0): Promise<number[]> {
    const items = Array.from({ length: count }, (_, index) => {
      const person = CUSTOMERS[(index + offset) % CUSTOMERS.length] as (typeof CUSTOMERS)[number];
      return { customer_name: person.name, customer_email: person.email, issue_type: person.issue_type, message: person.message };
    });
    const created = await apiAs<Array<{ id: number }>>(desk.url, adminToken, 'POST', '/items/support_ticket', items);
    const keys = created.map((ticket) => ticket.id);
    await apiAs(desk.url, adminToken, 'PATCH', '/items/support_ticket', { keys, data: { assigned_to: agentId } });
    return keys;
  }

  beforeAll(async () => {
    [desk, people] = await Promise.all([startDesk('sqlite'), launchPeople()]);
    adminToken = await loginToken(desk.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const agentUser = await apiAs<{ id: string }>(desk.url, adminToken, 'POST', '/users', { ...AGENT, role: await roleId(desk.url, adminToken, 'Agent') });
    agentId = (await apiAs<{ id: string }>(desk.url, adminToken, 'POST', '/items/agents', { user: agentUser.id, team: 'support', available: true })).id;

    // 26 tickets: 22 open, 3 in progress, 1 resolved.
    const ids = await seedTickets(26);
    const agentToken = await loginToken(desk.url, AGENT.email, AGENT.password);
    await apiAs(desk.url, agentToken, 'PATCH', '/items/support_ticket', { keys: ids.slice(0, 3), data: { status: 'In Progress' } });
    await apiAs(desk.url, agentToken, 'PATCH', '/items/support_ticket', { keys: ids.slice(3, 4), data: { status: 'Resolved', resolution: 'Answered.' } });
  });

  afterAll(async () => {
    await people?.close();
    await desk?.stop();
  });

  it('shows status tabs with counts, pages, search and sorting, refreshes when the window regains focus, and lets the agent step away', async () => {
    const { page, problems } = await people.open();
    await signIn(page, desk.url, AGENT.email, AGENT.password);
    await page.waitForURL(/\/agent\/queue$/);
    const tabText = async (name: string) => (await page.getByRole('tab', { name: new RegExp(`^${name}`) }).textContent())?.replace(/\s+/g, '');
    await page.getByText('1–20 of 22').waitFor();
    expect(await tabText('Open')).toBe('Open22');
    expect(await tabText('In Progress')).toBe('InProgress3');
    expect(await tabText('Resolved')).toBe('Resolved1');
    expect(await tabText('All')).toBe('All26');
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(21);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'agent-queue-busy');
    await saveViewportScreenshot(page, 'agent-queue-busy-window');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Page 2' }).click();
    await page.getByText('21–22 of 22').waitFor();
    expect(page.url()).toMatch(/page=2/);

    // Newest first by default; oldest first puts the first ticket on top.
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('Oldest first');
    await page.getByText('1–20 of 22').waitFor();
    expect(await rows.nth(1).getByRole('link').textContent()).toBe('#5');

    await page.getByRole('searchbox', { name: 'Search tickets' }).fill('refund');
    await page.getByText('1–6 of 6').waitFor();
    for (const row of await rows.all().then((all) => all.slice(1))) expect(await row.textContent()).toContain('Dana Diaz');

    await page.getByRole('tab', { name: /^All/ }).click();
    await page.getByText('1–7 of 7').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search tickets' }).inputValue()).toBe('refund');

    await page.getByRole('tab', { name: /^Resolved/ }).click();
    await page.getByText('No matching tickets').waitFor();

    // A ticket assigned meanwhile shows up when the agent comes back to the window.
    await seedTickets(1);
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await page.getByRole('tab', { name: /^Open\s*23$/ }).waitFor();

    // The agent steps away: the switch in the header marks their agents row unavailable.
    const available = page.getByRole('switch', { name: 'Available' });
    expect(await available.isChecked()).toBe(true);
    await available.click();
    await expect.poll(async () => (await apiAs<{ available: boolean }>(desk.url, adminToken, 'GET', `/items/agents/${agentId}`)).available).toBe(false);
    expect(await available.isChecked()).toBe(false);
    expect(problems).toEqual([]);
  });
});
