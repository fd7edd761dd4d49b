import { Anchor } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { acceptInvite } from '../../api/users';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordForm } from '../../components/NewPasswordForm';
import type { LoginNotice } from '../../components/RequireArea';
import { describeError } from '../../lib/error-messages';

const EXPIRED = 'This invitation link has expired or was already used. Ask your administrator to send a new invitation.';

/** /accept-invite?token=…: the link from an invitation mail; the person chooses a password and can then sign in. */
export function AcceptInvitePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const [error, setError] = useState<string | null>(null);

  async function submit(password: string) {
    setError(null);
    try {
      await acceptInvite({ token: token as string, password });
      navigate('/login', { replace: true, state: { notice: 'invite-accepted' satisfies LoginNotice } });
    } catch (caught) {
      setError(describeError(caught, { INVALID_TOKEN: EXPIRED, FORBIDDEN: EXPIRED }));
    }
  }

  return (
    <AuthLayout
      title="Welcome to Parley"
      intro={token ? 'Choose a password for your new account.' : undefined}
      footer={
        <Anchor component={Link} to="/login">
          Already have an account? Sign in
        </Anchor>
      }
    >
      {!token ? (
        <ErrorAlert title="Incomplete link" message="This invitation link is incomplete. Open the link from your invitation email again, or copy all of it." />
      ) : (
        <>
          {error && <ErrorAlert title="Could not activate your account" message={error} />}
          <NewPasswordForm submitLabel="Activate my account" onSubmit={submit} />
        </>
      )}
    </AuthLayout>
  );
}
