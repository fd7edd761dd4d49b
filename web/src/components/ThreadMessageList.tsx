import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { formatDateTime, type ThreadItem } from '../lib/tickets';

/** A ticket's conversation, oldest first. */
export function ThreadMessageList({ items, label = 'Conversation' }: { items: ThreadItem[]; label?: string }) {
  return (
    <Stack component="ol" aria-label={label} gap="sm" p={0} m={0} className="thread-list">
      {items.map((item) => (
        <Paper component="li" key={item.id} withBorder p="md" className={item.internal ? 'thread-item thread-item-internal' : 'thread-item'}>
          <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">
                {item.author}
              </Text>
              {item.internal && (
                <Badge color="yellow.4" autoContrast variant="filled" tt="none" leftSection={<IconLock size={12} aria-hidden="true" />}>
                  Internal note
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" component="time" dateTime={item.date}>
              {formatDateTime(item.date)}
            </Text>
          </Group>
          <Text className="user-text">{item.text}</Text>
        </Paper>
      ))}
    </Stack>
  );
}
