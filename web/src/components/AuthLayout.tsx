import { Anchor, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/use-page-title';

/** The frame of the sign-in pages: a narrow card that fills a phone screen and centres on a desktop. */
export function AuthLayout({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  usePageTitle(title);
  return (
    <Box component="main" mih="100dvh" bg="gray.0" py={{ base: 'md', sm: 60 }}>
      <Container size={440} px={{ base: 'sm', sm: 'md' }}>
        <Stack gap="lg">
          <Group justify="center">
            <Anchor component={Link} to="/" fw={700} fz="xl" underline="never" aria-label="Parley home">
              Parley
            </Anchor>
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
            <Stack gap="md">
              <Title order={1} fz="h2">
                {title}
              </Title>
              {intro && <Text>{intro}</Text>}
              {children}
            </Stack>
          </Paper>
          {footer && (
            <Text ta="center" size="sm">
              {footer}
            </Text>
          )}
        </Stack>
      </Container>
    </Box>
  );
}
