import { Alert, List, Stack, Text, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { usePageTitle } from '../hooks/use-page-title';

/**
 * Placeholder for a page that needs the items API (issue #4, phase 2+): says what the page will offer, so the
 * navigation can be tried end to end today. Delete each use as the real page lands.
 */
export function PlaceholderPage({ title, summary, planned }: { title: string; summary: string; planned: string[] }) {
  usePageTitle(title);
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{title}</Title>
      <Text>{summary}</Text>
      <Alert variant="light" color="blue" title="Coming soon" icon={<IconTools aria-hidden="true" />}>
        <Text size="sm" mb="xs">
          This page is not built yet. It will offer:
        </Text>
        <List size="sm" spacing={4}>
          {planned.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      </Alert>
    </Stack>
  );
}
