import { Button, Checkbox, CopyButton, Group, NativeSelect, Radio, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { EVENT_SCOPES, type Flow, type FlowTrigger, updateFlow } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/tickets';
import { describeAdminError } from '../admin-errors';
import { SuccessNotice } from '../components/LoadStates';
import { describeCron, nextCronRuns, TRIGGER_LABELS } from './flow-summary';
import { flowChangesFromForm, type TriggerForm, type TriggerProblems, triggerFormFromFlow } from './trigger-form';

const SCOPE_LABELS: Record<string, string> = {
  'items.create': 'Created (items.create)',
  'items.update': 'Updated (items.update)',
  'items.delete': 'Deleted (items.delete)',
};

/** The URL that starts a webhook or manual flow. */
export function triggerUrl(flowId: string): string {
  return `${window.location.origin}/flows/trigger/${flowId}`;
}

/** Name, trigger and its settings, and "Track activity & logs". */
export function TriggerPanel({ flow, collections, onSaved }: { flow: Flow; collections: string[]; onSaved(): Promise<void> }) {
  const [form, setForm] = useState<TriggerForm>(() => triggerFormFromFlow(flow));
  const [problems, setProblems] = useState<TriggerProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof TriggerForm>(key: K) =>
    (value: TriggerForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }));

  function changeTrigger(trigger: FlowTrigger) {
    setForm((current) => ({
      ...current,
      trigger,
      // Sensible starting points when switching.
      scope: current.scope.length > 0 ? current.scope : ['items.create'],
      collections: current.collections.length > 0 || trigger === 'manual' ? current.collections : ['support_ticket'],
      cron: current.cron || '0 9 * * 1-5',
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const result = flowChangesFromForm(form, flow);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      await updateFlow(flow.id, result.changes);
      setNotice('The trigger settings were saved.');
      await onSaved();
    } catch (caught) {
      setError(describeAdminError(caught));
    } finally {
      setBusy(false);
    }
  }

  const cronCheck = form.trigger === 'schedule' ? nextCronRuns(form.cron) : null;
  const cronWords = describeCron(form.cron);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="trigger-heading">
      <Stack gap="md">
        <Title order={2} fz="h3" id="trigger-heading">
          Trigger
        </Title>
        <Group grow align="flex-start">
          <TextInput label="Name" required value={form.name} error={problems.name} onChange={(event) => set('name')(event.currentTarget.value)} />
          <NativeSelect
            label="Trigger"
            value={form.trigger}
            onChange={(event) => changeTrigger(event.currentTarget.value as FlowTrigger)}
            data={(Object.keys(TRIGGER_LABELS) as FlowTrigger[]).map((value) => ({ value, label: TRIGGER_LABELS[value] }))}
          />
        </Group>
        <Textarea
          label="Description"
          autosize
          minRows={1}
          maxRows={4}
          value={form.description}
          onChange={(event) => set('description')(event.currentTarget.value)}
        />

        {form.trigger === 'event' && (
          <>
            <Radio.Group label="When it runs" value={form.eventType} onChange={(value) => set('eventType')(value as TriggerForm['eventType'])}>
              <Stack gap={6} mt={4}>
                <Radio
                  value="action"
                  label="After the change is saved (action, non-blocking)"
                  description="Runs in the background from the event outbox; deliveries are retried until they succeed."
                />
                <Radio
                  value="filter"
                  label="Before the change is saved (filter, blocking)"
                  description="Runs inside the request: a failing condition refuses the change (400 with its message); a resulting object replaces the payload."
                />
              </Stack>
            </Radio.Group>
            <Checkbox.Group label="Events" required value={form.scope} onChange={set('scope')} error={problems.scope}>
              <Group gap="md" mt={4}>
                {EVENT_SCOPES.map((scope) => (
                  <Checkbox key={scope} value={scope} label={SCOPE_LABELS[scope]} />
                ))}
              </Group>
            </Checkbox.Group>
            <CollectionChoices collections={collections} value={form.collections} onChange={set('collections')} error={problems.collections} required />
          </>
        )}

        {form.trigger === 'schedule' && (
          <TextInput
            label="Cron expression"
            required
            value={form.cron}
            error={problems.cron ?? (cronCheck && 'problem' in cronCheck && form.cron.trim() ? cronCheck.problem : undefined)}
            onChange={(event) => set('cron')(event.currentTarget.value)}
            description={
              <>
                Minute, hour, day of month, month, weekday (a sixth field in front adds seconds), in UTC. Example: <code>0 9 * * 1-5</code> is every weekday at
                09:00 UTC.
                {cronCheck && 'runs' in cronCheck && (
                  <>
                    {' '}
                    <strong>{cronWords ? `Runs ${cronWords}.` : 'A custom schedule.'}</strong> Next:{' '}
                    {cronCheck.runs.map((run) => formatDateTime(run.toISOString())).join(', ')}.
                  </>
                )}
              </>
            }
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        )}

        {form.trigger === 'webhook' && (
          <>
            <Group grow align="flex-start">
              <NativeSelect
                label="Method"
                description="The method the trigger URL accepts."
                value={form.method}
                onChange={(event) => set('method')(event.currentTarget.value as TriggerForm['method'])}
                data={['POST', 'GET']}
              />
              <Checkbox
                mt={30}
                label="Answer at once (asynchronous)"
                description="The caller gets 202 and the run id instead of waiting for the last operation’s result."
                checked={form.async}
                onChange={(event) => set('async')(event.currentTarget.checked)}
              />
            </Group>
            <UrlField
              label="Trigger URL"
              url={triggerUrl(flow.id)}
              description="Anyone with this URL can start the flow while it is active; the body is {{$trigger.body}}."
            />
          </>
        )}

        {form.trigger === 'manual' && (
          <>
            <CollectionChoices collections={collections} value={form.collections} onChange={set('collections')} />
            <UrlField
              label="Start it with a POST to"
              url={triggerUrl(flow.id)}
              description='Signed-in people only, with {"collection": "…", "keys": […]} as the body; the flow runs with their permissions.'
            />
          </>
        )}

        <Switch
          label="Track activity & logs"
          description="Keep each run’s steps with their input and output in the run log. Off: only the outcome is kept."
          checked={form.trackLogs}
          onChange={(event) => set('trackLogs')(event.currentTarget.checked)}
        />
        {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            Save trigger
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CollectionChoices({
  collections,
  value,
  onChange,
  error,
  required,
}: {
  collections: string[];
  value: string[];
  onChange(value: string[]): void;
  error?: string;
  required?: boolean;
}) {
  // Collections named by the flow but gone from the schema stay visible, so they can be unticked.
  const all = [...new Set([...collections, ...value])];
  return (
    <Checkbox.Group label="Collections" required={required} value={value} onChange={onChange} error={error}>
      <Group gap="md" mt={4}>
        {all.map((collection) => (
          <Checkbox key={collection} value={collection} label={collection} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

export function UrlField({ label, url, description }: { label: string; url: string; description?: string }) {
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={label}
        description={description}
        value={url}
        readOnly
        style={{ flex: 1 }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button variant="default" onClick={copy} aria-label={`Copy the ${label.toLowerCase()}`}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
