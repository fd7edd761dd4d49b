import { Center, Loader, VisuallyHidden } from '@mantine/core';

/** Shown in a page while its data loads; announced to screen readers. */
export function LoadingBlock({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl" role="status">
      <Loader />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}
