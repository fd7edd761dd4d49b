import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../../../../common/src/users';
import { type AdminUser, updateUser, userName } from '../../../api/admin/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';

export function ChangeRoleDialog({
  user,
  roles,
  onClose,
  onSaved,
}: {
  user: AdminUser | null;
  roles: Role[];
  onClose(): void;
  onSaved(message: string): Promise<void>;
}) {
  return (
    <AdminModal opened={user !== null} onClose={onClose} title={user ? `Role of ${userName(user)}` : 'Role'}>
      {user && <RoleForm key={user.id} user={user} roles={roles} onCancel={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function RoleForm({ user, roles, onCancel, onSaved }: { user: AdminUser; roles: Role[]; onCancel(): void; onSaved(message: string): Promise<void> }) {
  const [roleId, setRoleId] = useState(user.role?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = roles.find((role) => role.id === roleId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await updateUser(user.id, { role: roleId || null });
      await onSaved(`${userName(user)} now has the role ${chosen?.name ?? 'none'}.`);
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <NativeSelect
          label="Role"
          value={roleId}
          onChange={(event) => setRoleId(event.currentTarget.value)}
          data={[...(user.role ? [] : [{ value: '', label: 'No role' }]), ...roles.map((role) => ({ value: role.id, label: role.name }))]}
          data-autofocus
        />
        {chosen?.name === 'Agent' && <Text size="sm">To have tickets assigned to them, also add them on the Agents page.</Text>}
        {chosen?.admin_access && <Text size="sm">This role has full access to everything, including this console.</Text>}
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={roleId === (user.role?.id ?? '')}>
            Save role
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
