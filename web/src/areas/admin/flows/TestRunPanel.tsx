import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { type Flow, type TestRunResult, testFlow } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { OutcomeBadge } from './FlowBadges';
import { parseJson } from './operation-form';
import { StepList } from './StepList';

const SAMPLES: Record<string, unknown> = {
  support_ticket: { customer_name: 'Jane Doe', customer_email: 'jane@example.com', issue_type: 'Billing', message: 'A test ticket from the flow editor' },
  ticket_message: { ticket: 1, message: 'A test reply from the flow editor', internal: false },
};

function samplePayload(collection: string): string {
  return JSON.stringify(SAMPLES[collection] ?? {}, null, 2);
}

/** Runs the chain once on a sample trigger and shows the outcome and every step's input and output. */
export function TestRunPanel({ flow, collections }: { flow: Flow; collections: string[] }) {
  const flowCollections = flow.trigger === 'event' || flow.trigger === 'manual' ? (flow.options?.collections ?? []) : [];
  const choices = [...new Set([...flowCollections, ...collections])];
  // Event and manual flows are about items of their collections; schedules and webhooks are not.
  const [collection, setCollection] = useState(flowCollections[0] ?? '');
  const [payload, setPayload] = useState(() => samplePayload(flowCollections[0] ?? ''));
  const [payloadTouched, setPayloadTouched] = useState(false);
  const [keys, setKeys] = useState('');
  const [payloadProblem, setPayloadProblem] = useState<string | null>(null);
  const [result, setResult] = useState<TestRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const parsed = payload.trim() ? parseJson(payload) : ({ ok: true, value: {} } as const);
    if (!parsed.ok) {
      setPayloadProblem(parsed.problem);
      return;
    }
    setPayloadProblem(null);
    setBusy(true);
    setResult(null);
    try {
      const keyList = keys
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean)
        .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
      setResult(await testFlow(flow.id, { payload: parsed.value, collection: collection || undefined, keys: keyList }));
    } catch (caught) {
      setError(describeAdminError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="test-run-heading">
      <Title order={2} fz="h3" id="test-run-heading">
        Test run
      </Title>
      <Text size="sm">
        Runs the operations once, now, with this sample as <code>{'{{$trigger.payload}}'}</code>. It works while the flow is inactive. Requests and mails are
        really sent (once, without retries) and item operations really write.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <NativeSelect
              label="Collection"
              value={collection}
              onChange={(event) => {
                const next = event.currentTarget.value;
                setCollection(next);
                if (!payloadTouched) setPayload(samplePayload(next));
              }}
              data={[{ value: '', label: 'None' }, ...choices.map((name) => ({ value: name, label: name }))]}
            />
            <TextInput
              label="Keys"
              description="Optional, comma-separated ({{$trigger.keys}})."
              placeholder="42"
              value={keys}
              onChange={(event) => setKeys(event.currentTarget.value)}
            />
          </Group>
          <Textarea
            label="Sample payload (JSON)"
            autosize
            minRows={4}
            maxRows={12}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={payload}
            error={payloadProblem}
            onChange={(event) => {
              setPayload(event.currentTarget.value);
              setPayloadTouched(true);
            }}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={busy} leftSection={<IconPlayerPlay size={16} aria-hidden="true" />}>
              Run test
            </Button>
          </Group>
        </Stack>
      </form>
      {error && <ErrorAlert title="The test did not run" message={error} />}
      <div aria-live="polite">
        {result && (
          <Stack gap="sm">
            <Group gap="sm">
              <Text fw={600}>Outcome:</Text>
              <OutcomeBadge outcome={result.outcome} />
            </Group>
            <StepList steps={result.steps} emptyText="No operation ran: the flow has no operations yet." />
          </Stack>
        )}
      </div>
    </Stack>
  );
}
