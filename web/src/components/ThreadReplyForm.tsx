import { Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconLock, IconSend } from '@tabler/icons-react';
import { type FormEvent, useId, useState } from 'react';
import { describeError } from '../lib/error-messages';
import { ErrorAlert } from './ErrorAlert';

type Kind = 'reply' | 'internal';

/**
 * The box under a thread. With `allowInternal` (agents) a switch chooses between a reply the customer sees and an
 * internal note only agents see; the box turns yellow for notes, like the notes in the thread.
 */
export function ThreadReplyForm({
  onSend,
  allowInternal = false,
  replyLabel = 'Your reply',
  hint,
}: {
  onSend(message: string, internal: boolean): Promise<void>;
  allowInternal?: boolean;
  replyLabel?: string;
  hint?: string;
}) {
  const [kind, setKind] = useState<Kind>('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [emptyError, setEmptyError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kindLabelId = useId();
  const isInternal = allowInternal && kind === 'internal';

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setEmptyError(isInternal ? 'Write the note first.' : 'Write your message first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSend(text, isInternal);
      setText('');
    } catch (caught) {
      setError(describeError(caught, { FORBIDDEN: 'You can no longer write in this ticket. Reload the page to see why.' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit}>
      <Stack gap="sm">
        {allowInternal && (
          <Stack gap={4}>
            <Text id={kindLabelId} size="sm" fw={500}>
              Message type
            </Text>
            <SegmentedControl
              aria-labelledby={kindLabelId}
              value={kind}
              onChange={(value) => setKind(value as Kind)}
              data={[
                { value: 'reply', label: 'Reply to customer' },
                { value: 'internal', label: 'Internal note' },
              ]}
              color={isInternal ? 'yellow.4' : undefined}
              autoContrast
              fullWidth
            />
          </Stack>
        )}
        <Textarea
          label={isInternal ? 'Internal note (only agents see it)' : replyLabel}
          description={isInternal ? 'The customer never sees internal notes.' : hint}
          autosize
          minRows={3}
          maxRows={12}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setEmptyError(null);
          }}
          error={emptyError}
          classNames={isInternal ? { input: 'thread-item-internal' } : undefined}
        />
        {error && <ErrorAlert title="Your message was not sent" message={error} />}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={busy}
            color={isInternal ? 'yellow.4' : undefined}
            autoContrast
            leftSection={isInternal ? <IconLock size={16} aria-hidden="true" /> : <IconSend size={16} aria-hidden="true" />}
          >
            {isInternal ? 'Add internal note' : 'Send reply'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
