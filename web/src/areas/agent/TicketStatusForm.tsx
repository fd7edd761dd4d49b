import { Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Choice, Ticket } from '../../../../common/src/helpdesk';
import { updateTicket } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../lib/error-messages';
import { fieldErrorsFrom } from '../../lib/field-errors';
import { RESOLVED_STATUS } from '../../lib/tickets';

/**
 * Moves a ticket along (Open → In Progress → Resolved). Choosing Resolved asks for the resolution summary the
 * customer will read; the form refuses to resolve without one.
 */
export function TicketStatusForm({
  ticket,
  statuses,
  canEditResolution,
  onSaved,
}: {
  ticket: Ticket;
  statuses: Choice[];
  canEditResolution: boolean;
  onSaved(): Promise<void>;
}) {
  const [status, setStatus] = useState(ticket.status);
  const [resolution, setResolution] = useState(ticket.resolution ?? '');
  const [errors, setErrors] = useState<{ status?: string; resolution?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const isResolving = status === RESOLVED_STATUS && canEditResolution;
  const changes: Record<string, unknown> = {};
  if (status !== ticket.status) changes.status = status;
  if (isResolving && resolution !== (ticket.resolution ?? '')) changes.resolution = resolution.trim();

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    if (isResolving && resolution.trim() === '') {
      setErrors({ resolution: 'Write a resolution summary: the customer reads it when the ticket is resolved.' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await updateTicket(ticket.id, changes);
      setSaved(true);
      await onSaved();
    } catch (caught) {
      const fieldErrors = fieldErrorsFrom(caught, [], new Set(['status', 'resolution']));
      if (fieldErrors) setErrors(fieldErrors.byField);
      setFailure(describeError(caught, { FORBIDDEN: 'You may not change this ticket any more. It may have been reassigned; reload the page.' }));
    } finally {
      setBusy(false);
    }
  }

  const options = statuses.some((choice) => choice.value === ticket.status) ? statuses : [{ value: ticket.status, text: ticket.status }, ...statuses];
  return (
    <form noValidate onSubmit={handleSubmit}>
      <Stack gap="sm">
        <NativeSelect
          label="Ticket status"
          value={status}
          error={errors.status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setSaved(false);
          }}
          data={options.map((choice) => ({ value: choice.value, label: choice.text }))}
        />
        {isResolving && (
          <Textarea
            label="Resolution summary"
            description="What was done. The customer sees this summary."
            required
            autosize
            minRows={3}
            value={resolution}
            error={errors.resolution}
            onChange={(event) => {
              setResolution(event.currentTarget.value);
              setErrors({});
              setSaved(false);
            }}
          />
        )}
        {failure && <ErrorAlert title="The ticket was not updated" message={failure} />}
        <Group justify="space-between" align="center">
          <Text size="sm" c="teal.9" role="status">
            {saved && Object.keys(changes).length === 0 ? 'Saved.' : ''}
          </Text>
          <Button type="submit" loading={busy} disabled={Object.keys(changes).length === 0}>
            {status === RESOLVED_STATUS && ticket.status !== RESOLVED_STATUS ? 'Resolve ticket' : 'Update status'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
