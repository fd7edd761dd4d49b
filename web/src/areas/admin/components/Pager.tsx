import { Button, Group, Text } from '@mantine/core';

/** Previous / next through a list of `total` items shown `pageSize` at a time, with where the reader is. */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange(page: number): void;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group component="nav" aria-label={label} justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" aria-live="polite">
        {total === 0 ? 'Nothing to show' : `${first}–${last} of ${total}`}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={page <= 1} onClick={() => onChange(page - 1)}>
          Previous page
        </Button>
        <Text size="sm">
          Page {Math.min(page, pages)} of {pages}
        </Text>
        <Button variant="default" size="xs" disabled={page >= pages} onClick={() => onChange(page + 1)}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}
