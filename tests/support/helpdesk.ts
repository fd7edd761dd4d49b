import { createUserWithRole, type TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

/** A signed-in person in a helpdesk scenario. */
export interface Member extends TestUser {
  token: string;
}

export interface AgentMember extends Member {
  agentId: string;
}

export interface Helpdesk {
  customerA: Member;
  customerB: Member;
  agentX: AgentMember;
  agentY: AgentMember;
}

/** Two customers and two agents (each with an agents row), all signed in. */
export async function createHelpdesk(t: TestApp): Promise<Helpdesk> {
  const member = async (role: 'customer' | 'agent', name: string): Promise<Member> => {
    const user = await createUserWithRole(t, role, { first_name: name });
    return { ...user, token: await t.login(user.email, user.password) };
  };
  const agent = async (name: string, team: string): Promise<AgentMember> => {
    const user = await member('agent', name);
    const response = await t.inject({ method: 'POST', url: '/items/agents', token: t.adminToken, payload: { user: user.id, team } });
    if (response.statusCode !== 200) throw new Error(`creating agent failed: ${response.body}`);
    return { ...user, agentId: response.json().data.id };
  };
  return {
    customerA: await member('customer', 'Ann'),
    customerB: await member('customer', 'Bob'),
    agentX: await agent('Xena', 'support'),
    agentY: await agent('Yuri', 'sales'),
  };
}

/** A ticket submitted by `customer`, optionally assigned (by the admin) to an agent. Returns its id. */
export async function submitTicket(t: TestApp, customer: Member, overrides: Record<string, unknown> = {}, assignTo?: AgentMember): Promise<number> {
  const response = await t.inject({
    method: 'POST',
    url: '/items/support_ticket',
    token: customer.token,
    payload: { customer_name: customer.email.split('@')[0], customer_email: customer.email, issue_type: 'Billing', message: 'Help please', ...overrides },
  });
  if (response.statusCode !== 200) throw new Error(`submitting a ticket failed: ${response.body}`);
  const id = response.json().data.id as number;
  if (assignTo) {
    const assigned = await t.inject({ method: 'PATCH', url: `/items/support_ticket/${id}`, token: t.adminToken, payload: { assigned_to: assignTo.agentId } });
    if (assigned.statusCode !== 200) throw new Error(`assigning failed: ${assigned.body}`);
  }
  return id;
}

/** Posts a message in a ticket's thread as `author`; returns the response. */
export function postMessage(t: TestApp, token: string, ticket: number, message: string, internal?: boolean) {
  return t.inject({ method: 'POST', url: '/items/ticket_message', token, payload: { ticket, message, ...(internal === undefined ? {} : { internal }) } });
}
