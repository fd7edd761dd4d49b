import { Button, Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../../../../common/src/users';
import { createAgent } from '../../../api/admin/agents';
import { findUserByEmail, inviteUser } from '../../../api/admin/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { isEmailLike } from '../../../lib/validation';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';

/** The role whose people answer tickets: inviting someone with it offers to make them an agent too. */
const AGENT_ROLE_NAME = 'Agent';

export function InviteUserDialog({
  opened,
  roles,
  onClose,
  onInvited,
}: {
  opened: boolean;
  roles: Role[];
  onClose(): void;
  onInvited(message: string): Promise<void>;
}) {
  return (
    <AdminModal opened={opened} onClose={onClose} title="Invite a user">
      {opened && <InviteForm roles={roles} onCancel={onClose} onInvited={onInvited} />}
    </AdminModal>
  );
}

function InviteForm({ roles, onCancel, onInvited }: { roles: Role[]; onCancel(): void; onInvited(message: string): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [roleId, setRoleId] = useState(() => roles.find((role) => role.name === 'Customer')?.id ?? roles[0]?.id ?? '');
  const [addAgent, setAddAgent] = useState(true);
  const [team, setTeam] = useState('support');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isAgentRole = roles.find((role) => role.id === roleId)?.name === AGENT_ROLE_NAME;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isEmailLike(email)) {
      setEmailError('Enter an email address such as name@example.com.');
      return;
    }
    setEmailError(null);
    setError(null);
    setBusy(true);
    const address = email.trim();
    try {
      await inviteUser(address, roleId);
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
      return;
    }
    if (!(isAgentRole && addAgent)) {
      await onInvited(`An invitation was sent to ${address}.`);
      return;
    }
    try {
      const user = await findUserByEmail(address);
      if (!user) throw new Error('invited user not found');
      await createAgent({ user: user.id, team: team.trim() || null, available: true });
      await onInvited(`An invitation was sent to ${address}, who is now an agent${team.trim() ? ` in the ${team.trim()} team` : ''}.`);
    } catch (caught) {
      setError(`The invitation was sent, but ${address} could not be added to the agents: ${describeAdminError(caught)} Add them on the Agents page.`);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={email}
          error={emailError}
          onChange={(event) => setEmail(event.currentTarget.value)}
          data-autofocus
        />
        <NativeSelect
          label="Role"
          description="What they may see and do. You can change it later."
          value={roleId}
          onChange={(event) => setRoleId(event.currentTarget.value)}
          data={roles.map((role) => ({ value: role.id, label: role.name }))}
        />
        {isAgentRole && (
          <Stack gap="xs">
            <Checkbox
              label="Also add to the agents, so tickets can be assigned to them"
              checked={addAgent}
              onChange={(event) => setAddAgent(event.currentTarget.checked)}
            />
            {addAgent && (
              <TextInput label="Team" description="For example support or sales." value={team} onChange={(event) => setTeam(event.currentTarget.value)} />
            )}
          </Stack>
        )}
        {error && <ErrorAlert title="Not done" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
