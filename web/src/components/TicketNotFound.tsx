import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/use-page-title';

/**
 * A ticket that does not exist or is not the reader's. The server answers both with 403 FORBIDDEN (existence never
 * leaks), and so does this page: one message for both.
 */
export function TicketNotFound({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  usePageTitle('Ticket not found');
  return (
    <Stack align="center" justify="center" mih="50dvh" p="md" ta="center">
      <Title order={1}>Ticket not found</Title>
      <Text maw={480}>This ticket does not exist, or it is not one you can see. Check the ticket number in the address.</Text>
      <Button component={Link} to={backTo}>
        {backLabel}
      </Button>
    </Stack>
  );
}
