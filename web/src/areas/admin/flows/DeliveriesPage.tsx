import { Anchor, Button, Code, Group, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconRefresh, IconSend } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DELIVERY_STATES, type Delivery, type DeliveryState, listDeliveries, listDeliveryAttempts, listFlows, replayDelivery } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { LogStates, LogTable, RowToggle, useExpanded } from '../components/LogTable';
import { Pager } from '../components/Pager';
import { useLiveData } from '../use-live-data';
import { DeliveryStateBadge } from './FlowBadges';
import { formatLogTime } from './flow-summary';

const PAGE_SIZE = 25;
const BUSY_REFRESH_MS = 3_000;
const IN_FLIGHT: DeliveryState[] = ['pending', 'retrying'];

/**
 * The delivery log: every webhook request and mail flows sent, with its state and attempts; failed and dead ones
 * can be replayed. Filters live in the address (?flow=…&state=…), so a flow can link to its own deliveries.
 */
export function DeliveriesPage() {
  const [params, setParams] = useSearchParams();
  const flow = params.get('flow') ?? '';
  const stateParam = params.get('state') ?? '';
  const state = (DELIVERY_STATES as string[]).includes(stateParam) ? (stateParam as DeliveryState) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = { flow: flow || undefined, state, page, pageSize: PAGE_SIZE };
  const [busy, setBusy] = useState(false);
  const deliveries = useLiveData(JSON.stringify(filters), () => listDeliveries(filters), { intervalMs: busy ? BUSY_REFRESH_MS : undefined });
  const flows = useLiveData('flow-names', () => listFlows());
  const expanded = useExpanded<string>();
  const [replaying, setReplaying] = useState<Delivery | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = deliveries.data?.data ?? [];
  const total = deliveries.data?.meta?.filter_count ?? rows.length;
  const inFlight = rows.some((delivery) => IN_FLIGHT.includes(delivery.state));
  useEffect(() => setBusy(inFlight), [inFlight]);
  const filtered = Boolean(flow || state);

  function setFilter(name: 'flow' | 'state' | 'page', value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  }

  return (
    <AdminPage
      title="Deliveries"
      description="Every webhook request and email sent by flows, with each attempt. Deliveries are retried with backoff; a failed or dead one can be replayed."
      actions={
        <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden="true" />} onClick={() => deliveries.reload()} loading={deliveries.loading}>
          Refresh
        </Button>
      }
    >
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter the deliveries">
        <NativeSelect
          label="Flow"
          value={flow}
          onChange={(event) => setFilter('flow', event.currentTarget.value)}
          data={[
            { value: '', label: 'All flows' },
            ...(flows.data ?? []).map((item) => ({ value: item.id, label: item.name })),
            // A flow named in the address but not (yet) loaded still shows as chosen.
            ...(flow && !(flows.data ?? []).some((item) => item.id === flow) ? [{ value: flow, label: flows.data ? 'A deleted flow' : 'Loading…' }] : []),
          ]}
        />
        <NativeSelect
          label="State"
          value={state ?? ''}
          onChange={(event) => setFilter('state', event.currentTarget.value)}
          data={[{ value: '', label: 'All states' }, ...DELIVERY_STATES.map((value) => ({ value, label: value }))]}
        />
      </Group>

      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {deliveries.error !== undefined && <ErrorAlert title="Could not load the deliveries" message={describeAdminError(deliveries.error)} />}
      <LogStates
        loading={deliveries.loading}
        loaded={deliveries.data !== undefined}
        failed={deliveries.error !== undefined}
        count={rows.length}
        loadingLabel="Loading deliveries…"
        empty={
          <EmptyBlock title={filtered ? 'No deliveries match' : 'No deliveries yet'}>
            {filtered ? 'Try other filters.' : 'Webhook requests and mails sent by active flows appear here.'}
          </EmptyBlock>
        }
      >
        <Stack gap="sm">
          <LogTable
            what="Deliveries"
            loading={deliveries.loading}
            minWidth={960}
            toggleHeader="Details"
            headers={
              <>
                <Table.Th miw={130}>State</Table.Th>
                <Table.Th>Flow</Table.Th>
                <Table.Th>Sent to</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last answer</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </>
            }
          >
            {rows.map((delivery) => (
              <DeliveryRows
                key={delivery.id}
                delivery={delivery}
                open={expanded.isOpen(delivery.id)}
                onToggle={() => expanded.toggle(delivery.id)}
                onReplay={() => setReplaying(delivery)}
              />
            ))}
          </LogTable>
          <Pager label="Delivery pages" page={page} pageSize={PAGE_SIZE} total={total} onChange={(next) => setFilter('page', next > 1 ? String(next) : '')} />
        </Stack>
      </LogStates>

      <ConfirmDialog
        opened={replaying !== null}
        danger={false}
        title="Replay this delivery?"
        confirmLabel="Replay"
        onClose={() => setReplaying(null)}
        onConfirm={async () => {
          if (!replaying) return;
          await replayDelivery(replaying.id);
          setNotice(`The delivery to ${replaying.target} was queued again. It keeps its webhook-id, so the receiver can tell it is a repeat.`);
          await deliveries.reload();
        }}
      >
        {replaying && (
          <>
            The {replaying.kind === 'mail' ? 'mail' : 'request'} to <strong>{replaying.target}</strong> is sent again, with the data of its original run, and
            retried as before if it fails. The operations after it in the flow run again too.
          </>
        )}
      </ConfirmDialog>
    </AdminPage>
  );
}

