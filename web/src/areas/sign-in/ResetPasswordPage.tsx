import { Anchor } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { resetPassword } from '../../api/auth';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordForm } from '../../components/NewPasswordForm';
import type { LoginNotice } from '../../components/RequireArea';
import { describeError } from '../../lib/error-messages';

const EXPIRED = 'This reset link has expired or was already used. Ask for a new one below.';

/** /reset-password?token=…: the link from a password reset mail. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const [error, setError] = useState<string | null>(null);

  async function submit(password: string) {
    setError(null);
    try {
      await resetPassword({ token: token as string, password });
      navigate('/login', { replace: true, state: { notice: 'password-reset' satisfies LoginNotice } });
    } catch (caught) {
      setError(describeError(caught, { INVALID_TOKEN: EXPIRED, FORBIDDEN: EXPIRED }));
    }
  }

  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <Anchor component={Link} to="/forgot-password">
          Need a new reset link?
        </Anchor>
      }
    >
      {!token ? (
        <ErrorAlert title="Incomplete link" message="This reset link is incomplete. Open the link from the email again, or ask for a new one." />
      ) : (
        <>
          {error && <ErrorAlert title="Could not change your password" message={error} />}
          <NewPasswordForm submitLabel="Change my password" onSubmit={submit} />
        </>
      )}
    </AuthLayout>
  );
}
