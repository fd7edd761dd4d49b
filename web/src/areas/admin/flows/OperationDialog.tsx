import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { createOperation, type Flow, type Operation, updateFlow, updateOperation } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';
import { type InsertPoint, insertionLinks, keyProblem, suggestKey } from './flow-chain';
import { OperationFields } from './OperationFields';
import { emptyForm, type FormProblems, formFromOptions, OPERATION_TYPES, operationTypeLabel, optionsFromForm } from './operation-form';

export type OperationDialogMode = { kind: 'create'; point: InsertPoint } | { kind: 'edit'; operation: Operation };

function dialogTitle(mode: OperationDialogMode): string {
  if (mode.kind === 'edit') return `Edit the operation ${mode.operation.key}`;
  const { parent, path } = mode.point;
  if (!parent) return 'Add the first operation';
  return path === 'resolve' ? `Add an operation after ${parent.key} (✓ when it succeeds)` : `Add an operation after ${parent.key} (✗ when it fails)`;
}

/** Adds an operation at a point of the chain, or edits one: its type, key, options and where each path leads. */
export function OperationDialog({
  mode,
  flow,
  operations,
  collections,
  onClose,
  onSaved,
}: {
  mode: OperationDialogMode | null;
  flow: Flow;
  operations: Operation[];
  collections: string[];
  onClose(): void;
  onSaved(message: string): Promise<void>;
}) {
  return (
    <AdminModal opened={mode !== null} onClose={onClose} size="xl" title={mode ? dialogTitle(mode) : 'Operation'}>
      {mode && (
        <OperationForm
          key={mode.kind === 'edit' ? mode.operation.id : `${mode.point.parent?.id ?? 'start'}:${mode.point.path}`}
          mode={mode}
          flow={flow}
          operations={operations}
          collections={collections}
          onCancel={onClose}
          onSaved={onSaved}
        />
      )}
    </AdminModal>
  );
}

function OperationForm({
  mode,
  flow,
  operations,
  collections,
  onCancel,
  onSaved,
}: {
  mode: OperationDialogMode;
  flow: Flow;
  operations: Operation[];
  collections: string[];
  onCancel(): void;
  onSaved(message: string): Promise<void>;
}) {
  const editing = mode.kind === 'edit' ? mode.operation : null;
  const [type, setType] = useState<string>(editing?.type ?? 'request');
  const [name, setName] = useState(editing?.name ?? '');
  const [key, setKey] = useState(editing?.key ?? suggestKey('request', operations));
  const [keyTouched, setKeyTouched] = useState(editing !== null);
  const [form, setForm] = useState(() => (editing ? formFromOptions(editing.type, editing.options) : emptyForm()));
  const [resolve, setResolve] = useState(editing?.resolve ?? '');
  const [reject, setReject] = useState(editing?.reject ?? '');
  const [problems, setProblems] = useState<FormProblems & { key?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = operations.filter((operation) => operation.id !== editing?.id);
  const linkChoices = [
    { value: '', label: 'Nothing: the flow ends here' },
    ...others.map((operation) => ({ value: operation.id, label: `${operation.key} (${operationTypeLabel(operation.type)})` })),
  ];
  const typeChoices = OPERATION_TYPES.some((entry) => entry.value === type)
    ? OPERATION_TYPES.map((entry) => ({ value: entry.value, label: entry.label }))
    : [{ value: type, label: type }, ...OPERATION_TYPES.map((entry) => ({ value: entry.value, label: entry.label }))];

  function changeType(next: string) {
    setType(next);
    // A key the admin has not typed follows the type ("request" → "condition").
    if (!keyTouched) setKey(suggestKey(next, operations));
    if (editing && next === editing.type) setForm(formFromOptions(editing.type, editing.options));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const trimmedKey = key.trim();
    const keyIssue = keyProblem(trimmedKey, operations, editing?.id);
    const result = optionsFromForm(type, form, editing && editing.type === type ? editing.options : null);
    const found: FormProblems & { key?: string } = { ...('problems' in result ? result.problems : {}), ...(keyIssue ? { key: keyIssue } : {}) };
    setProblems(found);
    if (Object.keys(found).length > 0 || 'problems' in result) return;
    setBusy(true);
    const fields = { name: name.trim() || null, key: trimmedKey, type, options: result.options };
    try {
      if (editing) {
        await updateOperation(editing.id, { ...fields, resolve: resolve || null, reject: reject || null });
        await onSaved(`The operation ${trimmedKey} was saved.`);
      } else if (mode.kind === 'create') {
        const created = await createOperation({ flow: flow.id, ...fields, ...insertionLinks(mode.point, flow.operation) });
        const { parent, path } = mode.point;
        try {
          if (parent) await updateOperation(parent.id, { [path]: created.id });
          else await updateFlow(flow.id, { operation: created.id });
        } catch (caught) {
          await onSaved(`The operation ${trimmedKey} was added but could not be linked (${describeAdminError(caught)}) Link it from another operation.`);
          return;
        }
        await onSaved(`The operation ${trimmedKey} was added.`);
      }
    } catch (caught) {
      setError(
        describeAdminError(caught, {
          RECORD_NOT_UNIQUE: `Another operation of this flow already has the key "${trimmedKey}". Keys must be unique within a flow.`,
        }),
      );
      setBusy(false);
    }
  }

  const typeInfo = OPERATION_TYPES.find((entry) => entry.value === type);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <NativeSelect
          label="Type"
          description={typeInfo?.description}
          value={type}
          onChange={(event) => changeType(event.currentTarget.value)}
          data={typeChoices}
          data-autofocus
        />
        <Group grow align="flex-start">
          <TextInput
            label="Key"
            required
            description="Unique in this flow; later operations read its result as {{key}}."
            value={key}
            error={problems.key}
            onChange={(event) => {
              setKey(event.currentTarget.value);
              setKeyTouched(true);
            }}
          />
          <TextInput label="Name" description="Optional, for people reading the flow." value={name} onChange={(event) => setName(event.currentTarget.value)} />
        </Group>
        <OperationFields type={type} form={form} setForm={setForm} problems={problems} collections={collections} />
        {editing && (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              What runs next
            </Text>
            <Group grow align="flex-start">
              <NativeSelect label="When it succeeds (✓)" value={resolve} onChange={(event) => setResolve(event.currentTarget.value)} data={linkChoices} />
              <NativeSelect
                label="When it fails (✗)"
                description={type === 'condition' ? 'Also when the condition does not hold.' : undefined}
                value={reject}
                onChange={(event) => setReject(event.currentTarget.value)}
                data={linkChoices}
              />
            </Group>
          </Stack>
        )}
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {editing ? 'Save operation' : 'Add operation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
