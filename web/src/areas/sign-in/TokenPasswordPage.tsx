import { type ReactNode, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordForm } from '../../components/NewPasswordForm';
import type { LoginNotice } from '../../components/RequireArea';
import { describeError } from '../../lib/error-messages';

/** What differs between the pages that open a mailed link with ?token=… and choose a password. */
export interface TokenPasswordWording {
  title: string;
  intro?: string;
  footer: ReactNode;
  /** The link has no token (copied in part). */
  incomplete: string;
  /** The token was refused: expired or used. */
  expired: string;
  failedTitle: string;
  submitLabel: string;
  /** What the sign-in page says after success. */
  notice: LoginNotice;
}

/** A mailed link's page: choose a password, send it with the link's token, then sign in. */
export function TokenPasswordPage({ send, wording }: { send(input: { token: string; password: string }): Promise<unknown>; wording: TokenPasswordWording }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const [error, setError] = useState<string | null>(null);

  async function submit(password: string) {
    setError(null);
    try {
      await send({ token: token as string, password });
      navigate('/login', { replace: true, state: { notice: wording.notice } });
    } catch (caught) {
      setError(describeError(caught, { INVALID_TOKEN: wording.expired, FORBIDDEN: wording.expired }));
    }
  }

  return (
    <AuthLayout title={wording.title} intro={token ? wording.intro : undefined} footer={wording.footer}>
      {!token ? (
        <ErrorAlert title="Incomplete link" message={wording.incomplete} />
      ) : (
        <>
          {error && <ErrorAlert title={wording.failedTitle} message={error} />}
          <NewPasswordForm submitLabel={wording.submitLabel} onSubmit={submit} />
        </>
      )}
    </AuthLayout>
  );
}
