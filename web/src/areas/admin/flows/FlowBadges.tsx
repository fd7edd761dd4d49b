import { Badge } from '@mantine/core';
import type { DeliveryState, FlowStatus, RunStatus, RunStep } from '../../../api/admin/flows';

// The "dot" variant keeps the text dark: Mantine's light label colours fall short of WCAG AA contrast.
const badge = { variant: 'dot', size: 'lg', style: { textTransform: 'none' } } as const;

const RUN_COLORS: Record<RunStatus, string> = { succeeded: 'green', failed: 'red', dead: 'grape', retrying: 'orange', pending: 'gray', running: 'blue' };
const RUN_LABELS: Record<RunStatus, string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  dead: 'dead (gave up)',
  retrying: 'retrying',
  pending: 'pending',
  running: 'running',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge color={RUN_COLORS[status] ?? 'gray'} {...badge}>
      {RUN_LABELS[status] ?? status}
    </Badge>
  );
}

const DELIVERY_COLORS: Record<DeliveryState, string> = { delivered: 'green', failed: 'red', dead: 'grape', retrying: 'orange', pending: 'gray' };

export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  return (
    <Badge color={DELIVERY_COLORS[state] ?? 'gray'} {...badge}>
      {state}
    </Badge>
  );
}

export function FlowStatusBadge({ status }: { status: FlowStatus }) {
  return (
    <Badge color={status === 'active' ? 'green' : 'gray'} {...badge}>
      {status}
    </Badge>
  );
}

const STEP_LABELS: Record<RunStep['status'], string> = { resolved: '✓ succeeded', rejected: '✗ failed or rejected', retry: '↻ will retry' };
const STEP_COLORS: Record<RunStep['status'], string> = { resolved: 'green', rejected: 'red', retry: 'orange' };

export function StepStatusBadge({ status }: { status: RunStep['status'] }) {
  return (
    <Badge color={STEP_COLORS[status] ?? 'gray'} {...badge}>
      {STEP_LABELS[status] ?? status}
    </Badge>
  );
}

/** The outcome of a test run. */
export function OutcomeBadge({ outcome }: { outcome: 'succeeded' | 'rejected' | 'failed' }) {
  return (
    <Badge color={outcome === 'succeeded' ? 'green' : outcome === 'rejected' ? 'orange' : 'red'} {...badge}>
      {outcome}
    </Badge>
  );
}
