import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Choice, FieldMeta } from '../../../../../common/src/helpdesk';
import { type AgentWithLoad, agentName, listAgents } from '../../../api/admin/agents';
import { type AdminTicket, assignTickets, listTickets } from '../../../api/admin/tickets';
import { readFields } from '../../../api/schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { TicketStatusBadge } from '../../../components/TicketStatusBadge';
import { formatDateTime } from '../../../lib/tickets';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { Pager } from '../components/Pager';
import { useLiveData } from '../use-live-data';
import { AssignAgentMenu } from './AssignAgentMenu';

const PAGE_SIZE = 25;
const SORTS = [
  { value: '-date_created', label: 'Newest first' },
  { value: 'date_created', label: 'Oldest first' },
  { value: '-date_updated', label: 'Recently updated' },
  { value: 'status', label: 'Status' },
];

/** The choices of a dropdown field, from GET /fields (admins can edit them, so never hard-coded). */
export function choicesOf(fields: FieldMeta[] | undefined, name: string): Choice[] {
  return fields?.find((field) => field.field === name)?.meta.options?.choices ?? [];
}

/** All tickets: filters, search, sort, pages, and bulk assignment to an available agent. */
export function AdminTicketsPage() {
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? '',
    issueType: params.get('issue_type') ?? '',
    agent: params.get('agent') ?? '',
    search: params.get('search') ?? '',
    sort: params.get('sort') ?? '-date_created',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const [searchText, setSearchText] = useState(filters.search);
  // A selection belongs to what is on screen: new filters or a new page start a new one.
  const [selection, setSelection] = useState<{ key: string; ids: Set<number> }>({ key: '', ids: new Set() });
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  function setFilter(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name !== 'page') next.delete('page');
        return next;
      },
      { replace: name === 'search' },
    );
  }

  const searchLater = useDebouncedCallback((value: string) => setFilter('search', value), 300);

  const listKey = JSON.stringify(filters);
  const tickets = useLiveData(listKey, () => listTickets({ ...filters, pageSize: PAGE_SIZE }));
  const fields = useLiveData('fields', () => readFields('support_ticket'));
  const agents = useLiveData('agents', () => listAgents());

  const selected = selection.key === listKey ? selection.ids : new Set<number>();
  const setSelected = (update: Set<number> | ((current: Set<number>) => Set<number>)) =>
    setSelection((current) => ({ key: listKey, ids: typeof update === 'function' ? update(current.key === listKey ? current.ids : new Set()) : update }));

  const rows = tickets.data?.data ?? [];
  const total = tickets.data?.meta?.filter_count ?? rows.length;
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const someSelected = rows.some((row) => selected.has(row.id));

  function toggle(id: number, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function assign(agent: AgentWithLoad | null) {
    const keys = [...selected];
    setNotice(null);
    setActionError(null);
    try {
      await assignTickets(keys, agent?.id ?? null);
      const count = `${keys.length} ticket${keys.length === 1 ? '' : 's'}`;
      setNotice(agent ? `Assigned ${count} to ${agentName(agent)}.` : `Removed the assignment of ${count}.`);
      setSelected(new Set());
      await Promise.all([tickets.reload(), agents.reload()]);
    } catch (error) {
      setActionError(describeAdminError(error));
    }
  }

  const agentOptions = useMemo(
    () => [
      { value: '', label: 'Any agent' },
      { value: 'unassigned', label: 'Unassigned' },
      ...(agents.data ?? []).map((agent) => ({ value: agent.id, label: `${agentName(agent)}${agent.available ? '' : ' (away)'}` })),
    ],
    [agents.data],
  );

  return (
    <AdminPage title="All tickets" description="Every ticket on the desk. Select tickets to assign them to an available agent.">
      <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter tickets">
        <TextInput
          label="Search"
          placeholder="Name, email, message…"
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={searchText}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setSearchText(value);
            searchLater(value);
          }}
          w={{ base: '100%', sm: 240 }}
        />
        <NativeSelect
          label="Status"
          value={filters.status}
          onChange={(event) => setFilter('status', event.currentTarget.value)}
          data={[{ value: '', label: 'All statuses' }, ...choicesOf(fields.data, 'status').map((choice) => ({ value: choice.value, label: choice.text }))]}
        />
        <NativeSelect
          label="Issue type"
          value={filters.issueType}
          onChange={(event) => setFilter('issue_type', event.currentTarget.value)}
          data={[
            { value: '', label: 'All issue types' },
            ...choicesOf(fields.data, 'issue_type').map((choice) => ({ value: choice.value, label: choice.text })),
          ]}
        />
        <NativeSelect label="Agent" value={filters.agent} onChange={(event) => setFilter('agent', event.currentTarget.value)} data={agentOptions} />
        <NativeSelect label="Sort" value={filters.sort} onChange={(event) => setFilter('sort', event.currentTarget.value)} data={SORTS} />
      </Group>

      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {actionError && <ErrorAlert title="The tickets were not assigned" message={actionError} />}
      {tickets.error !== undefined && <ErrorAlert title="Could not load the tickets" message={describeAdminError(tickets.error)} />}

      <Group gap="sm" wrap="wrap" aria-label="Bulk actions" role="group">
        <Text size="sm" aria-live="polite">
          {selected.size === 0 ? 'No tickets selected' : `${selected.size} selected`}
        </Text>
        <AssignAgentMenu label="Assign to agent" disabled={selected.size === 0} allowUnassign onAssign={assign} />
        {selected.size > 0 && (
          <Button variant="subtle" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        )}
      </Group>

      {tickets.data === undefined && tickets.loading ? (
        <LoadingBlock label="Loading tickets…" />
      ) : rows.length === 0 && tickets.error === undefined ? (
        <EmptyBlock title="No tickets match">
          {filters.status || filters.issueType || filters.agent || filters.search ? 'Try other filters.' : 'Tickets appear here as customers open them.'}
        </EmptyBlock>
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="xs" aria-busy={tickets.loading}>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>Tickets{tickets.loading ? ' (updating…)' : ''}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Select all tickets on this page"
                      checked={allSelected}
                      indeterminate={someSelected && !allSelected}
                      onChange={(event) => {
                        const checked = event.currentTarget.checked;
                        setSelected(checked ? new Set(rows.map((row) => row.id)) : new Set());
                      }}
                    />
                  </Table.Th>
                  <Table.Th>Ticket</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Issue type</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Assigned to</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((ticket) => (
                  <TicketRow key={ticket.id} ticket={ticket} selected={selected.has(ticket.id)} onToggle={toggle} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager label="Ticket pages" page={filters.page} pageSize={PAGE_SIZE} total={total} onChange={(page) => setFilter('page', String(page))} />
        </Stack>
      )}
    </AdminPage>
  );
}

function TicketRow({ ticket, selected, onToggle }: { ticket: AdminTicket; selected: boolean; onToggle(id: number, checked: boolean): void }) {
  return (
    <Table.Tr bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
      <Table.Td>
        <Checkbox aria-label={`Select ticket #${ticket.id}`} checked={selected} onChange={(event) => onToggle(ticket.id, event.currentTarget.checked)} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/admin/tickets/${ticket.id}`} fw={600}>
          #{ticket.id}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{ticket.customer_name || '—'}</Text>
        <Text size="xs" c="dimmed">
          {ticket.customer_email}
        </Text>
      </Table.Td>
      <Table.Td>{ticket.issue_type}</Table.Td>
      <Table.Td>
        <TicketStatusBadge status={ticket.status} />
      </Table.Td>
      <Table.Td>{ticket.assigned_to ? agentName(ticket.assigned_to) : <Text c="dimmed">Unassigned</Text>}</Table.Td>
      <Table.Td>{formatDateTime(ticket.date_created) || '—'}</Table.Td>
    </Table.Tr>
  );
}
