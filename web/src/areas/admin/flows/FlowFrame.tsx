import { Anchor, Breadcrumbs, Button, Group, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeAdminError } from '../admin-errors';
import { AdminPage } from '../components/AdminPage';
import { EmptyBlock } from '../components/LoadStates';

export type FlowSection = 'editor' | 'runs';

/** Breadcrumb back to the list and the flow's pages: editor, run log, and its deliveries in the delivery log. */
export function FlowSectionsNav({ flowId, flowName, current }: { flowId: string; flowName: string; current: FlowSection }) {
  const link = (section: FlowSection, to: string, label: string) => (
    <Button component={Link} to={to} size="sm" variant={current === section ? 'light' : 'subtle'} aria-current={current === section ? 'page' : undefined}>
      {label}
    </Button>
  );
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Breadcrumbs>
        <Anchor component={Link} to="/admin/flows" size="sm">
          Flows
        </Anchor>
        <Text size="sm">{flowName}</Text>
      </Breadcrumbs>
      <Group component="nav" aria-label="Flow pages" gap={4}>
        {link('editor', `/admin/flows/${flowId}`, 'Editor')}
        {link('runs', `/admin/flows/${flowId}/runs`, 'Run log')}
        <Button component={Link} to={`/admin/deliveries?flow=${encodeURIComponent(flowId)}`} size="sm" variant="subtle">
          Deliveries
        </Button>
      </Group>
    </Group>
  );
}

/** A flow that could not be loaded: gone (the server answers FORBIDDEN for unknown ids) or another failure. */
export function FlowLoadProblem({ error, title }: { error: unknown; title: string }) {
  if (isApiError(error) && error.code === 'FORBIDDEN') {
    return (
      <AdminPage title={title}>
        <EmptyBlock title="This flow does not exist (any more)">It may have been deleted.</EmptyBlock>
        <BackToFlows />
      </AdminPage>
    );
  }
  return (
    <AdminPage title={title}>
      <ErrorAlert title="Could not load the flow" message={describeAdminError(error)} />
      <BackToFlows />
    </AdminPage>
  );
}

function BackToFlows(): ReactNode {
  return (
    <Group justify="center">
      <Button component={Link} to="/admin/flows" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
        All flows
      </Button>
    </Group>
  );
}
