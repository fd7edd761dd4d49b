import { IconInbox } from '@tabler/icons-react';
import { Navigate, type RouteObject } from 'react-router';
import { type AreaNavItem, AreaShell } from '../../components/AreaShell';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { RequireArea } from '../../components/RequireArea';

const nav: AreaNavItem[] = [{ label: 'My queue', to: '/agent/queue', icon: IconInbox }];

/** The agent workspace: the tickets assigned to the signed-in agent. */
export const agentRoutes: RouteObject = {
  path: '/agent',
  element: (
    <RequireArea area="agent">
      <AreaShell areaName="Agent workspace" nav={nav} placement="top" />
    </RequireArea>
  ),
  children: [
    { index: true, element: <Navigate to="queue" replace /> },
    {
      path: 'queue',
      // Placeholder until the items API exists (issue #4, phase 2).
      element: (
        <PlaceholderPage
          title="My queue"
          summary="The tickets assigned to you."
          planned={[
            'Status tabs (Open, In Progress, Resolved, All) with counts',
            'Search, sorting and pagination; refreshed every 30 seconds and when you come back to the window',
            'Each ticket with the customer’s details, the conversation including internal notes, and a reply box',
            'Status changes, with a resolution summary when resolving',
          ]}
        />
      ),
    },
    { path: '*', element: <NotFoundPage /> },
  ],
};
