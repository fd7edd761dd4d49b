import { Badge, type BadgeProps } from '@mantine/core';
import { statusBadgeColor } from '../lib/tickets';

/** A ticket's status as a coloured badge; the colour only repeats the word, never replaces it. */
export function TicketStatusBadge({ status, size = 'md' }: { status: string; size?: BadgeProps['size'] }) {
  return (
    <Badge color={statusBadgeColor(status)} autoContrast variant="filled" size={size} tt="none" fw={600}>
      {status}
    </Badge>
  );
}
