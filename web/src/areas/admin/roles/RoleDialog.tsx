import { Button, Group, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../../../../common/src/users';
import { createRole, updateRole } from '../../../api/admin/roles';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';

/** Creates a role (role null) or edits one's name, description and admin access. */
export function RoleDialog({
  opened,
  editing: role,
  onClose,
  onSaved,
}: {
  opened: boolean;
  editing: Role | null;
  onClose(): void;
  onSaved(role: Role): Promise<void>;
}) {
  return (
    <AdminModal opened={opened} onClose={onClose} title={role ? `Edit the role ${role.name}` : 'New role'}>
      {opened && <RoleForm role={role} onCancel={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function RoleForm({ role, onCancel, onSaved }: { role: Role | null; onCancel(): void; onSaved(role: Role): Promise<void> }) {
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [adminAccess, setAdminAccess] = useState(role?.admin_access ?? false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the role a name.');
      return;
    }
    setNameError(null);
    setError(null);
    setBusy(true);
    const input = { name: name.trim(), description: description.trim() || null, admin_access: adminAccess };
    try {
      const saved = role ? await updateRole(role.id, input) : await createRole(input);
      await onSaved(saved);
    } catch (caught) {
      setError(describeAdminError(caught, { RECORD_NOT_UNIQUE: 'Another role already has this name.' }));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label="Name" required value={name} error={nameError} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />
        <Textarea label="Description" autosize minRows={2} value={description} onChange={(event) => setDescription(event.currentTarget.value)} />
        <Switch
          label="Admin access"
          description="Full access to everything, including this console. Permission rules do not apply."
          checked={adminAccess}
          onChange={(event) => setAdminAccess(event.currentTarget.checked)}
        />
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {role ? 'Save role' : 'Create role'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
