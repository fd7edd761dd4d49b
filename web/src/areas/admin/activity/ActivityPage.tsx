import { Badge, Code, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { type ActivityRow, listActivity, listRevisions } from '../../../api/admin/activity';
import { listCollections } from '../../../api/admin/collections';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { formatDateTime } from '../../../lib/tickets';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { EmptyBlock } from '../components/LoadStates';
import { LogStates, LogTable, RowToggle, useExpanded } from '../components/LogTable';
import { Pager } from '../components/Pager';
import { useLiveData } from '../use-live-data';

const PAGE_SIZE = 50;
const ACTION_COLORS: Record<string, string> = { create: 'green', update: 'blue', delete: 'red' };

/** "2026-12-03" (a date input's value) → the ISO time of that local day's start or end. */
export function dayBoundary(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The activity log: who changed which item, when; each entry expands to what it changed. */
export function ActivityPage() {
  const [collection, setCollection] = useState('');
  const [action, setAction] = useState('');
  const [user, setUser] = useState('');
  const [debouncedUser] = useDebouncedValue(user, 300);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const expanded = useExpanded<number>();
  const filters = {
    collection: collection || undefined,
    action: action || undefined,
    user: debouncedUser || undefined,
    from: dayBoundary(from, false),
    to: dayBoundary(to, true),
    page,
    pageSize: PAGE_SIZE,
  };
  const activity = useLiveData(JSON.stringify(filters), () => listActivity(filters));
  const collections = useLiveData('collections', () => listCollections());
  const rows = activity.data?.data ?? [];
  const total = activity.data?.meta?.filter_count ?? rows.length;
  const filtered = Boolean(collection || action || user || from || to);

  function change(apply: () => void) {
    apply();
    setPage(1);
  }

  return (
    <AdminPage title="Activity" description="Who changed what, and when: every change to tickets, messages and agents. Open an entry to see what it changed.">
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter the activity log">
        <NativeSelect
          label="Collection"
          value={collection}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change(() => setCollection(value));
          }}
          data={[
            { value: '', label: 'All collections' },
            ...(collections.data ?? []).filter((item) => !item.meta?.system).map((item) => ({ value: item.collection, label: item.collection })),
          ]}
        />
        <NativeSelect
          label="Action"
          value={action}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change(() => setAction(value));
          }}
          data={[
            { value: '', label: 'All actions' },
            { value: 'create', label: 'Created' },
            { value: 'update', label: 'Updated' },
            { value: 'delete', label: 'Deleted' },
          ]}
        />
        <TextInput
          label="Changed by"
          placeholder="Email"
          value={user}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change(() => setUser(value));
          }}
        />
        <TextInput
          label="From"
          type="date"
          value={from}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change(() => setFrom(value));
          }}
        />
        <TextInput
          label="To"
          type="date"
          value={to}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change(() => setTo(value));
          }}
        />
      </Group>

      {activity.error !== undefined && <ErrorAlert title="Could not load the activity" message={describeAdminError(activity.error)} />}
      <LogStates
        loading={activity.loading}
        loaded={activity.data !== undefined}
        failed={activity.error !== undefined}
        count={rows.length}
        loadingLabel="Loading activity…"
        empty={
          <EmptyBlock title={filtered ? 'No activity matches' : 'No activity yet'}>
            {filtered ? 'Try other filters.' : 'Changes to tickets, messages and agents appear here.'}
          </EmptyBlock>
        }
      >
        <Stack gap="sm">
          <LogTable
            what="Activity"
            loading={activity.loading}
            minWidth={720}
            toggleHeader="Changes"
            headers={
              <>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Collection</Table.Th>
                <Table.Th>Item</Table.Th>
              </>
            }
          >
            {rows.map((entry) => (
              <ActivityEntryRows key={entry.id} entry={entry} open={expanded.isOpen(entry.id)} onToggle={() => expanded.toggle(entry.id)} />
            ))}
          </LogTable>
          <Pager label="Activity pages" page={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />
        </Stack>
      </LogStates>
    </AdminPage>
  );
}

function ActivityEntryRows({ entry, open, onToggle }: { entry: ActivityRow; open: boolean; onToggle(): void }) {
  const detailsId = `activity-${entry.id}-changes`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <RowToggle open={open} detailsId={detailsId} subject={`the changes of ${entry.action} ${entry.collection} ${entry.item}`} onToggle={onToggle} />
        </Table.Td>
        <Table.Td>{formatDateTime(entry.timestamp) || '—'}</Table.Td>
        <Table.Td>{entry.user?.email ?? <Text c="dimmed">System</Text>}</Table.Td>
        <Table.Td>
          <Badge color={ACTION_COLORS[entry.action] ?? 'gray'} variant="outline" style={{ textTransform: 'none' }}>
            {entry.action}
          </Badge>
        </Table.Td>
        <Table.Td>{entry.collection}</Table.Td>
        <Table.Td>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {entry.item}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={6} bg="gray.0">
            <RevisionDetails activityId={entry.id} action={entry.action} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

function RevisionDetails({ activityId, action }: { activityId: number; action: string }) {
  const revisions = useLiveData(`revisions:${activityId}`, () => listRevisions(activityId), { intervalMs: 10 * 60_000 });
  if (revisions.error !== undefined) return <ErrorAlert title="Could not load the changes" message={describeAdminError(revisions.error)} />;
  if (revisions.data === undefined) return <LoadingBlock label="Loading the changes…" />;
  if (revisions.data.length === 0) return <Text size="sm">No details were recorded for this entry.</Text>;
  return (
    <Stack gap="xs">
      {revisions.data.map((revision) => {
        const values = action === 'delete' ? revision.data : revision.delta;
        const entries = Object.entries(values ?? {});
        return (
          <Stack key={revision.id} gap={4}>
            <Text size="sm" fw={600}>
              {action === 'delete' ? 'The item before it was deleted' : action === 'create' ? 'Values it was created with' : 'What changed'}
            </Text>
            {entries.length === 0 ? (
              <Text size="sm">Nothing recorded.</Text>
            ) : (
              <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) 1fr', gap: '0.25rem 1rem' }}>
                {entries.map(([field, value]) => (
                  <Fragment key={field}>
                    <Text component="dt" size="sm" fw={500}>
                      {field}
                    </Text>
                    <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                      {value === null ? (
                        <Text span c="dimmed" size="sm">
                          empty
                        </Text>
                      ) : typeof value === 'string' ? (
                        value
                      ) : (
                        <Code>{JSON.stringify(value)}</Code>
                      )}
                    </Text>
                  </Fragment>
                ))}
              </dl>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
