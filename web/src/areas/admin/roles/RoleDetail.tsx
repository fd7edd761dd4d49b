import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { PermissionAction, PermissionRow } from '../../../../../common/src/helpdesk';
import type { Role } from '../../../../../common/src/users';
import { listRolePermissions, PERMISSION_ACTIONS } from '../../../api/admin/permissions';
import { deleteRole } from '../../../api/admin/roles';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SuccessNotice } from '../components/LoadStates';
import { useLiveData } from '../use-live-data';
import { ACCESS_LABELS, accessOf, PermissionDialog, type PermissionTarget } from './PermissionDialog';
import { type CollectionForGrid, loadPermissionSchema } from './permission-schema';
import { RoleDialog } from './RoleDialog';

// Dark text on the light variants: Mantine's green label colour on its light background falls short of WCAG AA.
const ACCESS_STYLE = {
  none: { variant: 'default', color: undefined, text: undefined },
  all: { variant: 'light', color: 'green', text: 'dark.8' },
  custom: { variant: 'light', color: 'blue', text: 'dark.8' },
} as const;

/** One role: its settings, and (unless it has admin access) the permission grid of collection × action. */
export function RoleDetail({ role, onRoleChanged, onRoleDeleted }: { role: Role; onRoleChanged(): Promise<void>; onRoleDeleted(): Promise<void> }) {
  const permissions = useLiveData(`permissions:${role.id}`, () => listRolePermissions(role.id));
  const schema = useLiveData('permission-schema', loadPermissionSchema);
  const [editingRole, setEditingRole] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [target, setTarget] = useState<PermissionTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const rowFor = (collection: string, action: PermissionAction): PermissionRow | undefined =>
    permissions.data?.find((row) => row.collection === collection && row.action === action);

  return (
    <Stack gap="md" component="section" aria-labelledby="role-heading">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} id="role-heading">
            {role.name}
          </Title>
          {role.description && <Text c="dimmed">{role.description}</Text>}
        </Stack>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={() => setEditingRole(true)}>
            Edit role
          </Button>
          <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setDeleting(true)}>
            Delete role
          </Button>
        </Group>
      </Group>
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}

      {role.admin_access ? (
        <Alert color="green" variant="light" icon={<IconShieldCheck aria-hidden="true" />} title="Full access">
          People with this role can see and change everything, including this console. Permission rules do not apply to them.
        </Alert>
      ) : (
        <>
          {(permissions.error ?? schema.error) !== undefined && (
            <ErrorAlert title="Could not load the permissions" message={describeAdminError(permissions.error ?? schema.error)} />
          )}
          {permissions.data === undefined || schema.data === undefined ? (
            permissions.error === undefined && schema.error === undefined && <LoadingBlock label="Loading permissions…" />
          ) : (
            <PermissionGrid
              role={role}
              collections={schema.data}
              rowFor={rowFor}
              onOpen={(collection, action) =>
                setTarget({
                  role,
                  collection: collection.collection,
                  action,
                  row: rowFor(collection.collection, action),
                  fields: collection.fields,
                  system: collection.system,
                })
              }
            />
          )}
        </>
      )}

      <PermissionDialog
        target={target}
        onClose={() => setTarget(null)}
        onSaved={async (message) => {
          setTarget(null);
          setNotice(message);
          await permissions.reload();
        }}
      />
      <RoleDialog
        opened={editingRole}
        editing={role}
        onClose={() => setEditingRole(false)}
        onSaved={async (saved) => {
          setEditingRole(false);
          setNotice(`The role ${saved.name} was saved.`);
          await onRoleChanged();
        }}
      />
      <ConfirmDialog
        opened={deleting}
        title={`Delete the role ${role.name}?`}
        confirmLabel="Delete role"
        onClose={() => setDeleting(false)}
        onConfirm={() => deleteRole(role.id).then(onRoleDeleted)}
      >
        The role and its permissions are deleted. A role that people still hold cannot be deleted: give them another role first.
      </ConfirmDialog>
    </Stack>
  );
}

function PermissionGrid({
  role,
  collections,
  rowFor,
  onOpen,
}: {
  role: Role;
  collections: CollectionForGrid[];
  rowFor(collection: string, action: PermissionAction): PermissionRow | undefined;
  onOpen(collection: CollectionForGrid, action: PermissionAction): void;
}) {
  return (
    <Paper withBorder p="sm">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            Permissions of {role.name}. Choose a cell to change it. System collections can only be read.
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Collection</Table.Th>
              {PERMISSION_ACTIONS.map((action) => (
                <Table.Th scope="col" key={action} style={{ textTransform: 'capitalize' }}>
                  {action}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {collections.map((collection) => (
              <Table.Tr key={collection.collection}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {collection.collection}
                  </Text>
                  <Text size="xs" c="dimmed" fw={400}>
                    {collection.system ? 'System' : (collection.note ?? '')}
                  </Text>
                </Table.Th>
                {PERMISSION_ACTIONS.map((action) => {
                  if (collection.system && action !== 'read') {
                    return (
                      <Table.Td key={action}>
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      </Table.Td>
                    );
                  }
                  const access = accessOf(rowFor(collection.collection, action));
                  const style = ACCESS_STYLE[access];
                  return (
                    <Table.Td key={action}>
                      <Button
                        size="xs"
                        variant={style.variant}
                        color={style.color}
                        c={style.text}
                        aria-label={`${collection.collection} ${action}: ${ACCESS_LABELS[access]}`}
                        onClick={() => onOpen(collection, action)}
                      >
                        {ACCESS_LABELS[access]}
                      </Button>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
