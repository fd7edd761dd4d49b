import { Code, Group, Paper, Stack, Text } from '@mantine/core';
import type { RunStep } from '../../../api/admin/flows';
import { StepStatusBadge } from './FlowBadges';
import { formatLogTime } from './flow-summary';
import { operationTypeLabel } from './operation-form';

/** A JSON value from a run log, pretty-printed and shown as text (never as HTML). */
export function JsonText({ value, label }: { value: unknown; label: string }) {
  const formatted = value === undefined ? 'not recorded' : JSON.stringify(value, null, 2);
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', overflow: 'visible' }}>
        {formatted}
      </Code>
    </Stack>
  );
}

/** The steps of a run (or of a test run): each operation with its outcome, and its input and output. */
export function StepList({ steps, emptyText }: { steps: RunStep[]; emptyText: string }) {
  if (steps.length === 0) return <Text size="sm">{emptyText}</Text>;
  return (
    <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {steps.map((step, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a run log never reorders; one operation can run twice (a loop).
        <Paper component="li" key={`${step.operation}-${index}`} withBorder p="sm">
          <Stack gap="xs">
            <Group gap="sm" wrap="wrap" justify="space-between">
              <Group gap="sm" wrap="wrap">
                <Text fw={600} size="sm">
                  {index + 1}. {step.key}
                </Text>
                <Text size="sm" c="dimmed">
                  {operationTypeLabel(step.type)}
                </Text>
                <StepStatusBadge status={step.status} />
              </Group>
              <Text size="xs" c="dimmed">
                {formatLogTime(step.timestamp)}
              </Text>
            </Group>
            {step.input !== undefined && <JsonText label="Input (options after templating)" value={step.input} />}
            <JsonText label="Output" value={step.output} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
