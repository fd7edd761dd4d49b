import { createBrowserRouter } from 'react-router';
import { adminRoutes } from './areas/admin/admin.routes';
import { agentRoutes } from './areas/agent/agent.routes';
import { customerRoutes } from './areas/customer/customer.routes';
import { AcceptInvitePage } from './areas/sign-in/AcceptInvitePage';
import { ForgotPasswordPage } from './areas/sign-in/ForgotPasswordPage';
import { LoginPage } from './areas/sign-in/LoginPage';
import { ResetPasswordPage } from './areas/sign-in/ResetPasswordPage';
import { NotFoundPage } from './components/NotFoundPage';
import { HomeRedirect } from './components/RequireArea';
import { RouteErrorPage } from './components/RouteErrorPage';

/**
 * Every page of the web app. Paths never start with an API path (common/src/api-paths.ts): the server answers
 * those itself, and serves this app for everything else.
 */
export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/login', element: <LoginPage /> },
      { path: '/accept-invite', element: <AcceptInvitePage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      customerRoutes,
      agentRoutes,
      adminRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
