import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { FieldMeta, Ticket, TicketMessage } from '../../../../../common/src/helpdesk';
import { type AgentWithLoad, agentName } from '../../../api/admin/agents';
import { assignTickets, createTicketMessage, listTicketMessages, readTicket, updateTicket } from '../../../api/admin/tickets';
import { userName } from '../../../api/admin/users';
import { isApiError } from '../../../api/client';
import { readFields } from '../../../api/schema';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingBlock } from '../../../components/LoadingBlock';
import { ThreadMessageList } from '../../../components/ThreadMessageList';
import { ThreadReplyForm } from '../../../components/ThreadReplyForm';
import { TicketFacts } from '../../../components/TicketFacts';
import { TicketStatusBadge } from '../../../components/TicketStatusBadge';
import { useSession } from '../../../hooks/use-session';
import { fieldLabel, formatDateTime, formatFieldValue, parseTicketId, threadItems } from '../../../lib/tickets';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { SuccessNotice } from '../components/LoadStates';
import { useLiveData } from '../use-live-data';
import { choicesOf } from './AdminTicketsPage';
import { AssignAgentMenu } from './AssignAgentMenu';

/** One ticket for an admin: details (custom fields included), assignment, status, resolution and the whole thread. */
export function AdminTicketPage() {
  const id = parseTicketId(useParams().ticketId);
  const { state } = useSession();
  const myId = state.status === 'signed-in' ? state.me.id : undefined;
  const ticket = useLiveData(`ticket:${id}`, () => (id === undefined ? Promise.reject(new Error('no ticket')) : readTicket(id)));
  const thread = useLiveData(`thread:${id}`, () => (id === undefined ? Promise.resolve([]) : listTicketMessages(id)));
  const fields = useLiveData('fields', () => readFields('support_ticket'));
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (id === undefined || (isApiError(ticket.error) && ticket.error.code === 'FORBIDDEN')) {
    return (
      <AdminPage title="Ticket not found" actions={<BackLink />}>
        <Text>There is no ticket at this address. It may have been deleted, or the link may be mistyped.</Text>
      </AdminPage>
    );
  }
  if (ticket.data === undefined) {
    return (
      <AdminPage title={`Ticket #${id}`} actions={<BackLink />}>
        {ticket.error !== undefined ? (
          <ErrorAlert title="Could not load the ticket" message={describeAdminError(ticket.error)} />
        ) : (
          <LoadingBlock label="Loading the ticket…" />
        )}
      </AdminPage>
    );
  }
  const data = ticket.data;
  const ticketId = id;

  async function assign(agent: AgentWithLoad | null) {
    setNotice(null);
    setError(null);
    try {
      await assignTickets([ticketId], agent?.id ?? null);
      setNotice(agent ? `Assigned to ${agentName(agent)}.` : 'The ticket is no longer assigned.');
      await ticket.reload();
    } catch (caught) {
      setError(describeAdminError(caught));
    }
  }

  return (
    <AdminPage title={`Ticket #${id}`} description={`${data.issue_type} · opened ${formatDateTime(data.date_created)}`} actions={<BackLink />}>
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not saved" message={error} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" component="section" aria-labelledby="details-heading">
          <Stack gap="sm">
            <Title order={2} fz="h4" id="details-heading">
              Details
            </Title>
            <Group gap="xs">
              <Text fw={500}>Status:</Text>
              <TicketStatusBadge status={data.status} />
            </Group>
            <Group gap="xs" wrap="wrap">
              <Text fw={500}>Assigned to:</Text>
              <Text>{data.assigned_to ? `${agentName(data.assigned_to)}${data.assigned_to.team ? ` (${data.assigned_to.team})` : ''}` : 'Nobody yet'}</Text>
              <AssignAgentMenu label={data.assigned_to ? 'Reassign' : 'Assign to agent'} allowUnassign={data.assigned_to !== null} onAssign={assign} />
            </Group>
            <TicketFacts facts={facts(data, fields.data)} />
          </Stack>
        </Paper>
        <HandlingForm
          key={`${data.status}|${data.resolution ?? ''}`}
          ticketId={ticketId}
          status={data.status}
          resolution={data.resolution ?? ''}
          statuses={choicesOf(fields.data, 'status').map((choice) => ({ value: choice.value, label: choice.text }))}
          onSaved={async () => {
            setNotice('The ticket was updated.');
            await ticket.reload();
          }}
        />
      </SimpleGrid>
      <Stack gap="sm" component="section" aria-labelledby="thread-heading">
        <Title order={2} fz="h4" id="thread-heading">
          Conversation
        </Title>
        {thread.error !== undefined && <ErrorAlert title="Could not load the conversation" message={describeAdminError(thread.error)} />}
        {thread.data === undefined && thread.error === undefined ? (
          <LoadingBlock label="Loading the conversation…" />
        ) : (
          <ThreadMessageList items={threadItems(data as unknown as Ticket, (thread.data ?? []) as unknown as TicketMessage[], myId)} />
        )}
        <Paper withBorder p="md">
          <ThreadReplyForm
            allowInternal
            replyLabel="Your reply to the customer"
            onSend={async (message, internal) => {
              await createTicketMessage(ticketId, message, internal);
              await thread.reload();
            }}
          />
        </Paper>
      </Stack>
    </AdminPage>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/admin/tickets">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden="true" />
        All tickets
      </Group>
    </Anchor>
  );
}

