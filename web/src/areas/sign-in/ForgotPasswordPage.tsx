import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { requestPasswordReset } from '../../api/auth';
import { isApiError } from '../../api/client';
import { AuthLayout } from '../../components/AuthLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../lib/error-messages';
import { isEmailLike } from '../../lib/validation';

/** /forgot-password: mails a reset link. Says the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '' },
    validate: { email: (value) => (isEmailLike(value) ? null : 'Enter your email address, like name@example.com.') },
  });

  async function submit({ email }: { email: string }) {
    setError(null);
    const address = email.trim();
    try {
      await requestResetLink(address);
      setSentTo(address);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <AuthLayout
      title="Forgot your password?"
      intro={sentTo ? undefined : 'Enter the email address of your account and we will mail you a link to choose a new password.'}
      footer={
        <Anchor component={Link} to="/login">
          Back to sign in
        </Anchor>
      }
    >
      {sentTo ? (
        <Alert color="green" variant="light" icon={<IconMailForward aria-hidden="true" />} title="Check your email" role="status">
          If an account exists for {sentTo}, a mail with a reset link is on its way.
        </Alert>
      ) : (
        <>
          {error && <ErrorAlert title="Could not send the link" message={error} />}
          <form noValidate onSubmit={form.onSubmit(submit)}>
            <Stack gap="md">
              <TextInput label="Email" type="email" autoComplete="email" inputMode="email" required autoFocus {...form.getInputProps('email')} />
              <Button type="submit" loading={form.submitting} fullWidth>
                Send reset link
              </Button>
            </Stack>
          </form>
        </>
      )}
    </AuthLayout>
  );
}

/**
 * The link should lead back to this web app's origin. The server only mails links to PUBLIC_URL (or an allow-listed
 * base); when Parley is reached under another name, it refuses ours, and the link then points at PUBLIC_URL.
 */
async function requestResetLink(email: string): Promise<void> {
  try {
    await requestPasswordReset({ email, reset_url: `${window.location.origin}/reset-password` });
  } catch (error) {
    if (!(isApiError(error) && error.code === 'INVALID_PAYLOAD')) throw error;
    await requestPasswordReset({ email });
  }
}
