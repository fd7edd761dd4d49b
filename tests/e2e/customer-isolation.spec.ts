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
  PHONE,
  roleId,
  signIn,
  startDesk,
} from '../support/e2e-helpdesk.js';

const ANN = { email: 'ann@example.com', password: 'ann-password-1', first_name: 'Ann' };
const BOB = { email: 'bob@example.com', password: 'bob-password-1', first_name: 'Bob' };
const ANNS_MESSAGE = 'My router keeps dropping the connection every evening.';

describe('a customer sees only their own tickets', () => {
  let desk: Desk;
  let people: People;
  let annsTicket: number;

  beforeAll(async () => {
    [desk, people] = await Promise.all([startDesk('sqlite'), launchPeople()]);
    const admin = await loginToken(desk.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const customer = await roleId(desk.url, admin, 'Customer');
    for (const person of [ANN, BOB]) await apiAs(desk.url, admin, 'POST', '/users', { ...person, role: customer });
    const ann = await loginToken(desk.url, ANN.email, ANN.password);
    const ticket = await apiAs<{ id: number }>(desk.url, ann, 'POST', '/items/support_ticket', {
      customer_name: 'Ann',
      customer_email: ANN.email,
      issue_type: 'Technical Issue',
      message: ANNS_MESSAGE,
    });
    annsTicket = ticket.id;
  });

  afterAll(async () => {
    await people?.close();
    await desk?.stop();
  });

  it('a second customer sees none of the first one’s tickets, and the first one’s ticket address shows “not found”', async () => {
    const ann = await people.open(PHONE);
    await signIn(ann.page, desk.url, ANN.email, ANN.password);
    await ann.page.getByRole('link', { name: new RegExp(`#${annsTicket} · Technical Issue`) }).waitFor();

    const bob = await people.open(PHONE);
    const { page } = bob;
    await signIn(page, desk.url, BOB.email, BOB.password);
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    await page.getByText('No tickets yet').waitFor();
    expect(await page.getByRole('link', { name: new RegExp(`#${annsTicket}`) }).count()).toBe(0);

    // Typing Ann's ticket address: the same page as for a ticket that does not exist, with nothing of hers on it.
    await page.goto(`${desk.url}/tickets/${annsTicket}`);
    await page.getByRole('heading', { name: 'Ticket not found', level: 1 }).waitFor();
    const forbidden = await page.getByRole('main').textContent();
    expect(forbidden).not.toContain(ANNS_MESSAGE);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'customer-ticket-not-found-phone');

    await page.goto(`${desk.url}/tickets/999999`);
    await page.getByRole('heading', { name: 'Ticket not found', level: 1 }).waitFor();
    expect(await page.getByRole('main').textContent()).toBe(forbidden);
    await page.getByRole('link', { name: 'Back to my tickets' }).click();
    await page.waitForURL(/\/tickets$/);

    expect(ann.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
