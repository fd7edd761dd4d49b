import { Alert, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A list with nothing in it: says so, and what to do about it. */
export function EmptyBlock({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap={4} py="xl" ta="center">
      <IconInbox size={32} aria-hidden="true" />
      <Text fw={600}>{title}</Text>
      {children && <Text c="dimmed">{children}</Text>}
    </Stack>
  );
}

/** A change went through. role="status": announced without interrupting. */
export function SuccessNotice({ message, onClose }: { message: string; onClose?: () => void }) {
  return (
    <Alert
      color="green"
      variant="light"
      icon={<IconCircleCheck aria-hidden="true" />}
      role="status"
      withCloseButton={onClose !== undefined}
      onClose={onClose}
      closeButtonLabel="Dismiss"
    >
      {message}
    </Alert>
  );
}
