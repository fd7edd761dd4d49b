import { ActionIcon, Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { FieldMeta } from '../../../../../common/src/helpdesk';
import { CUSTOM_FIELD_TYPES, type CustomFieldType, createField, updateField } from '../../../api/admin/fields';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';
import { type ChoiceDraft, choicesFromDrafts, choicesProblem, defaultText, formTypeOf, parseDefault, TYPE_LABELS } from './field-form';

const COLLECTION = 'support_ticket';
const FIELD_NAME = /^[a-z][a-z0-9_]{0,59}$/;
/** Statuses the ticket workflow relies on (agents move tickets Open → In Progress → Resolved). */
const WORKFLOW_STATUSES = ['Open', 'In Progress', 'Resolved'];

/** Adds a custom field (field null) or edits one: choices, required, note, default. */
export function FieldDialog({
  opened,
  field,
  onClose,
  onSaved,
}: {
  opened: boolean;
  field: FieldMeta | null;
  onClose(): void;
  onSaved(message: string): Promise<void>;
}) {
  return (
    <AdminModal opened={opened} onClose={onClose} size="lg" title={field ? `Edit the field ${field.field}` : 'Add a custom field'}>
      {opened && <FieldForm field={field} onCancel={onClose} onSaved={onSaved} />}
    </AdminModal>
  );
}

function FieldForm({ field, onCancel, onSaved }: { field: FieldMeta | null; onCancel(): void; onSaved(message: string): Promise<void> }) {
  const [name, setName] = useState(field?.field ?? '');
  const [type, setType] = useState<CustomFieldType>(field ? (formTypeOf(field) ?? 'string') : 'string');
  const [choices, setChoices] = useState<ChoiceDraft[]>(
    field?.meta.options?.choices?.map((choice) => ({ text: choice.text, value: choice.value })) ?? [
      { text: '', value: null },
      { text: '', value: null },
    ],
  );
  const [required, setRequired] = useState(field?.meta.required ?? false);
  const [note, setNote] = useState(field?.meta.note ?? '');
  const [defaultValue, setDefaultValue] = useState(defaultText(field?.schema?.default_value));
  const [problems, setProblems] = useState<{ name?: string; choices?: string; defaultValue?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isDropdown = type === 'dropdown';
  const choiceOptions = choicesFromDrafts(choices);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof problems = {};
    if (!field && !FIELD_NAME.test(name)) found.name = 'Use lower-case letters, digits and underscores, starting with a letter (at most 60).';
    if (isDropdown) found.choices = choicesProblem(choices) ?? undefined;
    const parsedDefault = parseDefault(type, defaultValue);
    if (parsedDefault.problem) found.defaultValue = parsedDefault.problem;
    setProblems(found);
    if (found.name || found.choices || found.defaultValue) return;
    setBusy(true);
    setError(null);
    try {
      const common = { required, note: note.trim() || null, defaultValue: parsedDefault.value, choices: isDropdown ? choicesFromDrafts(choices) : undefined };
      if (field) {
        await updateField(COLLECTION, field.field, common);
        await onSaved(`The field ${field.field} was saved.`);
      } else {
        await createField(COLLECTION, { field: name, type, ...common });
        await onSaved(`The field ${name} was added. It is not shown to customers until you switch that on.`);
      }
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
    }
  }

  const missingWorkflow = field?.field === 'status' ? WORKFLOW_STATUSES.filter((status) => !choiceOptions.some((choice) => choice.value === status)) : [];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {field ? (
          <Text size="sm">Type: {TYPE_LABELS[type]}. The name and type of a field cannot change; add a new field instead.</Text>
        ) : (
          <>
            <TextInput
              label="Name"
              description="Lower-case letters, digits and underscores, e.g. order_number. It cannot be changed later."
              required
              value={name}
              error={problems.name}
              onChange={(event) => setName(event.currentTarget.value)}
              data-autofocus
            />
            <NativeSelect
              label="Type"
              value={type}
              onChange={(event) => {
                setType(event.currentTarget.value as CustomFieldType);
                setDefaultValue('');
              }}
              data={CUSTOM_FIELD_TYPES.map((value) => ({ value, label: TYPE_LABELS[value] }))}
            />
          </>
        )}

        {isDropdown && (
          <Fieldset legend="Choices">
            <Stack gap="xs">
              {choices.map((choice, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: choices being typed have no identity besides their position
                <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    label={`Choice ${index + 1}`}
                    description={choice.value !== null && choice.value !== choice.text ? `Stored as “${choice.value}”` : undefined}
                    value={choice.text}
                    onChange={(event) => {
                      const text = event.currentTarget.value;
                      setChoices((current) => current.map((item, at) => (at === index ? { ...item, text } : item)));
                    }}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    mb={2}
                    aria-label={`Remove choice ${index + 1}${choice.text ? ` (${choice.text})` : ''}`}
                    onClick={() => setChoices((current) => current.filter((_, at) => at !== index))}
                  >
                    <IconTrash size={16} aria-hidden="true" />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden="true" />}
                  onClick={() => setChoices((current) => [...current, { text: '', value: null }])}
                >
                  Add choice
                </Button>
              </Group>
              {problems.choices && (
                <Text c="red.8" size="sm" role="alert">
                  {problems.choices}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                Removing a choice does not change tickets that already have it.
              </Text>
              {missingWorkflow.length > 0 && (
                <Text size="sm" c="orange.9">
                  Agents move tickets through Open, In Progress and Resolved; without {missingWorkflow.join(', ')} that workflow breaks.
                </Text>
              )}
            </Stack>
          </Fieldset>
        )}

        <Checkbox label="Required: a ticket cannot be saved without it" checked={required} onChange={(event) => setRequired(event.currentTarget.checked)} />
        <TextInput label="Note" description="A hint shown next to the field." value={note} onChange={(event) => setNote(event.currentTarget.value)} />
        {isDropdown ? (
          <NativeSelect
            label="Default value"
            value={defaultValue}
            onChange={(event) => setDefaultValue(event.currentTarget.value)}
            data={[{ value: '', label: 'No default' }, ...choiceOptions.map((choice) => ({ value: choice.value, label: choice.text }))]}
            error={problems.defaultValue}
          />
        ) : type === 'boolean' ? (
          <NativeSelect
            label="Default value"
            value={defaultValue}
            onChange={(event) => setDefaultValue(event.currentTarget.value)}
            data={[
              { value: '', label: 'No default' },
              { value: 'true', label: 'Yes' },
              { value: 'false', label: 'No' },
            ]}
          />
        ) : (
          <TextInput
            label="Default value"
            description={type === 'date' ? 'YYYY-MM-DD; leave empty for none.' : 'Leave empty for none.'}
            value={defaultValue}
            onChange={(event) => setDefaultValue(event.currentTarget.value)}
            error={problems.defaultValue}
          />
        )}
        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {field ? 'Save field' : 'Add field'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
