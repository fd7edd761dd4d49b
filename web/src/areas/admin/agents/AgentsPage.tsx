import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { type AgentWithLoad, agentName, createAgent, deleteAgent, listAgents, updateAgent } from '../../../api/admin/agents';
import { listAllUsers, userName } from '../../../api/admin/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';
import { AdminPage } from '../components/AdminPage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { useLiveData } from '../use-live-data';

/** Agents: who answers tickets, in which team, and who is available for new ones. */
export function AgentsPage() {
  const agents = useLiveData('agents', () => listAgents());
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<AgentWithLoad | null>(null);
  const [removing, setRemoving] = useState<AgentWithLoad | null>(null);
  const [adding, setAdding] = useState(false);
  const list = [...(agents.data ?? [])].sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '') || agentName(a).localeCompare(agentName(b)));

  async function setAvailable(agent: AgentWithLoad, available: boolean) {
    setNotice(null);
    setError(null);
    try {
      await updateAgent(agent.id, { available });
      setNotice(`${agentName(agent)} is now ${available ? 'available for new tickets' : 'away: new tickets are not assigned to them'}.`);
      await agents.reload();
    } catch (caught) {
      setError(describeAdminError(caught));
    }
  }

  return (
    <AdminPage
      title="Agents"
      description="The people who answer tickets. Only available agents are offered when assigning tickets."
      actions={
        <Button leftSection={<IconUserPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
          Add an agent
        </Button>
      }
    >
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not saved" message={error} />}
      {agents.error !== undefined && <ErrorAlert title="Could not load the agents" message={describeAdminError(agents.error)} />}
      {agents.data === undefined && agents.loading ? (
        <LoadingBlock label="Loading agents…" />
      ) : list.length === 0 && agents.error === undefined ? (
        <EmptyBlock title="No agents yet">Add a user as an agent, or invite someone with the Agent role from the Users page.</EmptyBlock>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs">
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>Agents</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>Open tickets</Table.Th>
                <Table.Th>Available</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((agent) => (
                <Table.Tr key={agent.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {agentName(agent)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {agent.user?.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{agent.team || <Text c="dimmed">No team</Text>}</Table.Td>
                  <Table.Td>{agent.openTickets}</Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`${agentName(agent)} is available`}
                      checked={agent.available}
                      onChange={(event) => setAvailable(agent, event.currentTarget.checked)}
                      label={agent.available ? 'Available' : 'Away'}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        variant="default"
                        size="xs"
                        leftSection={<IconPencil size={14} aria-hidden="true" />}
                        aria-label={`Edit the team of ${agentName(agent)}`}
                        onClick={() => setEditing(agent)}
                      >
                        Team
                      </Button>
                      <Button
                        variant="default"
                        color="red"
                        size="xs"
                        leftSection={<IconTrash size={14} aria-hidden="true" />}
                        aria-label={`Remove ${agentName(agent)} from the agents`}
                        onClick={() => setRemoving(agent)}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <TeamDialog
        agent={editing}
        onClose={() => setEditing(null)}
        onSaved={async (agent, team) => {
          setNotice(`${agentName(agent)} is now in ${team ? `the ${team} team` : 'no team'}.`);
          setEditing(null);
          await agents.reload();
        }}
      />
      <AddAgentDialog
        opened={adding}
        existingUserIds={new Set((agents.data ?? []).map((agent) => agent.user?.id ?? ''))}
        onClose={() => setAdding(false)}
        onAdded={async (name) => {
          setAdding(false);
          setNotice(`${name} is now an agent.`);
          await agents.reload();
        }}
      />
      <ConfirmDialog
        opened={removing !== null}
        title="Remove this agent?"
        confirmLabel="Remove agent"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await deleteAgent(removing.id);
          setNotice(`${agentName(removing)} is no longer an agent.`);
          await agents.reload();
        }}
      >
        {removing && (
          <>
            {agentName(removing)} will no longer be offered for assignment. Their {removing.openTickets} open ticket{removing.openTickets === 1 ? '' : 's'}{' '}
            become unassigned. Their user account stays.
          </>
        )}
      </ConfirmDialog>
    </AdminPage>
  );
}

function TeamDialog({
  agent,
  onClose,
  onSaved,
}: {
  agent: AgentWithLoad | null;
  onClose(): void;
  onSaved(agent: AgentWithLoad, team: string | null): Promise<void>;
}) {
  return (
    <AdminModal opened={agent !== null} onClose={onClose} title={agent ? `Team of ${agentName(agent)}` : 'Team'}>
      {agent && <TeamForm key={agent.id} agent={agent} onCancel={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function TeamForm({ agent, onCancel, onSaved }: { agent: AgentWithLoad; onCancel(): void; onSaved(agent: AgentWithLoad, team: string | null): Promise<void> }) {
  const [team, setTeam] = useState(agent.team ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const value = team.trim() || null;
      await updateAgent(agent.id, { team: value });
      await onSaved(agent, value);
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Team"
          description="For example support or sales. Leave empty for no team."
          value={team}
          onChange={(event) => setTeam(event.currentTarget.value)}
          data-autofocus
        />
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save team
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddAgentDialog({
  opened,
  existingUserIds,
  onClose,
  onAdded,
}: {
  opened: boolean;
  existingUserIds: Set<string>;
  onClose(): void;
  onAdded(name: string): Promise<void>;
}) {
  return (
    <AdminModal opened={opened} onClose={onClose} title="Add an agent">
      {opened && <AddAgentForm existingUserIds={existingUserIds} onCancel={onClose} onAdded={onAdded} />}
    </AdminModal>
  );
}

function AddAgentForm({ existingUserIds, onCancel, onAdded }: { existingUserIds: Set<string>; onCancel(): void; onAdded(name: string): Promise<void> }) {
  const users = useLiveData('users-for-agents', () => listAllUsers());
  const [userId, setUserId] = useState('');
  const [team, setTeam] = useState('');
  const [available, setAvailable] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = (users.data ?? []).filter((user) => !existingUserIds.has(user.id) && user.status !== 'suspended');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const user = candidates.find((candidate) => candidate.id === userId);
    if (!user) {
      setError('Choose the person to make an agent.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await createAgent({ user: user.id, team: team.trim() || null, available });
      await onAdded(userName(user));
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
    }
  }

  if (users.data === undefined) {
    return users.error !== undefined ? (
      <ErrorAlert title="Could not load the users" message={describeAdminError(users.error)} />
    ) : (
      <LoadingBlock label="Loading users…" />
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {candidates.length === 0 ? (
          <Paper withBorder p="sm">
            <Title order={2} fz="h5">
              Everyone is an agent already
            </Title>
            <Text size="sm">Invite someone from the Users page first.</Text>
          </Paper>
        ) : (
          <NativeSelect
            label="Person"
            description="Someone who already has an account (invite new people from the Users page)."
            value={userId}
            onChange={(event) => setUserId(event.currentTarget.value)}
            data={[{ value: '', label: 'Choose a person…' }, ...candidates.map((user) => ({ value: user.id, label: `${userName(user)} (${user.email})` }))]}
            data-autofocus
          />
        )}
        <TextInput label="Team" description="For example support or sales." value={team} onChange={(event) => setTeam(event.currentTarget.value)} />
        <Checkbox label="Available for new tickets" checked={available} onChange={(event) => setAvailable(event.currentTarget.checked)} />
        {error && <ErrorAlert title="Not added" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={candidates.length === 0}>
            Add agent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
