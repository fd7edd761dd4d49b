import { Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../hooks/use-session';
import { describeError } from '../lib/error-messages';

/** The server could not say who is signed in: an outage, not a sign-out, so offer to try again. */
export function ServerUnavailable({ error }: { error: unknown }) {
  const { reload } = useSession();
  const [retrying, setRetrying] = useState(false);
  return (
    <Stack component="main" align="center" justify="center" mih="100dvh" p="md" ta="center">
      <Title order={1}>Parley is not answering</Title>
      <Text role="alert">{describeError(error)}</Text>
      <Button
        loading={retrying}
        onClick={async () => {
          setRetrying(true);
          await reload();
          setRetrying(false);
        }}
      >
        Try again
      </Button>
    </Stack>
  );
}
