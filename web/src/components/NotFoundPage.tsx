import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/use-page-title';

/** Any path the web app does not know. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Stack component="main" align="center" justify="center" mih="60dvh" p="md" ta="center">
      <Title order={1}>Page not found</Title>
      <Text>There is nothing at this address. It may have moved, or the link may be mistyped.</Text>
      <Button component={Link} to="/">
        Go to the start page
      </Button>
    </Stack>
  );
}
