import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiAs, type Desk, launchPeople, loginToken, type People, roleId, signIn, startDesk } from '../support/e2e-helpdesk.js';

const MARKUP = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const CUSTOMER = { email: 'mallory@example.com', password: 'mallory-password-1', first_name: 'Mallory' };
const AGENT = { email: 'agnes@example.com', password: 'agnes-password-1', first_name: 'Agnes' };

describe('user content is shown as text', () => {
  let desk: Desk;
  let people: People;
  let adminToken: string;
  let agentId: string;

  beforeAll(async () => {
    [desk, people] = await Promise.all([startDesk('sqlite'), launchPeople()]);
    adminToken = await loginToken(desk.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    await apiAs(desk.url, adminToken, 'POST', '/users', { ...CUSTOMER, role: await roleId(desk.url, adminToken, 'Customer') });
    const agentUser = await apiAs<{ id: string }>(desk.url, adminToken, 'POST', '/users', { ...AGENT, role: await roleId(desk.url, adminToken, 'Agent') });
    agentId = (await apiAs<{ id: string }>(desk.url, adminToken, 'POST', '/items/agents', { user: agentUser.id, team: 'support', available: true })).id;
  });

  afterAll(async () => {
    await people?.close();
    await desk?.stop();
  });

  it('a message `<img src=x onerror=alert(1)>` shows literally to the customer and the agent, and no script runs', async () => {
    const customer = await people.open();
    await signIn(customer.page, desk.url, CUSTOMER.email, CUSTOMER.password);
    await customer.page.goto(`${desk.url}/tickets/new`);
    await customer.page.getByRole('textbox', { name: 'Your name' }).fill(`<b>${CUSTOMER.first_name}</b>`);
    await customer.page.getByRole('combobox', { name: 'Issue type' }).selectOption('General Inquiry');
    await customer.page.getByRole('textbox', { name: 'Message' }).fill(`Look: ${MARKUP}`);
    await customer.page.getByRole('button', { name: 'Submit ticket' }).click();
    const confirmation = customer.page.getByRole('heading', { name: /^Ticket #\d+ submitted$/ });
    await confirmation.waitFor();
    const ticketId = Number(/#(\d+)/.exec((await confirmation.textContent()) ?? '')?.[1]);

    await apiAs(desk.url, adminToken, 'PATCH', `/items/support_ticket/${ticketId}`, { assigned_to: agentId });
    const agentToken = await loginToken(desk.url, AGENT.email, AGENT.password);
    await apiAs(desk.url, agentToken, 'POST', '/items/ticket_message', { ticket: ticketId, message: `${SCRIPT} and ${MARKUP}` });

    await customer.page.goto(`${desk.url}/tickets/${ticketId}`);
    const customerThread = customer.page.getByRole('list', { name: 'Conversation' });
    await customerThread.getByText(`Look: ${MARKUP}`, { exact: true }).waitFor();
    await customerThread.getByText(`${SCRIPT} and ${MARKUP}`, { exact: true }).waitFor();
    expect(await customer.page.locator('main img, main script, main b').count()).toBe(0);
    await customer.page.goto(`${desk.url}/tickets`);
    await customer.page.getByText(`Look: ${MARKUP}`, { exact: true }).waitFor();

    const agent = await people.open();
    await signIn(agent.page, desk.url, AGENT.email, AGENT.password);
    await agent.page.goto(`${desk.url}/agent/tickets/${ticketId}`);
    const agentThread = agent.page.getByRole('list', { name: 'Conversation' });
    await agentThread.getByText(`Look: ${MARKUP}`, { exact: true }).waitFor();
    await agentThread.getByText(`${SCRIPT} and ${MARKUP}`, { exact: true }).waitFor();
    await agent.page.getByRole('region', { name: 'Customer' }).getByText(`<b>${CUSTOMER.first_name}</b>`, { exact: true }).waitFor();
    expect(await agent.page.locator('main img, main script, main b').count()).toBe(0);

    // A dialog (alert) would be recorded as a problem.
    expect(customer.problems).toEqual([]);
    expect(agent.problems).toEqual([]);
  });
});
