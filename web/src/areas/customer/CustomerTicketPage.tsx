import { Alert, Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { Ticket } from '../../../../common/src/helpdesk';
import { isApiError } from '../../api/client';
import { postMessage } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingBlock } from '../../components/LoadingBlock';
import { ThreadMessageList } from '../../components/ThreadMessageList';
import { ThreadReplyForm } from '../../components/ThreadReplyForm';
import { type TicketFact, TicketFacts } from '../../components/TicketFacts';
import { TicketNotFound } from '../../components/TicketNotFound';
import { TicketStatusBadge } from '../../components/TicketStatusBadge';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSession } from '../../hooks/use-session';
import { type TicketSchema, useTicketSchema } from '../../hooks/use-ticket-schema';
import { useTicketWithThread } from '../../hooks/use-ticket-thread';
import { describeError } from '../../lib/error-messages';
import { assignedAgentName, canDo, fieldLabel, formatDateTime, formatFieldValue, isResolved, parseTicketId, threadItems } from '../../lib/tickets';

const BACK = { backTo: '/tickets', backLabel: 'Back to my tickets' };
const TICKET_FIELDS = ['*', 'assigned_to.user.first_name'];

/** `/tickets/:id`. Keyed by id so moving to another ticket starts fresh. */
export function CustomerTicketRoute() {
  const id = parseTicketId(useParams().id);
  if (id === undefined) return <TicketNotFound {...BACK} />;
  return <CustomerTicketPage key={id} id={id} />;
}

/** One of the customer's tickets: details, status, agent, resolution once resolved, the conversation and a reply box. */
function CustomerTicketPage({ id }: { id: number }) {
  usePageTitle(`Ticket #${id}`);
  const { state } = useSession();
  const myId = state.status === 'signed-in' ? state.me.id : undefined;
  const schema = useTicketSchema();
  const loaded = useTicketWithThread(id, TICKET_FIELDS, false);

  if (isApiError(loaded.error) && loaded.error.code === 'FORBIDDEN') return <TicketNotFound {...BACK} />;
  if (!loaded.data) {
    return loaded.error ? (
      <ErrorAlert title="This ticket could not be loaded" message={describeError(loaded.error)} />
    ) : (
      <LoadingBlock label="Loading the ticket" />
    );
  }
  const { ticket, messages } = loaded.data;
  const canReply = canDo(schema.data?.permissions, 'ticket_message', 'create');

  return (
    <Stack gap="lg" maw={820}>
      <Anchor component={Link} to="/tickets" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden="true" />
          My tickets
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1}>Ticket #{ticket.id}</Title>
          <TicketStatusBadge status={ticket.status} size="lg" />
        </Group>
        <Text c="dimmed">{ticket.issue_type}</Text>
      </Stack>
      {loaded.error !== undefined && <ErrorAlert title="Could not refresh the ticket" message={describeError(loaded.error)} />}

      {isResolved(ticket) && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title="Resolved">
          <Text fw={600} size="sm">
            Resolution summary
          </Text>
          <Text className="user-text">{ticket.resolution || 'The support team marked this ticket as resolved.'}</Text>
        </Alert>
      )}

      <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="ticket-details">
        <Title order={2} fz="h4" mb="sm" id="ticket-details">
          Details
        </Title>
        <TicketFacts facts={facts(ticket, schema.data)} />
      </Paper>

      <Stack component="section" gap="sm" aria-labelledby="ticket-conversation">
        <Title order={2} fz="h3" id="ticket-conversation">
          Conversation
        </Title>
        <ThreadMessageList items={threadItems(ticket, messages, myId)} />
        {canReply && (
          <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
            <ThreadReplyForm
              hint={isResolved(ticket) ? 'This ticket is resolved. If you still need help, write here and the team will see it.' : undefined}
              onSend={async (message) => {
                await postMessage(ticket.id, message);
                await loaded.reload();
              }}
            />
          </Paper>
        )}
      </Stack>
    </Stack>
  );
}

const SHOWN_ELSEWHERE = new Set(['id', 'status', 'message', 'resolution', 'messages', 'assigned_to', 'user_created', 'user_updated']);

function facts(ticket: Ticket, schema: TicketSchema | undefined): TicketFact[] {
  const list: TicketFact[] = [
    { label: 'Status', value: ticket.status },
    { label: 'Issue type', value: ticket.issue_type },
    { label: 'Agent', value: assignedAgentName(ticket) ?? 'Not assigned yet' },
    { label: 'Opened', value: formatDateTime(ticket.date_created) },
    { label: 'Contact', value: ticket.customer_name ? `${ticket.customer_name} (${ticket.customer_email})` : ticket.customer_email },
  ];
  if (ticket.date_updated) list.push({ label: 'Last update', value: formatDateTime(ticket.date_updated) });
  // Fields an admin added and lets customers read (priority, order number, …).
  for (const field of schema?.fields ?? []) {
    if (!field.meta.custom || field.meta.hidden || SHOWN_ELSEWHERE.has(field.field) || !(field.field in ticket)) continue;
    list.push({ label: fieldLabel(field.field), value: formatFieldValue(field, ticket[field.field]) });
  }
  return list;
}
