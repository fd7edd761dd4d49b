import { Button, Grid, Paper, Stack, Switch } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { listCollections } from '../../../api/admin/collections';
import { deleteFlow, type Flow, getFlow, listOperations, updateFlow } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SuccessNotice } from '../components/LoadStates';
import { useLiveData } from '../use-live-data';
import { FlowLoadProblem, FlowSectionsNav } from './FlowFrame';
import { triggerSummary } from './flow-summary';
import { OperationsPanel } from './OperationsPanel';
import { SigningPanel } from './SigningPanel';
import { TestRunPanel } from './TestRunPanel';
import { TriggerPanel } from './TriggerPanel';

/** The item collections flows can listen to and item operations can use (not the system ones). */
export function useItemCollections(): string[] {
  const collections = useLiveData('collections', () => listCollections(), { intervalMs: 10 * 60_000 });
  return (collections.data ?? []).filter((collection) => !collection.meta?.system).map((collection) => collection.collection);
}

/** One flow: its trigger, its chain of operations, request signing, and a test run. */
export function FlowEditorPage() {
  const { flowId = '' } = useParams();
  const navigate = useNavigate();
  // Forms keep what is being typed; a refresh only updates the chain and the header.
  const data = useLiveData(`flow-editor:${flowId}`, async () => {
    const [flow, operations] = await Promise.all([getFlow(flowId), listOperations(flowId)]);
    return { flow, operations };
  });
  const collections = useItemCollections();
  const [statusBusy, setStatusBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  if (data.data === undefined || data.data.flow.id !== flowId) {
    if (data.error !== undefined) return <FlowLoadProblem error={data.error} title="Flow" />;
    return (
      <AdminPage title="Flow">
        <LoadingBlock label="Loading the flow…" />
      </AdminPage>
    );
  }
  const { flow, operations } = data.data;

  async function setActive(target: Flow, active: boolean) {
    setStatusBusy(true);
    setNotice(null);
    setError(null);
    try {
      await updateFlow(target.id, { status: active ? 'active' : 'inactive' });
      setNotice(active ? 'The flow is active: it runs on its trigger.' : 'The flow is inactive: it no longer runs (test runs still work).');
      await data.reload();
    } catch (caught) {
      setError(describeAdminError(caught));
    } finally {
      setStatusBusy(false);
    }
  }

  return (
    <AdminPage
      title={flow.name}
      description={triggerSummary(flow.trigger, flow.options)}
      actions={
        <>
          <Switch
            label="Active"
            checked={flow.status === 'active'}
            disabled={statusBusy}
            onChange={(event) => setActive(flow, event.currentTarget.checked)}
            size="md"
          />
          <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setDeleting(true)}>
            Delete flow
          </Button>
        </>
      }
    >
      <FlowSectionsNav flowId={flow.id} flowName={flow.name} current="editor" />
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not saved" message={error} />}
      {data.error !== undefined && <ErrorAlert title="Could not refresh the flow" message={describeAdminError(data.error)} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Paper withBorder p="md">
              <TriggerPanel key={flow.id} flow={flow} collections={collections} onSaved={data.reload} />
            </Paper>
            <Paper withBorder p="md" component="section" aria-label="Operations">
              <OperationsPanel flow={flow} operations={operations} collections={collections} onChanged={data.reload} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Paper withBorder p="md">
              <TestRunPanel key={flow.id} flow={flow} collections={collections} />
            </Paper>
            <Paper withBorder p="md">
              <SigningPanel flow={flow} onChanged={data.reload} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmDialog
        opened={deleting}
        title={`Delete the flow ${flow.name}?`}
        confirmLabel="Delete flow"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await deleteFlow(flow.id);
          navigate('/admin/flows');
        }}
      >
        The flow stops at once. Its operations, its run log and its deliveries are deleted with it; this cannot be undone. To pause it instead, make it
        inactive.
      </ConfirmDialog>
    </AdminPage>
  );
}
