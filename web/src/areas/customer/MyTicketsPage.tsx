import { Button, Card, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTicket } from '@tabler/icons-react';
import { useCallback } from 'react';
import { Link } from 'react-router';
import type { Ticket } from '../../../../common/src/helpdesk';
import { listTickets } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingBlock } from '../../components/LoadingBlock';
import { TicketStatusBadge } from '../../components/TicketStatusBadge';
import { useAutoRefresh } from '../../hooks/use-auto-refresh';
import { useLoader } from '../../hooks/use-loader';
import { usePageTitle } from '../../hooks/use-page-title';
import { describeError } from '../../lib/error-messages';
import { assignedAgentName, formatDateTime, isResolved } from '../../lib/tickets';

const LIST_FIELDS = ['id', 'status', 'issue_type', 'message', 'date_created', 'date_updated', 'assigned_to.user.first_name'];

/** "My tickets": the customer's tickets, newest first, the open ones in their own section at the top. */
export function MyTicketsPage() {
  usePageTitle('My tickets');
  const tickets = useLoader(useCallback(async () => (await listTickets({ fields: LIST_FIELDS, sort: ['-date_created'], limit: -1 })).data, []));
  useAutoRefresh(tickets.reload);

  const open = tickets.data?.filter((ticket) => !isResolved(ticket)) ?? [];
  const resolved = tickets.data?.filter(isResolved) ?? [];

  return (
    <Stack gap="lg" maw={880}>
      <Group justify="space-between" align="center">
        <Title order={1}>My tickets</Title>
        <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={18} aria-hidden="true" />}>
          New ticket
        </Button>
      </Group>
      {tickets.error !== undefined && <ErrorAlert title="Your tickets could not be loaded" message={describeError(tickets.error)} />}
      {tickets.data === undefined ? (
        tickets.error === undefined && <LoadingBlock label="Loading your tickets" />
      ) : tickets.data.length === 0 ? (
        <EmptyState
          icon={<IconTicket aria-hidden="true" />}
          title="No tickets yet"
          description="When you need help, open a ticket and the support team will answer here."
        >
          <Button component={Link} to="/tickets/new">
            Open a ticket
          </Button>
        </EmptyState>
      ) : (
        <>
          <TicketSection title="Open" tickets={open} empty="None of your tickets is open." />
          <TicketSection title="Resolved" tickets={resolved} empty="No resolved tickets yet." />
        </>
      )}
    </Stack>
  );
}

function TicketSection({ title, tickets, empty }: { title: string; tickets: Ticket[]; empty: string }) {
  return (
    <Stack component="section" gap="sm" aria-label={`${title} tickets`}>
      <Title order={2} fz="h3">
        {title} ({tickets.length})
      </Title>
      {tickets.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} className="thread-list">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <TicketCard ticket={ticket} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function TicketCard({ ticket }: { ticket: Ticket }) {
  const agent = assignedAgentName(ticket);
  return (
    <Card component={Link} to={`/tickets/${ticket.id}`} withBorder padding="md" className="ticket-card">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={600}>
          #{ticket.id} · {ticket.issue_type}
        </Text>
        <TicketStatusBadge status={ticket.status} />
      </Group>
      <Text lineClamp={2} mt={4} className="user-text">
        {ticket.message}
      </Text>
      <Text size="sm" c="dimmed" mt={6}>
        Opened {formatDateTime(ticket.date_created)}
        {agent ? ` · Agent: ${agent}` : ' · Waiting for an agent'}
      </Text>
    </Card>
  );
}
