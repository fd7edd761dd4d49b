import { Anchor, Badge, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { type Flow, updateFlow } from '../../../api/admin/flows';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { SuccessNotice } from '../components/LoadStates';

/**
 * The flow's Standard Webhooks signing secret: whether requests are signed, the secret itself (hidden until asked
 * for, copyable), and generating, replacing or removing it.
 */
export function SigningPanel({ flow, onChanged }: { flow: Flow; onChanged(): Promise<void> }) {
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState<'generate' | 'remove' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const secret = flow.signing_secret;

  async function generateFirst() {
    setBusy(true);
    setError(null);
    try {
      await updateFlow(flow.id, { signing_secret: 'generate' });
      setShown(true);
      setNotice('A signing secret was generated: give it to the receiver.');
      await onChanged();
    } catch (caught) {
      setError(describeAdminError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="signing-heading">
      <Title order={2} fz="h3" id="signing-heading">
        Request signing
      </Title>
      <Text size="sm">
        With a secret, every request this flow sends carries a <code>webhook-signature</code> header as defined by{' '}
        <Anchor href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
          Standard Webhooks
        </Anchor>
        , next to <code>webhook-id</code> and <code>webhook-timestamp</code>. The receiver checks it with the same secret (for example with the{' '}
        <code>standardwebhooks</code> package) to know the request came from Parley and was not changed.
      </Text>
      {notice && <SuccessNotice message={notice} onClose={() => setNotice(null)} />}
      {error && <ErrorAlert title="Not saved" message={error} />}
      {secret ? (
        <>
          <Group gap="xs">
            <Badge color="green" variant="dot" size="lg" style={{ textTransform: 'none' }}>
              Requests are signed
            </Badge>
          </Group>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label="Signing secret"
              readOnly
              value={shown ? secret : `${secret.slice(0, 6)}${'•'.repeat(24)}`}
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Button variant="default" aria-pressed={shown} onClick={() => setShown((current) => !current)}>
              {shown ? 'Hide' : 'Show'}
            </Button>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group gap="xs">
            <Button variant="default" size="xs" leftSection={<IconKey size={14} aria-hidden="true" />} onClick={() => setConfirming('generate')}>
              Generate a new secret
            </Button>
            <Button variant="default" color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden="true" />} onClick={() => setConfirming('remove')}>
              Remove the secret
            </Button>
          </Group>
        </>
      ) : (
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Badge color="gray" variant="dot" size="lg" style={{ textTransform: 'none' }}>
            Requests are not signed
          </Badge>
          <Button variant="default" leftSection={<IconKey size={16} aria-hidden="true" />} loading={busy} onClick={generateFirst}>
            Generate a secret
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming !== null}
        danger={confirming === 'remove'}
        title={confirming === 'remove' ? 'Remove the signing secret?' : 'Replace the signing secret?'}
        confirmLabel={confirming === 'remove' ? 'Remove secret' : 'Generate new secret'}
        onClose={() => setConfirming(null)}
        onConfirm={async () => {
          const removing = confirming === 'remove';
          await updateFlow(flow.id, { signing_secret: removing ? null : 'generate' });
          setShown(!removing);
          setNotice(removing ? 'Requests of this flow are no longer signed.' : 'A new signing secret was generated: give it to the receiver.');
          await onChanged();
        }}
      >
        {confirming === 'remove'
          ? 'Requests are sent without a webhook-signature header from now on. Receivers that require one will refuse them.'
          : 'Requests are signed with the new secret from now on; receivers still using the old one will refuse them until they get the new one.'}
      </ConfirmDialog>
    </Stack>
  );
}
