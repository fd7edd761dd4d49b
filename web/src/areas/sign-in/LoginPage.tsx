import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FullPageLoader } from '../../components/FullPageLoader';
import type { LoginNotice } from '../../components/RequireArea';
import { useSession } from '../../hooks/use-session';
import { AREA_HOME, safeNextPath } from '../../lib/area';
import { loginErrorMessage } from '../../lib/sign-in-messages';
import { isEmailLike } from '../../lib/validation';

const NOTICES: Record<LoginNotice, string> = {
  'signed-out': 'You have signed out.',
  expired: 'Your session has ended. Sign in again to continue.',
  'invite-accepted': 'Your account is ready. Sign in with your email address and the password you chose.',
  'password-reset': 'Your password has been changed. Sign in with the new one.',
};

export function LoginPage() {
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (isEmailLike(value) ? null : 'Enter your email address, like name@example.com.'),
      password: (value) => (value.length > 0 ? null : 'Enter your password.'),
    },
  });

  if (state.status === 'loading') return <FullPageLoader />;
  if (state.status === 'signed-in') return <Navigate to={safeNextPath(params.get('next')) ?? AREA_HOME[state.area]} replace />;

  const notice = (location.state as { notice?: LoginNotice } | null)?.notice;

  async function submit(values: { email: string; password: string }) {
    setError(null);
    try {
      // Success re-renders this page signed in, which redirects.
      await signIn(values.email.trim(), values.password);
    } catch (caught) {
      setError(loginErrorMessage(caught));
    }
  }

  return (
    <AuthLayout title="Sign in to Parley" footer={<>Invited by email? Open the link in the invitation to set your password.</>}>
      {notice && !error && (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden="true" />} role="status">
          {NOTICES[notice]}
        </Alert>
      )}
      {error && <ErrorAlert title="Could not sign in" message={error} />}
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack gap="md">
          <TextInput label="Email" type="email" autoComplete="username" inputMode="email" required autoFocus {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Group justify="flex-end">
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
