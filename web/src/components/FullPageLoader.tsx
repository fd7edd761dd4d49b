import { Center, Loader } from '@mantine/core';

/** Shown while the app asks the server who is signed in. */
export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center mih="100dvh" role="status" aria-live="polite">
      <Loader aria-label={label} />
    </Center>
  );
}
