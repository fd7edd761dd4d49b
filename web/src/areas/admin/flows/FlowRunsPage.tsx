import { Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { type FlowRun, getFlow, listRuns, RUN_STATUSES, type RunStatus } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { EmptyBlock } from '../components/LoadStates';
import { LogStates, LogTable, RowToggle, useExpanded } from '../components/LogTable';
import { Pager } from '../components/Pager';
import { useLiveData } from '../use-live-data';
import { RunStatusBadge } from './FlowBadges';
import { FlowLoadProblem, FlowSectionsNav } from './FlowFrame';
import { formatLogTime } from './flow-summary';
import { JsonText, StepList } from './StepList';

const PAGE_SIZE = 25;
/** While something is still in flight the log refreshes every few seconds. */
const BUSY_REFRESH_MS = 3_000;
const IN_FLIGHT: RunStatus[] = ['pending', 'running', 'retrying'];

/** The run log of one flow: each run's status, timing and error; a run expands to its steps. */
export function FlowRunsPage() {
  const { flowId = '' } = useParams();
  const flow = useLiveData(`flow:${flowId}`, () => getFlow(flowId), { intervalMs: 5 * 60_000 });
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [page, setPage] = useState(1);
  const expanded = useExpanded<string>();
  const filters = { flow: flowId, status: status || undefined, page, pageSize: PAGE_SIZE };
  const [busy, setBusy] = useState(false);
  const runs = useLiveData(JSON.stringify(filters), () => listRuns(filters), { intervalMs: busy ? BUSY_REFRESH_MS : undefined });
  const rows = runs.data?.data ?? [];
  const total = runs.data?.meta?.filter_count ?? rows.length;
  const inFlight = rows.some((run) => IN_FLIGHT.includes(run.status));
  useEffect(() => setBusy(inFlight), [inFlight]);

  if (flow.error !== undefined && flow.data === undefined) return <FlowLoadProblem error={flow.error} title="Run log" />;
  const name = flow.data?.name ?? 'Flow';

  return (
    <AdminPage
      title={`Run log: ${name}`}
      description="Every run of this flow, newest first. Open a run to see each operation’s input and output."
      actions={
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={() => runs.reload()} loading={runs.loading}>
          Refresh
        </Button>
      }
    >
      <FlowSectionsNav flowId={flowId} flowName={name} current="runs" />
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter the runs">
        <NativeSelect
          label="Status"
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value as RunStatus | '');
            setPage(1);
          }}
          data={[{ value: '', label: 'All statuses' }, ...RUN_STATUSES.map((value) => ({ value, label: value }))]}
        />
      </Group>
      {runs.error !== undefined && <ErrorAlert title="Could not load the runs" message={describeAdminError(runs.error)} />}
      <LogStates
        loading={runs.loading}
        loaded={runs.data !== undefined}
        failed={runs.error !== undefined}
        count={rows.length}
        loadingLabel="Loading runs…"
        empty={
          <EmptyBlock title={status ? 'No runs with this status' : 'No runs yet'}>
            {status ? 'Try another status.' : 'Runs appear here when the flow is triggered (it must be active), and after each retry.'}
          </EmptyBlock>
        }
      >
        <Stack gap="sm">
          <LogTable
            what="Runs"
            loading={runs.loading}
            minWidth={720}
            toggleHeader="Steps"
            headers={
              <>
                <Table.Th>Status</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Finished</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Error</Table.Th>
              </>
            }
          >
            {rows.map((run) => (
              <RunRows key={run.id} run={run} open={expanded.isOpen(run.id)} onToggle={() => expanded.toggle(run.id)} />
            ))}
          </LogTable>
          <Pager label="Run log pages" page={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />
        </Stack>
      </LogStates>
    </AdminPage>
  );
}

function RunRows({ run, open, onToggle }: { run: FlowRun; open: boolean; onToggle(): void }) {
  const detailsId = `run-${run.id}-steps`;
  const started = formatLogTime(run.date_created);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <RowToggle open={open} detailsId={detailsId} subject={`the steps of the run started ${started}`} onToggle={onToggle} />
        </Table.Td>
        <Table.Td>
          <RunStatusBadge status={run.status} />
        </Table.Td>
        <Table.Td>{started}</Table.Td>
        <Table.Td>
          {run.date_finished ? (
            formatLogTime(run.date_finished)
          ) : run.next_attempt_at && run.status === 'retrying' ? (
            <Text size="sm">Next attempt {formatLogTime(run.next_attempt_at)}</Text>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td>{run.attempts}</Table.Td>
        <Table.Td maw={360}>
          {run.last_error ? (
            <Text size="sm" className="user-text">
              {run.last_error}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={6} bg="gray.0">
            <Stack gap="sm">
              {run.trigger !== undefined && run.trigger !== null && <JsonText label="Trigger ({{$trigger}})" value={run.trigger} />}
              <StepList
                steps={run.steps ?? []}
                emptyText={
                  run.status === 'pending' || run.status === 'running'
                    ? 'No step has finished yet.'
                    : 'No steps were recorded. Turn on “Track activity & logs” in the editor to keep them.'
                }
              />
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
