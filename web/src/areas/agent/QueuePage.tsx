import { Anchor, Badge, EmptyState, Group, NativeSelect, Pagination, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Ticket } from '../../../../common/src/helpdesk';
import { countTicketsByStatus, listTickets } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingBlock } from '../../components/LoadingBlock';
import { TicketStatusBadge } from '../../components/TicketStatusBadge';
import { useAutoRefresh } from '../../hooks/use-auto-refresh';
import { useLoader } from '../../hooks/use-loader';
import { usePageTitle } from '../../hooks/use-page-title';
import { useTicketSchema } from '../../hooks/use-ticket-schema';
import { describeError } from '../../lib/error-messages';
import { ALL_STATUSES, pageRange, QUEUE_PAGE_SIZE, QUEUE_SORTS, type QueueView, queueQuery, readQueueView, writeQueueView } from '../../lib/queue';
import { choicesOf, formatDateTime } from '../../lib/tickets';

/** "My queue": the tickets assigned to the agent, by status, with search, sorting and pages; refreshed every 30 s. */
export function QueuePage() {
  usePageTitle('My queue');
  const schema = useTicketSchema();
  const statuses = useMemo(() => choicesOf(schema.data?.field('status')), [schema.data]);

  return (
    <Stack gap="md">
      <Title order={1}>My queue</Title>
      {schema.data ? (
        <Queue statuses={statuses.map((choice) => choice.value)} />
      ) : schema.error ? (
        <ErrorAlert title="The queue could not be loaded" message={describeError(schema.error)} />
      ) : (
        <LoadingBlock label="Loading the queue" />
      )}
    </Stack>
  );
}

function Queue({ statuses }: { statuses: string[] }) {
  const [params, setParams] = useSearchParams();
  const view = readQueueView(params, statuses);
  const setView = (changes: Partial<QueueView>) => setParams(writeQueueView({ ...view, page: 1, ...changes }, statuses));

  const counts = useLoader(useCallback(() => countTicketsByStatus(), []));
  const { status, search, sort, page: pageNumber } = view;
  const page = useLoader(useCallback(() => listTickets(queueQuery({ status, search, sort, page: pageNumber })), [status, search, sort, pageNumber]));
  useAutoRefresh(() => Promise.all([counts.reload(), page.reload()]));

  const total = Object.values(counts.data ?? {}).reduce((sum, count) => sum + count, 0);
  const tabs = [
    ...statuses.map((status) => ({ value: status, label: status, count: counts.data ? (counts.data[status] ?? 0) : undefined })),
    { value: ALL_STATUSES, label: 'All', count: counts.data ? total : undefined },
  ];

  return (
    <Stack gap="md">
      <Tabs value={view.status} onChange={(status) => setView({ status: status ?? ALL_STATUSES })}>
        <Tabs.List aria-label="Tickets by status">
          {tabs.map((tab) => (
            <Tabs.Tab
              key={tab.value}
              value={tab.value}
              rightSection={
                tab.count !== undefined && (
                  <Badge variant="light" color="gray" size="sm" circle={tab.count < 10}>
                    {tab.count}
                  </Badge>
                )
              }
            >
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            {tab.value === view.status && (
              <Stack gap="md">
                <QueueControls view={view} onChange={setView} />
                <QueueTable view={view} loaded={page} onPage={(next) => setParams(writeQueueView({ ...view, page: next }, statuses))} />
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function QueueControls({ view, onChange }: { view: QueueView; onChange(changes: Partial<QueueView>): void }) {
  const [search, setSearch] = useState(view.search);
  const applySearch = useDebouncedCallback((value: string) => onChange({ search: value.trim() }), 350);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label="Search tickets"
        placeholder="Name, email, message…"
        type="search"
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          applySearch(event.currentTarget.value);
        }}
        w={{ base: '100%', xs: 320 }}
      />
      <NativeSelect
        label="Sort by"
        value={view.sort}
        onChange={(event) => onChange({ sort: event.currentTarget.value })}
        data={QUEUE_SORTS.map((option) => ({ value: option.value, label: option.label }))}
        w={{ base: '100%', xs: 200 }}
      />
    </Group>
  );
}

function QueueTable({
  view,
  loaded,
  onPage,
}: {
  view: QueueView;
  loaded: { data?: { data: Ticket[]; meta?: { filter_count?: number } }; error: unknown; loading: boolean };
  onPage(page: number): void;
}) {
  if (!loaded.data) {
    return loaded.error ? (
      <ErrorAlert title="The tickets could not be loaded" message={describeError(loaded.error)} />
    ) : (
      <LoadingBlock label="Loading tickets" />
    );
  }
  const tickets = loaded.data.data;
  const total = loaded.data.meta?.filter_count ?? tickets.length;
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));

  if (tickets.length === 0) {
    return (
      <EmptyState
        icon={<IconInbox aria-hidden="true" />}
        title={view.search ? 'No matching tickets' : 'Nothing here'}
        description={
          view.search
            ? `No ticket here matches “${view.search}”.`
            : view.status === ALL_STATUSES
              ? 'No tickets are assigned to you yet.'
              : `None of your tickets is ${view.status}.`
        }
      />
    );
  }

  return (
    <Stack gap="sm">
      {loaded.error !== undefined && <ErrorAlert title="Could not refresh the queue" message={describeError(loaded.error)} />}
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover verticalSpacing="sm" aria-busy={loaded.loading}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Ticket</Table.Th>
              <Table.Th scope="col">Customer</Table.Th>
              <Table.Th scope="col">Issue type</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Opened</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tickets.map((ticket) => (
              <Table.Tr key={ticket.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/agent/tickets/${ticket.id}`} fw={600}>
                    #{ticket.id}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="user-text">
                    {ticket.customer_name || '—'}
                  </Text>
                  <Text size="xs" c="dimmed" className="user-text">
                    {ticket.customer_email}
                  </Text>
                </Table.Td>
                <Table.Td>{ticket.issue_type}</Table.Td>
                <Table.Td>
                  <TicketStatusBadge status={ticket.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" component="time" dateTime={ticket.date_created}>
                    {formatDateTime(ticket.date_created)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" role="status">
          {pageRange(view.page, tickets.length, total)}
        </Text>
        {pages > 1 && (
          <Pagination
            component="nav"
            aria-label="Pages"
            total={pages}
            value={Math.min(view.page, pages)}
            onChange={onPage}
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
            getControlProps={(control) => ({ 'aria-label': `${control[0]?.toUpperCase()}${control.slice(1)} page` })}
          />
        )}
      </Group>
    </Stack>
  );
}
