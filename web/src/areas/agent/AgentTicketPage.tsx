import { Anchor, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Ticket, TicketMessage } from '../../../../common/src/helpdesk';
import { isApiError } from '../../api/client';
import { postMessage } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingBlock } from '../../components/LoadingBlock';
import { ThreadMessageList } from '../../components/ThreadMessageList';
import { ThreadReplyForm } from '../../components/ThreadReplyForm';
import { TicketFacts } from '../../components/TicketFacts';
import { TicketNotFound } from '../../components/TicketNotFound';
import { TicketStatusBadge } from '../../components/TicketStatusBadge';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSession } from '../../hooks/use-session';
import { type TicketSchema, useTicketSchema } from '../../hooks/use-ticket-schema';
import { useTicketWithThread } from '../../hooks/use-ticket-thread';
import { describeError } from '../../lib/error-messages';
import {
  allowedFields,
  choicesOf,
  customFieldsFor,
  fieldLabel,
  formatDateTime,
  formatFieldValue,
  isAllowed,
  isResolved,
  parseTicketId,
  personName,
  threadItems,
} from '../../lib/tickets';
import { TicketCustomFieldsForm } from './TicketCustomFieldsForm';
import { TicketStatusForm } from './TicketStatusForm';

const BACK = { backTo: '/agent/queue', backLabel: 'Back to my queue' };
const TICKET_FIELDS = ['*', 'user_created.id', 'user_created.first_name', 'user_created.last_name', 'user_created.email'];

/** `/agent/tickets/:id`. Keyed by id so moving to another ticket starts fresh. */
export function AgentTicketRoute() {
  const id = parseTicketId(useParams().id);
  if (id === undefined) return <TicketNotFound {...BACK} />;
  return <AgentTicketPage key={id} id={id} />;
}

/** A ticket assigned to the agent: the customer, the thread with internal notes, reply or note, status and fields. */
function AgentTicketPage({ id }: { id: number }) {
  usePageTitle(`Ticket #${id}`);
  const { state } = useSession();
  const myId = state.status === 'signed-in' ? state.me.id : undefined;
  const schema = useTicketSchema();
  const loaded = useTicketWithThread(id, TICKET_FIELDS, true);

  if (isApiError(loaded.error) && loaded.error.code === 'FORBIDDEN') return <TicketNotFound {...BACK} />;
  if (!loaded.data || !schema.data) {
    const error = loaded.error ?? schema.error;
    return error ? <ErrorAlert title="This ticket could not be loaded" message={describeError(error)} /> : <LoadingBlock label="Loading the ticket" />;
  }
  const { ticket, messages } = loaded.data;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/agent/queue" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden="true" />
          My queue
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>Ticket #{ticket.id}</Title>
          <TicketStatusBadge status={ticket.status} size="lg" />
        </Group>
        <Text c="dimmed">
          {ticket.issue_type} · opened {formatDateTime(ticket.date_created)}
        </Text>
      </Stack>
      {loaded.error !== undefined && <ErrorAlert title="Could not refresh the ticket" message={describeError(loaded.error)} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Conversation ticket={ticket} messages={messages} schema={schema.data} myId={myId} onChanged={loaded.reload} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Sidebar ticket={ticket} schema={schema.data} onChanged={loaded.reload} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Conversation({
  ticket,
  messages,
  schema,
  myId,
  onChanged,
}: {
  ticket: Ticket;
  messages: TicketMessage[];
  schema: TicketSchema;
  myId: string | undefined;
  onChanged(): Promise<void>;
}) {
  const messageFields = allowedFields(schema.permissions, 'ticket_message', 'create');
  const canReply = messageFields === 'all' || messageFields.size > 0;
  return (
    <Stack component="section" gap="sm" aria-labelledby="ticket-conversation">
      <Title order={2} fz="h3" id="ticket-conversation">
        Conversation
      </Title>
      <ThreadMessageList items={threadItems(ticket, messages, myId)} />
      {canReply && (
        <Paper withBorder p="lg">
          <ThreadReplyForm
            allowInternal={isAllowed(messageFields, 'internal')}
            replyLabel="Reply to the customer"
            onSend={async (message, internal) => {
              await postMessage(ticket.id, message, internal || undefined);
              await onChanged();
            }}
          />
        </Paper>
      )}
    </Stack>
  );
}

function Sidebar({ ticket, schema, onChanged }: { ticket: Ticket; schema: TicketSchema; onChanged(): Promise<void> }) {
  const updatable = allowedFields(schema.permissions, 'support_ticket', 'update');
  const editable = customFieldsFor(schema.fields, updatable);
  const readOnly = schema.fields.filter((field) => field.meta.custom && !field.meta.hidden && field.field in ticket && !editable.includes(field));
  const canChangeStatus = isAllowed(updatable, 'status');
  const account = typeof ticket.user_created === 'object' && ticket.user_created ? ticket.user_created : undefined;

  return (
    <Stack gap="md">
      <Panel title="Customer">
        <TicketFacts
          cols={1}
          facts={[
            { label: 'Name', value: ticket.customer_name || '—' },
            { label: 'Email', value: <Anchor href={`mailto:${ticket.customer_email}`}>{ticket.customer_email}</Anchor> },
            ...(account ? [{ label: 'Account', value: `${personName(account) ?? '—'}${account.email ? ` (${account.email})` : ''}` }] : []),
          ]}
        />
      </Panel>
      {canChangeStatus && (
        <Panel title="Status">
          <TicketStatusForm
            ticket={ticket}
            statuses={choicesOf(schema.field('status'))}
            canEditResolution={isAllowed(updatable, 'resolution')}
            onSaved={onChanged}
          />
        </Panel>
      )}
      {/* The status form shows the summary when it may edit it; otherwise it is read here. */}
      {isResolved(ticket) && ticket.resolution && !(canChangeStatus && isAllowed(updatable, 'resolution')) && (
        <Panel title="Resolution summary">
          <Text className="user-text">{ticket.resolution}</Text>
        </Panel>
      )}
      <Panel title="Details">
        <TicketFacts
          cols={1}
          facts={[
            { label: 'Issue type', value: ticket.issue_type },
            { label: 'Opened', value: formatDateTime(ticket.date_created) },
            { label: 'Last update', value: formatDateTime(ticket.date_updated) || '—' },
            ...readOnly.map((field) => ({ label: fieldLabel(field.field), value: formatFieldValue(field, ticket[field.field]) })),
          ]}
        />
      </Panel>
      {editable.length > 0 && (
        <Panel title="Custom fields">
          <TicketCustomFieldsForm ticket={ticket} fields={editable} onSaved={onChanged} />
        </Panel>
      )}
    </Stack>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" mb="sm" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}
