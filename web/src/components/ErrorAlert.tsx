import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A failed action, said in words. role="alert" so screen readers announce it when it appears. */
export function ErrorAlert({ title = 'Something went wrong', message }: { title?: string; message: string }) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden="true" />} role="alert">
      {message}
    </Alert>
  );
}
