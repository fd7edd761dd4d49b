import { Badge } from '@mantine/core';

const USER_STATUS_COLORS: Record<string, string> = { active: 'green', invited: 'blue', suspended: 'red' };

/** A user's status. The "dot" variant keeps the text dark: Mantine's light green label falls short of WCAG AA contrast. */
export function UserStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={USER_STATUS_COLORS[status] ?? 'gray'} variant="dot" size="lg" style={{ textTransform: 'none' }}>
      {status}
    </Badge>
  );
}
