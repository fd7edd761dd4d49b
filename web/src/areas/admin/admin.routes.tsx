import { IconActivity, IconBolt, IconForms, IconHeadset, IconSend, IconShieldLock, IconTicket, IconUsers } from '@tabler/icons-react';
import { Navigate, type RouteObject } from 'react-router';
import { type AreaNavItem, AreaShell } from '../../components/AreaShell';
import { NotFoundPage } from '../../components/NotFoundPage';
import { RequireArea } from '../../components/RequireArea';
import { ActivityPage } from './activity/ActivityPage';
import { AgentsPage } from './agents/AgentsPage';
import { DeliveriesPage } from './flows/DeliveriesPage';
import { FlowEditorPage } from './flows/FlowEditorPage';
import { FlowRunsPage } from './flows/FlowRunsPage';
import { FlowsPage } from './flows/FlowsPage';
import { RolesPage } from './roles/RolesPage';
import { TicketSchemaPage } from './schema/TicketSchemaPage';
import { AdminTicketPage } from './tickets/AdminTicketPage';
import { AdminTicketsPage } from './tickets/AdminTicketsPage';
import { UsersPage } from './users/UsersPage';

const nav: AreaNavItem[] = [
  { label: 'Tickets', to: '/admin/tickets', icon: IconTicket },
  { label: 'Agents', to: '/admin/agents', icon: IconHeadset },
  { label: 'Users', to: '/admin/users', icon: IconUsers },
  { label: 'Roles & permissions', to: '/admin/roles', icon: IconShieldLock },
  { label: 'Ticket schema', to: '/admin/schema', icon: IconForms },
  { label: 'Activity', to: '/admin/activity', icon: IconActivity },
  { label: 'Flows', to: '/admin/flows', icon: IconBolt },
  { label: 'Deliveries', to: '/admin/deliveries', icon: IconSend },
];

/** The admin console: everything on the desk, with a sidebar of its sections. */
export const adminRoutes: RouteObject = {
  path: '/admin',
  element: (
    <RequireArea area="admin">
      <AreaShell areaName="Admin console" nav={nav} placement="side" />
    </RequireArea>
  ),
  children: [
    { index: true, element: <Navigate to="tickets" replace /> },
    { path: 'tickets', element: <AdminTicketsPage /> },
    { path: 'tickets/:ticketId', element: <AdminTicketPage /> },
    { path: 'agents', element: <AgentsPage /> },
    { path: 'users', element: <UsersPage /> },
    { path: 'roles', element: <RolesPage /> },
    { path: 'roles/:roleId', element: <RolesPage /> },
    { path: 'schema', element: <TicketSchemaPage /> },
    { path: 'activity', element: <ActivityPage /> },
    { path: 'flows', element: <FlowsPage /> },
    { path: 'flows/:flowId', element: <FlowEditorPage /> },
    { path: 'flows/:flowId/runs', element: <FlowRunsPage /> },
    { path: 'deliveries', element: <DeliveriesPage /> },
    { path: '*', element: <NotFoundPage /> },
  ],
};
