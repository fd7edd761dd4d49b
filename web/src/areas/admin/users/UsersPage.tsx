import { ActionIcon, Button, Group, Menu, NativeSelect, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDots, IconMail, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { UserStatus } from '../../../../../common/src/users';
import { listRoles } from '../../../api/admin/roles';
import { type AdminUser, inviteUser, listUsers, updateUser, userName } from '../../../api/admin/users';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { useSession } from '../../../hooks/use-session';
import { formatDateTime } from '../../../lib/tickets';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { UserStatusBadge } from '../components/badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { Pager } from '../components/Pager';
import { useLiveData } from '../use-live-data';
import { ChangeRoleDialog } from './ChangeRoleDialog';
import { InviteUserDialog } from './InviteUserDialog';

const PAGE_SIZE = 25;

/** Users: everyone who can sign in, with invitations, suspension and roles. */
export function UsersPage() {
  const { state } = useSession();
  const myId = state.status === 'signed-in' ? state.me.id : null;
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [status, setStatus] = useState('');
  const [role, setRole] = useState('');
  const [page, setPage] = useState(1);
  const filters = { search: debouncedSearch, status: (status || undefined) as UserStatus | undefined, role: role || undefined, page, pageSize: PAGE_SIZE };
  const users = useLiveData(JSON.stringify(filters), () => listUsers(filters));
  const roles = useLiveData('roles', () => listRoles());
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [changingRole, setChangingRole] = useState<AdminUser | null>(null);
  const [suspending, setSuspending] = useState<AdminUser | null>(null);
  const rows = users.data?.data ?? [];
  const total = users.data?.meta?.filter_count ?? rows.length;

  function filterChanged(apply: () => void) {
    apply();
    setPage(1);
  }

  async function run(action: () => Promise<void>, success: string) {
    setNotice(null);
    setError(null);
    try {
      await action();
      setNotice(success);
      await users.reload();
    } catch (caught) {
      setError(describeAdminError(caught));
    }
  }

  return (
    <AdminPage
      title="Users"
      description="Everyone who can sign in to Parley. Invite people by email; they choose their own password."
      actions={
        <Button leftSection={<IconUserPlus size={16} aria-hidden="true" />} onClick={() => setInviting(true)}>
          Invite a user
        </Button>
      }
    >
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter users">
        <TextInput
          label="Search"
          placeholder="Name or email"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(event) => {
            const value = event.currentTarget.value;
            filterChanged(() => setSearch(value));
          }}
          w={{ base: '100%', sm: 260 }}
        />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(event) => {
            const value = event.currentTarget.value;
            filterChanged(() => setStatus(value));
          }}
          data={[
            { value: '', label: 'All statuses' },
            { value: 'active', label: 'Active' },
            { value: 'invited', label: 'Invited' },
            { value: 'suspended', label: 'Suspended' },
          ]}
        />
        <NativeSelect
          label="Role"
          value={role}
          onChange={(event) => {
            const value = event.currentTarget.value;
            filterChanged(() => setRole(value));
          }}
          data={[{ value: '', label: 'All roles' }, ...(roles.data ?? []).map((item) => ({ value: item.id, label: item.name }))]}
        />
      </Group>

      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not done" message={error} />}
      {users.error !== undefined && <ErrorAlert title="Could not load the users" message={describeAdminError(users.error)} />}

      {users.data === undefined && users.loading ? (
        <LoadingBlock label="Loading users…" />
      ) : rows.length === 0 && users.error === undefined ? (
        <EmptyBlock title="No users match">Try other filters.</EmptyBlock>
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="xs" aria-busy={users.loading}>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>Users{users.loading ? ' (updating…)' : ''}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last signed in</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {userName(user)}
                        {user.id === myId ? ' (you)' : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {user.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{user.role?.name ?? <Text c="dimmed">No role</Text>}</Table.Td>
                    <Table.Td>
                      <UserStatusBadge status={user.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.last_access) || '—'}</Table.Td>
                    <Table.Td>
                      <UserActions
                        user={user}
                        isMe={user.id === myId}
                        onChangeRole={() => setChangingRole(user)}
                        onResend={() => run(() => inviteUser(user.email, user.role?.id ?? ''), `A new invitation was sent to ${user.email}.`)}
                        onSuspend={() => setSuspending(user)}
                        onReactivate={() => run(() => updateUser(user.id, { status: 'active' }).then(() => undefined), `${userName(user)} can sign in again.`)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager label="User pages" page={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />
        </Stack>
      )}

      <InviteUserDialog
        opened={inviting}
        roles={roles.data ?? []}
        onClose={() => setInviting(false)}
        onInvited={async (message) => {
          setInviting(false);
          setError(null);
          setNotice(message);
          await users.reload();
        }}
      />
      <ChangeRoleDialog
        user={changingRole}
        roles={roles.data ?? []}
        onClose={() => setChangingRole(null)}
        onSaved={async (message) => {
          setChangingRole(null);
          setError(null);
          setNotice(message);
          await users.reload();
        }}
      />
      <ConfirmDialog
        opened={suspending !== null}
        title="Suspend this user?"
        confirmLabel="Suspend"
        onClose={() => setSuspending(null)}
        onConfirm={async () => {
          if (!suspending) return;
          await updateUser(suspending.id, { status: 'suspended' });
          setError(null);
          setNotice(`${userName(suspending)} is suspended and was signed out.`);
          await users.reload();
        }}
      >
        {suspending && <>{userName(suspending)} is signed out everywhere at once and cannot sign in until reactivated. Their tickets and messages stay.</>}
      </ConfirmDialog>
    </AdminPage>
  );
}

function UserActions({
  user,
  isMe,
  onChangeRole,
  onResend,
  onSuspend,
  onReactivate,
}: {
  user: AdminUser;
  isMe: boolean;
  onChangeRole(): void;
  onResend(): void;
  onSuspend(): void;
  onReactivate(): void;
}) {
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {user.status === 'invited' && (
        <Button
          variant="default"
          size="xs"
          leftSection={<IconMail size={14} aria-hidden="true" />}
          onClick={onResend}
          aria-label={`Resend the invitation to ${user.email}`}
        >
          Resend invitation
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={`Actions for ${user.email}`}>
            <IconDots size={16} aria-hidden="true" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onChangeRole}>Change role</Menu.Item>
          {user.status === 'suspended' ? (
            <Menu.Item onClick={onReactivate}>Reactivate</Menu.Item>
          ) : (
            !isMe && (
              <Menu.Item color="red" onClick={onSuspend}>
                Suspend
              </Menu.Item>
            )
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
