import { Group, Switch, Text, Tooltip } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { Agent } from '../../../../common/src/helpdesk';
import { findAgentOfUser, setAgentAvailable } from '../../api/tickets';
import { useLoader } from '../../hooks/use-loader';
import { useSession } from '../../hooks/use-session';
import { describeError } from '../../lib/error-messages';

/** The agent's own "available" flag (admins assign new tickets to available agents), in the workspace header. */
export function AvailabilitySwitch() {
  const { state } = useSession();
  const userId = state.status === 'signed-in' ? state.me.id : undefined;
  const agent = useLoader(useCallback(async (): Promise<Agent | undefined> => (userId ? findAgentOfUser(userId) : undefined), [userId]));
  const [override, setOverride] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!agent.data) return null;
  const row = agent.data;
  const checked = override ?? row.available;

  async function handleChange(available: boolean) {
    setBusy(true);
    setError(null);
    setOverride(available);
    try {
      await setAgentAvailable(row.id, available);
      await agent.reload();
      setOverride(undefined);
    } catch (caught) {
      setOverride(undefined);
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label={checked ? 'You can be assigned new tickets.' : 'You are away: admins see you as unavailable.'}>
        <Switch
          // On a phone only the switch shows; its name stays "Available".
          aria-label="Available"
          label={
            <Text span size="sm" visibleFrom="xs">
              Available
            </Text>
          }
          checked={checked}
          disabled={busy}
          onChange={(event) => void handleChange(event.currentTarget.checked)}
          color="teal.9"
        />
      </Tooltip>
      {error && (
        <Text size="xs" c="red.8" role="alert" title={error}>
          Not saved
        </Text>
      )}
    </Group>
  );
}
