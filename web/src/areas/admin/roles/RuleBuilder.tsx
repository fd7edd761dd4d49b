import { ActionIcon, Autocomplete, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { type Condition, OPERATORS } from './rule-builder';

/**
 * Conditions joined with AND, one row each: field (or a path such as assigned_to.user), operator, value. Values may
 * be dynamic: $CURRENT_USER, $CURRENT_ROLE, $NOW.
 */
export function RuleBuilder({
  conditions,
  fieldNames,
  onChange,
  problems,
}: {
  conditions: Condition[];
  fieldNames: string[];
  onChange(conditions: Condition[]): void;
  problems: Array<string | null>;
}) {
  function update(index: number, change: Partial<Condition>) {
    onChange(conditions.map((condition, at) => (at === index ? { ...condition, ...change } : condition)));
  }

  return (
    <Stack gap="sm">
      <Text size="sm">
        Items match when <strong>all</strong> conditions hold. Use <code>$CURRENT_USER</code> for the signed-in person, and a path such as{' '}
        <code>assigned_to.user</code> to follow a relation.
      </Text>
      {conditions.length === 0 && <Text size="sm">No conditions yet.</Text>}
      {conditions.map((condition, index) => {
        const number = index + 1;
        const operator = OPERATORS.find((item) => item.value === condition.operator);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity besides their position
          <Group key={index} align="flex-start" gap="xs" wrap="wrap" role="group" aria-label={`Condition ${number}`}>
            <Autocomplete
              label={`Field ${number}`}
              data={fieldNames}
              value={condition.field}
              onChange={(value) => update(index, { field: value })}
              w={{ base: '100%', sm: 200 }}
              error={problems[index] ?? undefined}
            />
            <NativeSelect
              label={`Operator ${number}`}
              value={condition.operator}
              onChange={(event) => update(index, { operator: event.currentTarget.value })}
              data={OPERATORS.map((item) => ({ value: item.value, label: item.label }))}
              w={{ base: '100%', sm: 190 }}
            />
            {operator?.takes !== 'none' && (
              <TextInput
                label={`Value ${number}`}
                description={operator?.takes === 'list' ? 'Separate values with commas' : undefined}
                value={condition.value}
                onChange={(event) => update(index, { value: event.currentTarget.value })}
                w={{ base: '100%', sm: 200 }}
              />
            )}
            <ActionIcon
              variant="default"
              size="lg"
              mt={26}
              aria-label={`Remove condition ${number}`}
              onClick={() => onChange(conditions.filter((_, at) => at !== index))}
            >
              <IconTrash size={16} aria-hidden="true" />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          onClick={() => onChange([...conditions, { field: '', operator: '_eq', value: '' }])}
        >
          Add condition
        </Button>
      </Group>
    </Stack>
  );
}
