import { Alert, Button, Checkbox, Fieldset, Group, Radio, SimpleGrid, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { PermissionAction, PermissionRow } from '../../../../../common/src/helpdesk';
import type { Role } from '../../../../../common/src/users';
import { createPermission, deletePermission, updatePermission } from '../../../api/admin/permissions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminModal } from '../components/AdminModal';
import { RuleBuilder } from './RuleBuilder';
import { type Condition, conditionProblem, conditionsFromRule, parseJsonObject, ruleFromConditions } from './rule-builder';

export type Access = 'none' | 'all' | 'custom';

/** What a permission row grants: no row = none, a row without a filter = all items, with a filter = a custom rule. */
export function accessOf(row: PermissionRow | undefined): Access {
  if (!row) return 'none';
  return row.permissions && Object.keys(row.permissions).length > 0 ? 'custom' : 'all';
}

export const ACCESS_LABELS: Record<Access, string> = { none: 'No access', all: 'All items', custom: 'Custom rule' };

export interface PermissionTarget {
  role: Role;
  collection: string;
  action: PermissionAction;
  row: PermissionRow | undefined;
  /** Every field of the collection, with its type (for reading typed values in the builder). */
  fields: Array<{ field: string; type: string; custom: boolean }>;
  /** Item collections can have custom fields ("$custom"); system collections cannot. */
  system: boolean;
}

export function PermissionDialog({ target, onClose, onSaved }: { target: PermissionTarget | null; onClose(): void; onSaved(message: string): Promise<void> }) {
  return (
    <AdminModal
      opened={target !== null}
      onClose={onClose}
      size="xl"
      title={target ? `${target.role.name}: ${target.action} on ${target.collection}` : 'Permission'}
    >
      {target && (
        <PermissionForm key={`${target.collection}:${target.action}:${target.row?.id ?? 'new'}`} target={target} onCancel={onClose} onSaved={onSaved} />
      )}
    </AdminModal>
  );
}

const pretty = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 2));

