import { IconList, IconPlus } from '@tabler/icons-react';
import type { RouteObject } from 'react-router';
import { type AreaNavItem, AreaShell } from '../../components/AreaShell';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { RequireArea } from '../../components/RequireArea';

const nav: AreaNavItem[] = [
  { label: 'My tickets', to: '/tickets', icon: IconList, end: true },
  { label: 'New ticket', to: '/tickets/new', icon: IconPlus },
];

/** The customer portal: a person's own tickets. Navigation sits in the header, which folds into a menu on a phone. */
export const customerRoutes: RouteObject = {
  path: '/tickets',
  element: (
    <RequireArea area="customer">
      <AreaShell areaName="Support" nav={nav} placement="top" />
    </RequireArea>
  ),
  children: [
    {
      index: true,
      // Placeholder until the items API exists (issue #4, phase 2).
      element: (
        <PlaceholderPage
          title="My tickets"
          summary="The tickets you have opened and where each one stands."
          planned={[
            'Your tickets, newest first, with a status badge (Open, In Progress, Resolved)',
            'Open tickets easy to find at the top',
            'Each ticket with its details, the agent handling it, the conversation and a reply box',
            'The resolution summary once a ticket is resolved',
          ]}
        />
      ),
    },
    {
      path: 'new',
      // Placeholder until the items API and /fields exist (issue #4, phase 2).
      element: (
        <PlaceholderPage
          title="New ticket"
          summary="Tell the support team what you need help with."
          planned={[
            'Your name and email filled in from your profile',
            'Issue type chosen from the current list (Billing, Technical Issue, General Inquiry, …)',
            'Your message, plus any extra fields the support team asks customers for',
            'A confirmation with your ticket number',
          ]}
        />
      ),
    },
    { path: '*', element: <NotFoundPage /> },
  ],
};
