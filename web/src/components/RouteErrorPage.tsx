import { Button, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from '../hooks/use-page-title';

/** A page crashed while rendering: say so plainly and offer a reload instead of a blank screen. */
export function RouteErrorPage() {
  usePageTitle('Something went wrong');
  return (
    <Stack component="main" align="center" justify="center" mih="60dvh" p="md" ta="center">
      <Title order={1}>Something went wrong</Title>
      <Text>This page ran into a problem. Reloading usually helps; if it keeps happening, tell your administrator.</Text>
      <Button onClick={() => window.location.reload()}>Reload the page</Button>
    </Stack>
  );
}