function PermissionForm({ target, onCancel, onSaved }: { target: PermissionTarget; onCancel(): void; onSaved(message: string): Promise<void> }) {
  const { row, action } = target;
  const [access, setAccess] = useState<Access>(accessOf(row));
  const initialConditions = conditionsFromRule(row?.permissions ?? null);
  const [mode, setMode] = useState<'builder' | 'json'>(initialConditions === null ? 'json' : 'builder');
  const [conditions, setConditions] = useState<Condition[]>(initialConditions ?? []);
  const [ruleText, setRuleText] = useState(pretty(row?.permissions));
  const [builderNote, setBuilderNote] = useState<string | null>(
    initialConditions === null ? 'This rule uses more than AND-joined conditions; edit it as JSON.' : null,
  );
  const [fields, setFields] = useState<string[]>(row?.fields ?? (action === 'delete' ? [] : ['*']));
  const [validationText, setValidationText] = useState(pretty(row?.validation));
  const [presetsText, setPresetsText] = useState(pretty(row?.presets));
  const [problems, setProblems] = useState<{ rule?: string; validation?: string; presets?: string; conditions?: Array<string | null> }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldTypes = Object.fromEntries(target.fields.map((field) => [field.field, field.type]));
  const usesFields = action !== 'delete';
  const writes = action === 'create' || action === 'update';

  function switchMode(next: string | null) {
    if (next === mode) return;
    if (next === 'json') {
      // A rule the builder could not show stays as it was typed.
      if (builderNote === null) setRuleText(pretty(ruleFromConditions(conditions, fieldTypes)));
      setMode('json');
      return;
    }
    const parsed = parseJsonObject(ruleText);
    if (parsed.problem !== null) {
      setBuilderNote(`The JSON cannot be shown in the builder: ${parsed.problem}`);
      setMode('builder');
      return;
    }
    const fromJson = conditionsFromRule(parsed.value);
    if (fromJson === null) {
      setBuilderNote('This rule uses more than AND-joined conditions (OR, _some, …); edit it as JSON.');
    } else {
      setBuilderNote(null);
      setConditions(fromJson);
    }
    setMode('builder');
  }

  /** The rule to send (null: every item), or why it cannot be sent. */
  function ruleToSend(): { rule: Record<string, unknown> | null } | { problem: Partial<typeof problems> } {
    if (access !== 'custom') return { rule: null };
    if (mode === 'json' || builderNote !== null) {
      const parsed = parseJsonObject(ruleText);
      if (parsed.problem !== null) return { problem: { rule: parsed.problem } };
      if (!parsed.value || Object.keys(parsed.value).length === 0) return { problem: { rule: 'Write a rule, or choose "All items".' } };
      return { rule: parsed.value };
    }
    if (conditions.length === 0) return { problem: { rule: 'Add at least one condition, or choose "All items".' } };
    const conditionProblems = conditions.map(conditionProblem);
    if (conditionProblems.some(Boolean)) return { problem: { conditions: conditionProblems } };
    return { rule: ruleFromConditions(conditions, fieldTypes) };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblems({});
    setError(null);
    const where = `${action} on ${target.collection} for ${target.role.name}`;
    if (access === 'none') {
      setBusy(true);
      try {
        if (row) await deletePermission(row.id);
        await onSaved(`Saved: no ${where}.`);
      } catch (caught) {
        setError(describeAdminError(caught));
        setBusy(false);
      }
      return;
    }
    const rule = ruleToSend();
    if ('problem' in rule) {
      setProblems(rule.problem);
      return;
    }
    const validation = writes ? parseJsonObject(validationText) : { value: null, problem: null };
    const presets = writes ? parseJsonObject(presetsText) : { value: null, problem: null };
    if (validation.problem || presets.problem) {
      setProblems((current) => ({ ...current, validation: validation.problem ?? undefined, presets: presets.problem ?? undefined }));
      return;
    }
    // Names of fields deleted since the row was written are dropped: the server refuses rows naming them.
    const known = new Set(['*', '$custom', ...target.fields.map((field) => field.field)]);
    const payload = {
      permissions: rule.rule,
      validation: validation.value ?? null,
      presets: presets.value ?? null,
      fields: usesFields ? fields.filter((name) => known.has(name)) : (row?.fields ?? null),
    };
    setBusy(true);
    try {
      if (row) await updatePermission(row.id, payload);
      else await createPermission({ role: target.role.id, collection: target.collection, action, ...payload });
      await onSaved(`Saved: ${where} (${ACCESS_LABELS[access].toLowerCase()}).`);
    } catch (caught) {
      setError(describeAdminError(caught));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Radio.Group label="Which items" value={access} onChange={(value) => setAccess(value as Access)}>
          <Stack gap={6} mt={6}>
            <Radio value="none" label="No access" description="The role cannot do this at all." />
            <Radio value="all" label="All items" description="Every item of the collection." />
            <Radio value="custom" label="Only items matching a rule" description="A filter rule decides which items." />
          </Stack>
        </Radio.Group>

        {access === 'custom' && (
          <Fieldset legend="Rule">
            <Tabs value={mode} onChange={switchMode} keepMounted={false}>
              <Tabs.List mb="sm">
                <Tabs.Tab value="builder">Rule builder</Tabs.Tab>
                <Tabs.Tab value="json">JSON</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="builder">
                {builderNote ? (
                  <Alert color="yellow" variant="light" title="Use the JSON editor">
                    {builderNote}
                  </Alert>
                ) : (
                  <RuleBuilder
                    conditions={conditions}
                    fieldNames={target.fields.map((field) => field.field)}
                    onChange={setConditions}
                    problems={problems.conditions ?? []}
                  />
                )}
              </Tabs.Panel>
              <Tabs.Panel value="json">
                <Textarea
                  label="Rule (JSON)"
                  description='A Directus filter rule, for example {"user_created": {"_eq": "$CURRENT_USER"}}.'
                  autosize
                  minRows={6}
                  maxRows={18}
                  spellCheck={false}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  value={ruleText}
                  onChange={(event) => setRuleText(event.currentTarget.value)}
                  onBlur={() => {
                    const parsed = parseJsonObject(ruleText);
                    setProblems((current) => ({ ...current, rule: parsed.problem ?? undefined }));
                  }}
                  error={problems.rule}
                />
              </Tabs.Panel>
            </Tabs>
            {mode === 'builder' && problems.rule && (
              <Text c="red.8" size="sm" mt="xs" role="alert">
                {problems.rule}
              </Text>
            )}
          </Fieldset>
        )}

        {access !== 'none' && usesFields && <FieldChooser target={target} value={fields} onChange={setFields} />}

        {access !== 'none' && writes && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label="Validation (JSON, optional)"
              description="A rule every created or changed item must match."
              autosize
              minRows={3}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={validationText}
              onChange={(event) => setValidationText(event.currentTarget.value)}
              error={problems.validation}
            />
            <Textarea
              label="Presets (JSON, optional)"
              description='Values set on every item this role creates, e.g. {"status": "Open"}.'
              autosize
              minRows={3}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={presetsText}
              onChange={(event) => setPresetsText(event.currentTarget.value)}
              error={problems.presets}
            />
          </SimpleGrid>
        )}

        {error && <ErrorAlert title="Not saved" message={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save permission
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FieldChooser({ target, value, onChange }: { target: PermissionTarget; value: string[]; onChange(fields: string[]): void }) {
  const all = value.includes('*');
  const allCustom = value.includes('$custom');
  const hasCustom = !target.system;
  function toggle(name: string, checked: boolean) {
    onChange(checked ? [...value.filter((item) => item !== name), name] : value.filter((item) => item !== name));
  }
  return (
    <Fieldset legend={target.action === 'read' ? 'Fields the role can read' : 'Fields the role can set'}>
      <Stack gap="xs">
        <Checkbox label="All fields (*)" checked={all} onChange={(event) => toggle('*', event.currentTarget.checked)} />
        {hasCustom && (
          <Checkbox
            label="All custom fields ($custom), including ones added later"
            checked={allCustom}
            disabled={all}
            onChange={(event) => toggle('$custom', event.currentTarget.checked)}
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing={6} verticalSpacing={6}>
          {target.fields.map((field) => (
            <Checkbox
              key={field.field}
              label={field.custom ? `${field.field} (custom)` : field.field}
              checked={all || (field.custom && allCustom) || value.includes(field.field)}
              disabled={all || (field.custom && allCustom)}
              onChange={(event) => toggle(field.field, event.currentTarget.checked)}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
