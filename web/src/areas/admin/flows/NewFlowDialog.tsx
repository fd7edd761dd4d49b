import { Button, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { createFlow, type Flow, type FlowTrigger } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';
import { TRIGGER_LABELS } from './flow-summary';
import { defaultOptions } from './trigger-form';

const TRIGGER_HINTS: Record<FlowTrigger, string> = {
  event: 'When tickets, messages or agents are created, updated or deleted; can also check and refuse changes.',
  schedule: 'At set times (a cron expression), such as every weekday at 09:00.',
  webhook: 'When another system calls the flow’s own URL.',
  manual: 'When someone starts it through the API.',
};

/** Names a new flow and picks its trigger; the flow starts inactive, and the editor opens for the rest. */
export function NewFlowDialog({ opened, onClose, onCreated }: { opened: boolean; onClose(): void; onCreated(flow: Flow): Promise<void> }) {
  return (
    <AdminModal opened={opened} onClose={onClose} title="New flow">
      {opened && <NewFlowForm onCancel={onClose} onCreated={onCreated} />}
    </AdminModal>
  );
}

function NewFlowForm({ onCancel, onCreated }: { onCancel(): void; onCreated(flow: Flow): Promise<void> }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [trigger, setTrigger] = useState<FlowTrigger>('event');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the flow a name.');
      return;
    }
    setNameError(null);
    setError(null);
    setBusy(true);
    try {
      const flow = await createFlow({
        name: name.trim(),
        description: description.trim() || null,
        trigger,
        status: 'inactive',
        accountability: 'all',
        options: defaultOptions(trigger),
      });
      await onCreated(flow);
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput label="Name" required value={name} error={nameError} onChange={(event) => setName(event.currentTarget.value)} data-autofocus />
        <Textarea label="Description" autosize minRows={2} value={description} onChange={(event) => setDescription(event.currentTarget.value)} />
        <Radio.Group
          label="Trigger"
          description="What starts the flow. You can change it later."
          value={trigger}
          onChange={(value) => setTrigger(value as FlowTrigger)}
        >
          <Stack gap="xs" mt="xs">
            {(Object.keys(TRIGGER_LABELS) as FlowTrigger[]).map((value) => (
              <Radio key={value} value={value} label={TRIGGER_LABELS[value]} description={TRIGGER_HINTS[value]} />
            ))}
          </Stack>
        </Radio.Group>
        <Text size="sm" c="dimmed">
          The flow starts inactive: add its operations, test it, then activate it.
        </Text>
        {error && <ErrorAlert title="Not created" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Create flow
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
