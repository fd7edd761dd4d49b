import { Box, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { deleteOperation, type Flow, type Operation, updateFlow, updateOperation } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyBlock, SuccessNotice } from '../components/LoadStates';
import { buildChain, type ChainRow, type ChainVia } from './flow-chain';
import { OperationDialog, type OperationDialogMode } from './OperationDialog';
import { operationSummary, operationTypeLabel } from './operation-form';

const VIA_TEXT: Record<ChainVia, string> = { start: 'Starts with', resolve: '✓ then', reject: '✗ when it fails' };
const INDENT = 28;

/** The chain of operations, in the order they run, with their ✓ / ✗ paths; add, edit, re-link and delete. */
export function OperationsPanel({
  flow,
  operations,
  collections,
  onChanged,
}: {
  flow: Flow;
  operations: Operation[];
  collections: string[];
  onChanged(): Promise<void>;
}) {
  const [dialog, setDialog] = useState<OperationDialogMode | null>(null);
  const [deleting, setDeleting] = useState<Operation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const chain = buildChain(flow.operation, operations);

  async function remove(operation: Operation) {
    // Who led to it, before the server clears those links.
    const parents = operations.flatMap((candidate) =>
      (['resolve', 'reject'] as const).filter((path) => candidate[path] === operation.id).map((path) => ({ candidate, path })),
    );
    await deleteOperation(operation.id);
    // What ran after it (✓) moves up into its place, so deleting a step keeps the rest of the chain.
    const next = operation.resolve && operation.resolve !== operation.id ? operation.resolve : null;
    if (next) {
      for (const { candidate, path } of parents) if (candidate.id !== operation.id) await updateOperation(candidate.id, { [path]: next });
      if (flow.operation === operation.id) await updateFlow(flow.id, { operation: next });
    }
    setNotice(`The operation ${operation.key} was deleted.`);
    await onChanged();
  }

  const renderRow = (row: ChainRow, index: number) => {
    const margin = row.depth * INDENT;
    const color = row.via === 'reject' ? 'var(--mantine-color-red-7)' : row.via === 'resolve' ? 'var(--mantine-color-green-8)' : 'var(--mantine-color-blue-8)';
    if (row.kind !== 'operation') {
      return (
        <Text key={`${row.kind}-${index}`} component="li" size="sm" ml={margin} pl="sm" style={{ borderLeft: `3px solid ${color}` }}>
          {VIA_TEXT[row.via]}:{' '}
          {row.kind === 'jump' ? (
            <>
              continues at <Code>{row.target.key}</Code>
            </>
          ) : (
            'an operation that no longer exists'
          )}
        </Text>
      );
    }
    const { operation } = row;
    const summary = operationSummary(operation.type, operation.options);
    return (
      <Paper
        key={operation.id}
        component="li"
        withBorder
        p="sm"
        ml={margin}
        style={{ borderLeft: `4px solid ${color}` }}
        aria-label={`Operation ${operation.key}`}
      >
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Text size="xs" fw={600} c={row.via === 'reject' ? 'red.9' : row.via === 'resolve' ? 'teal.9' : 'blue.8'}>
                {VIA_TEXT[row.via]}
                {row.parent ? ` (${row.parent.key})` : ''}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Title order={3} fz="sm">
                  <Code fz="sm">{operation.key}</Code>
                </Title>
                <Text size="sm" fw={500}>
                  {operationTypeLabel(operation.type)}
                </Text>
              </Group>
              {operation.name && (
                <Text size="sm" c="dimmed">
                  {operation.name}
                </Text>
              )}
              {summary && (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {summary}
                </Text>
              )}
            </Stack>
            <Group gap={6} wrap="nowrap">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPencil size={14} aria-hidden="true" />}
                aria-label={`Edit the operation ${operation.key}`}
                onClick={() => setDialog({ kind: 'edit', operation })}
              >
                Edit
              </Button>
              <Button
                size="xs"
                variant="default"
                color="red"
                leftSection={<IconTrash size={14} aria-hidden="true" />}
                aria-label={`Delete the operation ${operation.key}`}
                onClick={() => setDeleting(operation)}
              >
                Delete
              </Button>
            </Group>
          </Group>
          <Group gap={6}>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconCheck size={14} aria-hidden="true" />}
              aria-label={`Add next: an operation after ${operation.key} when it succeeds`}
              onClick={() => setDialog({ kind: 'create', point: { parent: operation, path: 'resolve' } })}
            >
              Add next
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              leftSection={<IconX size={14} aria-hidden="true" />}
              aria-label={`Add on failure: an operation after ${operation.key} when it fails`}
              onClick={() => setDialog({ kind: 'create', point: { parent: operation, path: 'reject' } })}
            >
              Add on failure
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} fz="h3">
          Operations
        </Title>
        {operations.length > 0 && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            onClick={() => setDialog({ kind: 'create', point: { parent: null, path: 'resolve' } })}
          >
            Add at the start
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        They run from the top. After each one the ✓ path runs when it succeeds (or its condition holds), the ✗ path when it fails.
      </Text>
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {operations.length === 0 ? (
        <Paper withBorder p="md">
          <EmptyBlock title="No operations yet">The flow does nothing until it has at least one operation.</EmptyBlock>
          <Group justify="center">
            <Button
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setDialog({ kind: 'create', point: { parent: null, path: 'resolve' } })}
            >
              Add the first operation
            </Button>
          </Group>
        </Paper>
      ) : (
        <>
          {chain.rows.length === 0 ? (
            <ErrorAlert title="Nothing runs" message="No operation is set as the first one. Use “Add at the start”, or edit an operation below." />
          ) : (
            <Box
              component="ol"
              m={0}
              p={0}
              style={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 8 }}
              aria-label="The chain of operations"
            >
              {chain.rows.map(renderRow)}
            </Box>
          )}
          {chain.detached.length > 0 && (
            <Stack gap="xs" mt="sm">
              <Title order={3} fz="md">
                Not connected
              </Title>
              <Text size="sm" c="dimmed">
                No path leads to these, so they never run. Link one from another operation (Edit → What runs next), or delete it.
              </Text>
              <Box
                component="ol"
                m={0}
                p={0}
                style={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 8 }}
                aria-label="Operations not connected"
              >
                {chain.detached.map(renderRow)}
              </Box>
            </Stack>
          )}
        </>
      )}

      <OperationDialog
        mode={dialog}
        flow={flow}
        operations={operations}
        collections={collections}
        onClose={() => setDialog(null)}
        onSaved={async (message) => {
          setDialog(null);
          setNotice(message);
          await onChanged();
        }}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={deleting ? `Delete the operation ${deleting.key}?` : 'Delete the operation?'}
        confirmLabel="Delete operation"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await remove(deleting);
        }}
      >
        What runs after it when it succeeds moves up into its place. Operations on its ✗ path are no longer connected (you can link or delete them afterwards).
      </ConfirmDialog>
    </Stack>
  );
}