/** Fields shown in the header, the handling form or the thread rather than among the facts. */
const SHOWN_ELSEWHERE = new Set(['id', 'message', 'status', 'assigned_to', 'resolution', 'messages', 'user_created', 'user_updated']);

function facts(ticket: Record<string, unknown>, fields: FieldMeta[] | undefined) {
  const account = ticket.user_created as { email?: string; first_name?: string | null; last_name?: string | null } | null;
  const shown = [...(fields ?? [])].sort((a, b) => a.meta.sort - b.meta.sort).filter((field) => !SHOWN_ELSEWHERE.has(field.field) && field.type !== 'alias');
  return [
    {
      label: 'Opened by (account)',
      value: account?.email ? userName({ email: account.email, first_name: account.first_name ?? null, last_name: account.last_name ?? null }) : '—',
    },
    ...shown.map((field) => ({ label: fieldLabel(field.field), value: formatFieldValue(field, ticket[field.field]) })),
  ];
}

function HandlingForm({
  ticketId,
  status,
  resolution,
  statuses,
  onSaved,
}: {
  ticketId: number;
  status: string;
  resolution: string;
  statuses: Array<{ value: string; label: string }>;
  onSaved(): Promise<void>;
}) {
  const [nextStatus, setNextStatus] = useState(status);
  const [nextResolution, setNextResolution] = useState(resolution);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resolving = nextStatus === 'Resolved';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (resolving && !nextResolution.trim()) {
      setError('Write a resolution summary: the customer reads it when the ticket is resolved.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await updateTicket(ticketId, { status: nextStatus, resolution: nextResolution.trim() || null });
      await onSaved();
    } catch (caught) {
      setError(describeAdminError(caught));
    } finally {
      setBusy(false);
    }
  }

  const options = statuses.some((option) => option.value === status) ? statuses : [{ value: status, label: status }, ...statuses];
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Handling
        </Title>
        <NativeSelect label="Status" value={nextStatus} onChange={(event) => setNextStatus(event.currentTarget.value)} data={options} />
        <Textarea
          label="Resolution summary"
          description="Shown to the customer once the ticket is resolved."
          required={resolving}
          autosize
          minRows={3}
          value={nextResolution}
          onChange={(event) => setNextResolution(event.currentTarget.value)}
        />
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={nextStatus === status && nextResolution === resolution}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
