import { Anchor, Button, Group, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { deleteFlow, type Flow, latestRun, listFlows, updateFlow } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { useLiveData } from '../use-live-data';
import { RunStatusBadge } from './FlowBadges';
import { formatLogTime, triggerSummary } from './flow-summary';
import { NewFlowDialog } from './NewFlowDialog';

/** Flows: automations that run on item events, on a schedule, on an incoming webhook or by hand. */
export function FlowsPage() {
  const navigate = useNavigate();
  const flows = useLiveData('flows', () => listFlows());
  const ids = (flows.data ?? []).map((flow) => flow.id);
  // One small request per flow: a desk has a handful of flows.
  const lastRuns = useLiveData(`flow-last-runs:${ids.join(',')}`, async () => {
    const runs = await Promise.all(ids.map((id) => latestRun(id)));
    return new Map(ids.map((id, index) => [id, runs[index]]));
  });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Flow | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = flows.data ?? [];

  async function setActive(flow: Flow, active: boolean) {
    setBusy(flow.id);
    setNotice(null);
    setError(null);
    try {
      await updateFlow(flow.id, { status: active ? 'active' : 'inactive' });
      setNotice(active ? `${flow.name} is active: it runs on its trigger.` : `${flow.name} is inactive: it no longer runs.`);
      await flows.reload();
    } catch (caught) {
      setError(describeAdminError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <AdminPage
      title="Flows"
      description="Automations: webhooks and emails when tickets change, checks that refuse tickets, scheduled jobs. Open a flow to edit its trigger and operations, test it, and read its run log."
      actions={
        <>
          <Button component={Link} to="/admin/deliveries" variant="default">
            Delivery log
          </Button>
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setCreating(true)}>
            New flow
          </Button>
        </>
      }
    >
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not saved" message={error} />}
      {flows.error !== undefined && <ErrorAlert title="Could not load the flows" message={describeAdminError(flows.error)} />}
      {flows.data === undefined && flows.loading ? (
        <LoadingBlock label="Loading flows…" />
      ) : list.length === 0 && flows.error === undefined ? (
        <EmptyBlock title="No flows yet">Create a flow to send webhooks or emails when tickets change.</EmptyBlock>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="xs" aria-busy={flows.loading}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>Flows, by name{flows.loading ? ' (updating…)' : ''}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last run</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((flow) => {
                const run = lastRuns.data?.get(flow.id);
                return (
                  <Table.Tr key={flow.id}>
                    <Table.Td maw={320}>
                      <Anchor component={Link} to={`/admin/flows/${flow.id}`} fw={600} size="sm">
                        {flow.name}
                      </Anchor>
                      {flow.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {flow.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td maw={300}>
                      <Text size="sm">{triggerSummary(flow.trigger, flow.options)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`${flow.name} is active`}
                        checked={flow.status === 'active'}
                        disabled={busy === flow.id}
                        onChange={(event) => setActive(flow, event.currentTarget.checked)}
                        label={flow.status === 'active' ? 'Active' : 'Inactive'}
                      />
                    </Table.Td>
                    <Table.Td>
                      {run ? (
                        <Stack gap={2} align="flex-start">
                          <RunStatusBadge status={run.status} />
                          <Anchor component={Link} to={`/admin/flows/${flow.id}/runs`} size="xs">
                            {formatLogTime(run.date_created)}
                            <VisuallyHidden> (run log of {flow.name})</VisuallyHidden>
                          </Anchor>
                        </Stack>
                      ) : lastRuns.data ? (
                        <Text size="sm" c="dimmed">
                          Never ran
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          …
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          variant="default"
                          color="red"
                          size="xs"
                          leftSection={<IconTrash size={14} aria-hidden="true" />}
                          aria-label={`Delete the flow ${flow.name}`}
                          onClick={() => setDeleting(flow)}
                        >
                          Delete
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <NewFlowDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={async (flow) => {
          setCreating(false);
          await flows.reload();
          navigate(`/admin/flows/${flow.id}`);
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete the flow ${deleting.name}?` : 'Delete the flow?'}
        confirmLabel="Delete flow"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await deleteFlow(deleting.id);
          setError(null);
          setNotice(`The flow ${deleting.name} was deleted.`);
          await flows.reload();
        }}
      >
        The flow stops at once. Its operations, its run log and its deliveries are deleted with it; this cannot be undone. To pause it instead, make it
        inactive.
      </ConfirmDialog>
    </AdminPage>
  );
}
