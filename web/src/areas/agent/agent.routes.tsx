import { IconInbox } from '@tabler/icons-react';
import { Navigate, type RouteObject } from 'react-router';
import { type AreaNavItem, AreaShell } from '../../components/AreaShell';
import { NotFoundPage } from '../../components/NotFoundPage';
import { RequireArea } from '../../components/RequireArea';
import { AgentTicketRoute } from './AgentTicketPage';
import { AvailabilitySwitch } from './AvailabilitySwitch';
import { QueuePage } from './QueuePage';

const nav: AreaNavItem[] = [{ label: 'My queue', to: '/agent/queue', icon: IconInbox }];

/** The agent workspace: the tickets assigned to the signed-in agent. */
export const agentRoutes: RouteObject = {
  path: '/agent',
  element: (
    <RequireArea area="agent">
      <AreaShell areaName="Agent workspace" nav={nav} placement="top" headerExtra={<AvailabilitySwitch />} />
    </RequireArea>
  ),
  children: [
    { index: true, element: <Navigate to="queue" replace /> },
    { path: 'queue', element: <QueuePage /> },
    { path: 'tickets/:id', element: <AgentTicketRoute /> },
    { path: '*', element: <NotFoundPage /> },
  ],
};
