import { Button, Grid, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { listRoles } from '../../../api/admin/roles';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { useLiveData } from '../use-live-data';
import { RoleDetail } from './RoleDetail';
import { RoleDialog } from './RoleDialog';

/** Roles & permissions: the roles, and per role what it may do with each collection. */
export function RolesPage() {
  const { roleId } = useParams();
  const navigate = useNavigate();
  const roles = useLiveData('roles', () => listRoles());
  const [creating, setCreating] = useState(false);
  const selected = roles.data?.find((role) => role.id === roleId);

  return (
    <AdminPage
      title="Roles & permissions"
      description="What each role may see and change. Admin roles have full access; every other role has exactly the permissions listed."
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)}>
          New role
        </Button>
      }
    >
      {roles.error !== undefined && <ErrorAlert title="Could not load the roles" message={describeAdminError(roles.error)} />}
      {roles.data === undefined ? (
        roles.error === undefined && <LoadingBlock label="Loading roles…" />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Paper withBorder p="xs" component="nav" aria-label="Roles">
              <Stack gap={2}>
                {roles.data.map((role) => (
                  <NavLink
                    key={role.id}
                    component={Link}
                    to={`/admin/roles/${role.id}`}
                    label={role.name}
                    description={role.admin_access ? 'Full access' : undefined}
                    leftSection={role.admin_access ? <IconShieldCheck size={18} aria-hidden="true" /> : <IconShieldLock size={18} aria-hidden="true" />}
                    active={role.id === roleId}
                    aria-current={role.id === roleId ? 'page' : undefined}
                  />
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            {selected ? (
              <RoleDetail
                key={selected.id}
                role={selected}
                onRoleChanged={roles.reload}
                onRoleDeleted={async () => {
                  await roles.reload();
                  navigate('/admin/roles');
                }}
              />
            ) : roleId ? (
              <Text>This role does not exist (any more). Choose one from the list.</Text>
            ) : (
              <Paper withBorder p="lg">
                <Title order={2} fz="h4">
                  Choose a role
                </Title>
                <Text>Pick a role on the left to see and edit its permissions.</Text>
              </Paper>
            )}
          </Grid.Col>
        </Grid>
      )}
      <RoleDialog
        opened={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onSaved={async (role) => {
          setCreating(false);
          await roles.reload();
          navigate(`/admin/roles/${role.id}`);
        }}
      />
    </AdminPage>
  );
}
