import { ActionIcon, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { LoadingBlock } from '../../../components/LoadingBlock';

/**
 * The admin logs (activity, flow runs, deliveries) share one shape: a paged table, newest first, whose rows open
 * to show details. These pieces keep the loading and empty states, the caption and the row toggle alike.
 */

/** Which rows are open. */
export function useExpanded<K extends string | number>(): { isOpen(key: K): boolean; toggle(key: K): void } {
  const [expanded, setExpanded] = useState<Set<K>>(new Set());
  return {
    isOpen: (key) => expanded.has(key),
    toggle: (key) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
  };
}

/** Loading (first load only), then the empty block or the list. Errors are shown by the page, above. */
export function LogStates({
  loading,
  loaded,
  failed,
  count,
  loadingLabel,
  empty,
  children,
}: {
  loading: boolean;
  loaded: boolean;
  failed: boolean;
  count: number;
  loadingLabel: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  if (!loaded && loading) return <LoadingBlock label={loadingLabel} />;
  if (count === 0 && !failed) return <>{empty}</>;
  return <>{children}</>;
}

/** The table: caption "<what>, newest first", a first column of row toggles headed `toggleHeader`, then `headers`. */
export function LogTable({
  what,
  loading,
  minWidth,
  toggleHeader,
  headers,
  children,
}: {
  what: string;
  loading: boolean;
  minWidth: number;
  toggleHeader: string;
  headers: ReactNode;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs" aria-busy={loading}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          {what}, newest first{loading ? ' (updating…)' : ''}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>
              <Text span size="sm" fw={700}>
                {toggleHeader}
              </Text>
            </Table.Th>
            {headers}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Opens and closes a row's details; `subject` completes "Show …" / "Hide …" for screen readers. */
export function RowToggle({ open, detailsId, subject, onToggle }: { open: boolean; detailsId: string; subject: string; onToggle(): void }) {
  return (
    <ActionIcon
      variant="subtle"
      aria-expanded={open}
      aria-controls={open ? detailsId : undefined}
      aria-label={`${open ? 'Hide' : 'Show'} ${subject}`}
      onClick={onToggle}
    >
      {open ? <IconChevronDown size={16} aria-hidden="true" /> : <IconChevronRight size={16} aria-hidden="true" />}
    </ActionIcon>
  );
}
