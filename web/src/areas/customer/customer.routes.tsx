import { IconList, IconPlus } from '@tabler/icons-react';
import type { RouteObject } from 'react-router';
import { type AreaNavItem, AreaShell } from '../../components/AreaShell';
import { NotFoundPage } from '../../components/NotFoundPage';
import { RequireArea } from '../../components/RequireArea';
import { CustomerTicketRoute } from './CustomerTicketPage';
import { MyTicketsPage } from './MyTicketsPage';
import { NewTicketPage } from './NewTicketPage';

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
    { index: true, element: <MyTicketsPage /> },
    { path: 'new', element: <NewTicketPage /> },
    { path: ':id', element: <CustomerTicketRoute /> },
    { path: '*', element: <NotFoundPage /> },
  ],
};
