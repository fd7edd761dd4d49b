import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { FieldMeta, Ticket } from '../../../../common/src/helpdesk';
import type { Me } from '../../../../common/src/users';
import { createTicket } from '../../api/tickets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingBlock } from '../../components/LoadingBlock';
import { TicketFieldInput } from '../../components/TicketFieldInput';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSession } from '../../hooks/use-session';
import { type TicketSchema, useTicketSchema } from '../../hooks/use-ticket-schema';
import { describeError } from '../../lib/error-messages';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/field-errors';
import { type InputValue, toInputValue, toStoredValue } from '../../lib/field-values';
import { allowedFields, isAllowed } from '../../lib/tickets';

/** Wording of the built-in fields; any other field (admin-defined ones) is labelled from its name and note. */
const BUILT_IN: Record<string, { label: string; description?: string; autoComplete?: string; type?: string; readOnly?: boolean }> = {
  customer_name: { label: 'Your name', autoComplete: 'name' },
  // The server accepts only the account's own address (notifications go there), so it is shown, not edited.
  customer_email: {
    label: 'Your email',
    description: 'Your account’s address: we contact you about this ticket there.',
    autoComplete: 'email',
    type: 'email',
    readOnly: true,
  },
  issue_type: { label: 'Issue type' },
  message: { label: 'Message', description: 'What happened, what you expected, and anything you already tried.' },
};

/** "New ticket": a form built from the fields the customer may fill in, then a confirmation with the ticket number. */
export function NewTicketPage() {
  usePageTitle('New ticket');
  const schema = useTicketSchema();
  const [created, setCreated] = useState<Ticket | null>(null);

  if (created) return <Submitted ticket={created} onAnother={() => setCreated(null)} />;
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>New ticket</Title>
      <Text>Tell the support team what you need help with. You can follow the ticket and talk with them on its page.</Text>
      {schema.data ? (
        <NewTicketForm schema={schema.data} onCreated={setCreated} />
      ) : schema.error ? (
        <Stack gap="sm" align="flex-start">
          <ErrorAlert title="The form could not be loaded" message={describeError(schema.error)} />
          <Button variant="default" onClick={() => void schema.reload()}>
            Try again
          </Button>
        </Stack>
      ) : (
        <LoadingBlock label="Loading the form" />
      )}
    </Stack>
  );
}

function formFields(schema: TicketSchema): FieldMeta[] {
  const allowed = allowedFields(schema.permissions, 'support_ticket', 'create');
  return schema.fields
    .filter((field) => isAllowed(allowed, field.field) && !field.meta.readonly && !field.meta.hidden && field.type !== 'alias' && !field.meta.special?.length)
    .sort((a, b) => a.meta.sort - b.meta.sort);
}

function initialValues(fields: FieldMeta[], me: Me | undefined): Record<string, InputValue> {
  const values: Record<string, InputValue> = {};
  for (const field of fields) values[field.field] = toInputValue(field, field.schema?.default_value ?? null);
  if (me && 'customer_name' in values) values.customer_name = [me.first_name, me.last_name].filter(Boolean).join(' ');
  if (me && 'customer_email' in values) values.customer_email = me.email;
  return values;
}

function NewTicketForm({ schema, onCreated }: { schema: TicketSchema; onCreated(ticket: Ticket): void }) {
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.me : undefined;
  const fields = useMemo(() => formFields(schema), [schema]);
  const [values, setValues] = useState(() => initialValues(fields, me));
  const [errors, setErrors] = useState<FieldErrors>({ byField: {}, other: [] });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  if (fields.length === 0) {
    return <ErrorAlert title="You cannot open tickets here" message="Your account may not open tickets. Ask the support team for help." />;
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setErrors({ byField: {}, other: [] });
    const payload: Record<string, unknown> = {};
    for (const field of fields) {
      const value = toStoredValue(field, values[field.field] ?? '', 'create');
      if (value !== undefined) payload[field.field] = value;
    }
    try {
      onCreated(await createTicket(payload));
    } catch (caught) {
      const byField = fieldErrorsFrom(caught, schema.fields, new Set(fields.map((field) => field.field)));
      if (byField) {
        setErrors(byField);
        // Keyboard and screen reader users land on the first field to fix.
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      }
      setFailure(byField ? 'Some fields need your attention. See the messages under them.' : describeError(caught));
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
      <form ref={formRef} noValidate onSubmit={handleSubmit}>
        <Stack gap="md">
          {fields.map((field) => {
            const wording = BUILT_IN[field.field];
            return (
              <TicketFieldInput
                key={field.field}
                field={field}
                label={wording?.label}
                description={wording?.description ?? field.meta.note ?? undefined}
                autoComplete={wording?.autoComplete}
                type={wording?.type}
                readOnly={wording?.readOnly}
                value={values[field.field] ?? ''}
                error={errors.byField[field.field]}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [field.field]: value }));
                  setErrors((current) => ({ ...current, byField: withoutKey(current.byField, field.field) }));
                }}
              />
            );
          })}
          {failure && <ErrorAlert title="Your ticket was not submitted" message={[failure, ...errors.other].join(' ')} />}
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              Submit ticket
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Submitted({ ticket, onAnother }: { ticket: Ticket; onAnother(): void }) {
  usePageTitle(`Ticket #${ticket.id} submitted`);
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>Ticket #{ticket.id} submitted</Title>
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden="true" />} title="We have your request" role="status">
        Your ticket number is <strong>#{ticket.id}</strong>. The support team will answer on the ticket’s page; you can add to it there at any time.
      </Alert>
      <Group>
        <Button component={Link} to={`/tickets/${ticket.id}`}>
          View ticket #{ticket.id}
        </Button>
        <Button variant="default" onClick={onAnother}>
          Open another ticket
        </Button>
      </Group>
    </Stack>
  );
}

function withoutKey(record: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