function DeliveryRows({ delivery, open, onToggle, onReplay }: { delivery: Delivery; open: boolean; onToggle(): void; onReplay(): void }) {
  const detailsId = `delivery-${delivery.id}-attempts`;
  const created = formatLogTime(delivery.date_created);
  const what = `${delivery.kind === 'mail' ? 'mail' : 'request'} to ${delivery.target}`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <RowToggle open={open} detailsId={detailsId} subject={`the attempts of the ${what} created ${created}`} onToggle={onToggle} />
        </Table.Td>
        <Table.Td>
          <DeliveryStateBadge state={delivery.state} />
        </Table.Td>
        <Table.Td>
          {delivery.flow ? (
            <Anchor component={Link} to={`/admin/flows/${delivery.flow.id}`} size="sm">
              {delivery.flow.name}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td maw={280}>
          <Text size="xs" c="dimmed">
            {delivery.kind === 'mail' ? 'Mail' : 'Request'}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {delivery.target}
          </Text>
        </Table.Td>
        <Table.Td>{delivery.attempts}</Table.Td>
        <Table.Td maw={240}>
          {delivery.last_status !== null && <Text size="sm">HTTP {delivery.last_status}</Text>}
          {delivery.last_error && delivery.last_error !== `HTTP ${delivery.last_status}` && (
            <Text size="xs" className="user-text" lineClamp={3}>
              {delivery.last_error}
            </Text>
          )}
          {delivery.last_status === null && !delivery.last_error && (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm">Created {created}</Text>
          {delivery.state === 'delivered' && delivery.date_delivered ? (
            <Text size="xs">Delivered {formatLogTime(delivery.date_delivered)}</Text>
          ) : delivery.next_attempt_at && IN_FLIGHT.includes(delivery.state) ? (
            <Text size="xs">Next attempt {formatLogTime(delivery.next_attempt_at)}</Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          {delivery.state !== 'pending' && (
            <Button variant="default" size="xs" leftSection={<IconSend size={14} aria-hidden="true" />} aria-label={`Replay the ${what}`} onClick={onReplay}>
              Replay
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={8} bg="gray.0">
            <AttemptLog delivery={delivery} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

function AttemptLog({ delivery }: { delivery: Delivery }) {
  // Loads again when another attempt was made.
  const attempts = useLiveData(`attempts:${delivery.id}:${delivery.attempts}:${delivery.state}`, () => listDeliveryAttempts(delivery.id), {
    intervalMs: 10 * 60_000,
  });
  return (
    <Stack gap="xs">
      <Text size="sm">
        Delivery id (<Code>webhook-id</Code>): <Code>{delivery.id}</Code>
      </Text>
      {attempts.error !== undefined && <ErrorAlert title="Could not load the attempts" message={describeAdminError(attempts.error)} />}
      {attempts.data === undefined ? (
        attempts.error === undefined && <LoadingBlock label="Loading the attempts…" />
      ) : attempts.data.length === 0 ? (
        <Text size="sm">No attempt was made yet.</Text>
      ) : (
        <Table verticalSpacing={4} withTableBorder bg="white">
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>Attempts of the delivery to {delivery.target}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Answer</Table.Th>
              <Table.Th>Took</Table.Th>
              <Table.Th>Response or error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attempts.data.map((attempt) => (
              <Table.Tr key={attempt.id}>
                <Table.Td>{attempt.attempt}</Table.Td>
                <Table.Td>{formatLogTime(attempt.date_created)}</Table.Td>
                <Table.Td>{attempt.status !== null ? `HTTP ${attempt.status}` : attempt.error ? 'No answer' : 'Sent'}</Table.Td>
                <Table.Td>{attempt.duration_ms} ms</Table.Td>
                <Table.Td maw={420}>
                  {attempt.error && (
                    <Text size="sm" c="red.9" className="user-text">
                      {attempt.error}
                    </Text>
                  )}
                  {attempt.response_excerpt && (
                    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', overflow: 'visible' }}>
                      {attempt.response_excerpt}
                    </Code>
                  )}
                  {!attempt.error && !attempt.response_excerpt && (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
