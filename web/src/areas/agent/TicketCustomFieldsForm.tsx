import { Button, Group, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { FieldMeta, Ticket } from '../../../../common/src/helpdesk';
import { updateTicket } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TicketFieldInput } from '../../components/TicketFieldInput';
import { describeError } from '../../lib/error-messages';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/field-errors';
import { changedValues, type InputValue, toInputValue } from '../../lib/field-values';

/** The admin-defined fields an agent may change on a ticket (their update permission), saved together. */
export function TicketCustomFieldsForm({ ticket, fields, onSaved }: { ticket: Ticket; fields: FieldMeta[]; onSaved(): Promise<void> }) {
  const [initial, setInitial] = useState(
    () => Object.fromEntries(fields.map((field) => [field.field, toInputValue(field, ticket[field.field])])) as Record<string, InputValue>,
  );
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({ byField: {}, other: [] });
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const changes = changedValues(fields, initial, values);
  const hasChanges = Object.keys(changes).length > 0;

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSaved(false);
    setErrors({ byField: {}, other: [] });
    try {
      await updateTicket(ticket.id, changes);
      setInitial(values);
      setSaved(true);
      await onSaved();
    } catch (caught) {
      const fieldErrors = fieldErrorsFrom(caught, fields, new Set(fields.map((field) => field.field)));
      if (fieldErrors) setErrors(fieldErrors);
      setFailure(fieldErrors ? ['Some values were not accepted.', ...fieldErrors.other].join(' ') : describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit}>
      <Stack gap="sm">
        {fields.map((field) => (
          <TicketFieldInput
            key={field.field}
            field={field}
            required={false}
            value={values[field.field] ?? ''}
            error={errors.byField[field.field]}
            onChange={(value) => {
              setValues((current) => ({ ...current, [field.field]: value }));
              setSaved(false);
            }}
          />
        ))}
        {failure && <ErrorAlert title="The fields were not saved" message={failure} />}
        <Group justify="space-between" align="center">
          <Text size="sm" c="teal.9" role="status">
            {saved && !hasChanges ? 'Saved.' : ''}
          </Text>
          <Button type="submit" variant="default" loading={busy} disabled={!hasChanges}>
            Save fields
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
