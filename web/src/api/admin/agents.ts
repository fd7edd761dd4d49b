import type { Agent } from '../../../../common/src/helpdesk';
import type { User } from '../../../../common/src/users';
import { createItem, deleteItem, readItems, updateItem } from '../items';
import { openTicketCounts } from './tickets';

/** An agent with the person behind it. */
export type AgentWithUser = Omit<Agent, 'user'> & { user: Pick<User, 'id' | 'first_name' | 'last_name' | 'email'> | null };

/** An agent with their number of open (not resolved) tickets. */
export type AgentWithLoad = AgentWithUser & { openTickets: number };

const FIELDS = ['id', 'team', 'available', 'user.id', 'user.first_name', 'user.last_name', 'user.email'];

/** Every agent, or only the available ones, with their open-ticket counts. */
export async function listAgents(options: { onlyAvailable?: boolean } = {}): Promise<AgentWithLoad[]> {
  const [agents, counts] = await Promise.all([
    readItems<AgentWithUser>('agents', {
      fields: FIELDS,
      filter: options.onlyAvailable ? { available: { _eq: true } } : undefined,
      sort: ['team', 'user.email'],
      limit: -1,
    }),
    openTicketCounts(),
  ]);
  return agents.data.map((agent) => ({ ...agent, openTickets: counts.get(agent.id) ?? 0 }));
}

export function createAgent(input: { user: string; team: string | null; available: boolean }): Promise<Agent> {
  return createItem<Agent>('agents', input);
}

export function updateAgent(id: string, changes: Partial<Pick<Agent, 'team' | 'available'>>): Promise<Agent> {
  return updateItem<Agent>('agents', id, changes);
}

/** Removes the agent; their tickets become unassigned. */
export function deleteAgent(id: string): Promise<void> {
  return deleteItem('agents', id);
}

/** "First Last", or the email when the person has no name. */
export function agentName(agent: { user: Pick<User, 'first_name' | 'last_name' | 'email'> | null } | null | undefined): string {
  if (!agent?.user) return 'Unknown agent';
  const name = [agent.user.first_name, agent.user.last_name].filter(Boolean).join(' ').trim();
  return name || agent.user.email;
}
