import { IconActivity, IconBolt, IconForms, IconHeadset, IconShieldLock, IconTicket, IconUsers } from '@tabler/icons-react';
import { Navigate, type RouteObject } from 'react-router';
import { type AreaNavItem, AreaShell } from '../../components/AreaShell';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { RequireArea } from '../../components/RequireArea';

const nav: AreaNavItem[] = [
  { label: 'Tickets', to: '/admin/tickets', icon: IconTicket },
  { label: 'Agents', to: '/admin/agents', icon: IconHeadset },
  { label: 'Users', to: '/admin/users', icon: IconUsers },
  { label: 'Roles & permissions', to: '/admin/roles', icon: IconShieldLock },
  { label: 'Ticket schema', to: '/admin/schema', icon: IconForms },
  { label: 'Activity', to: '/admin/activity', icon: IconActivity },
  { label: 'Flows', to: '/admin/flows', icon: IconBolt },
];

/**
 * Placeholder pages of the admin console (issue #4, phase 1): each says what it will offer. They are replaced one by
 * one once the items API, /fields, /permissions, /activity and /flows exist.
 */
const placeholders: Array<{ path: string; title: string; summary: string; planned: string[] }> = [
  {
    path: 'tickets',
    title: 'Tickets',
    summary: 'Every ticket on the desk.',
    planned: [
      'Filters by status, issue type, agent, and unassigned tickets',
      'Bulk assignment',
      'An assignment picker listing available agents with their open-ticket counts',
    ],
  },
  {
    path: 'agents',
    title: 'Agents',
    summary: 'The people who answer tickets.',
    planned: ['Make a user an agent', 'Set each agent’s team (support, sales, …)', 'Mark agents available or away'],
  },
  {
    path: 'users',
    title: 'Users',
    summary: 'Everyone who can sign in to Parley.',
    planned: ['The list of users with their role and status', 'Invite people by email with a role', 'Resend invitations, suspend accounts, change roles'],
  },
  {
    path: 'roles',
    title: 'Roles & permissions',
    summary: 'What each role may see and change.',
    planned: [
      'Per role, collection and action: no access, full access, or a custom rule',
      'A rule builder for simple rules and a validated JSON editor for any rule',
      'The list of fields each role may read and write',
    ],
  },
  {
    path: 'schema',
    title: 'Ticket schema',
    summary: 'The fields a ticket has.',
    planned: ['Add, edit and delete custom fields', 'Edit the choices of issue type and status', 'Choose which fields customers see on the new-ticket form'],
  },
  {
    path: 'activity',
    title: 'Activity',
    summary: 'Who changed what, and when.',
    planned: ['The activity log with filters by person, collection, action and date', 'The revisions of each change'],
  },
  {
    path: 'flows',
    title: 'Flows',
    summary: 'Automations that run when tickets change, on a schedule, or on demand.',
    planned: ['Build flows from triggers and operations (webhooks, email, conditions)', 'The delivery log of each webhook, with replay'],
  },
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
    ...placeholders.map(({ path, ...page }) => ({ path, element: <PlaceholderPage {...page} /> })),
    { path: '*', element: <NotFoundPage /> },
  ],
};
