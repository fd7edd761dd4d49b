import { Button, Group, Loader, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { type AgentWithLoad, agentName, listAgents } from '../../../api/admin/agents';
import { describeAdminError } from '../admin-errors';

/**
 * The assignment picker: a menu of the agents who are available right now, each with their number of open tickets,
 * read fresh every time it opens. Keyboard: Enter/Space opens it, arrows move, Enter picks, Escape closes.
 */
export function AssignAgentMenu({
  label,
  disabled,
  allowUnassign,
  onAssign,
}: {
  label: string;
  disabled?: boolean;
  allowUnassign?: boolean;
  onAssign(agent: AgentWithLoad | null): void;
}) {
  const [state, setState] = useState<{ status: 'loading' } | { status: 'ready'; agents: AgentWithLoad[] } | { status: 'failed'; message: string }>({
    status: 'loading',
  });

  async function load() {
    setState({ status: 'loading' });
    try {
      const agents = await listAgents({ onlyAvailable: true });
      agents.sort((a, b) => a.openTickets - b.openTickets || agentName(a).localeCompare(agentName(b)));
      setState({ status: 'ready', agents });
    } catch (error) {
      setState({ status: 'failed', message: describeAdminError(error) });
    }
  }

  return (
    <Menu position="bottom-start" shadow="md" width={320} onOpen={load} withinPortal>
      <Menu.Target>
        <Button
          leftSection={<IconUserCheck size={16} aria-hidden="true" />}
          rightSection={<IconChevronDown size={14} aria-hidden="true" />}
          disabled={disabled}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label="Available agents">
        <Menu.Label>Available agents (open tickets)</Menu.Label>
        {state.status === 'loading' && (
          <Group gap="xs" px="sm" py="xs" role="status">
            <Loader size="xs" aria-hidden="true" />
            <Text size="sm">Loading agents…</Text>
          </Group>
        )}
        {state.status === 'failed' && (
          <Text size="sm" c="red.8" px="sm" py="xs" role="alert">
            {state.message}
          </Text>
        )}
        {state.status === 'ready' && state.agents.length === 0 && (
          <Text size="sm" px="sm" py="xs">
            No agent is available right now. Mark an agent available on the Agents page.
          </Text>
        )}
        {state.status === 'ready' &&
          state.agents.map((agent) => (
            <Menu.Item key={agent.id} onClick={() => onAssign(agent)}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <div>
                  <Text size="sm" fw={500}>
                    {agentName(agent)}
                  </Text>
                  {agent.team && (
                    <Text size="xs" c="dimmed">
                      {agent.team}
                    </Text>
                  )}
                </div>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {agent.openTickets} open
                </Text>
              </Group>
            </Menu.Item>
          ))}
        {allowUnassign && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => onAssign(null)}>Remove the assignment</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
