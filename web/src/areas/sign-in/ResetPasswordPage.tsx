import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { resetPassword } from '../../api/auth';
import { TokenPasswordPage, type TokenPasswordWording } from './TokenPasswordPage';

const WORDING: TokenPasswordWording = {
  title: 'Choose a new password',
  footer: (
    <Anchor component={Link} to="/forgot-password">
      Need a new reset link?
    </Anchor>
  ),
  incomplete: 'This reset link is incomplete. Open the link from the email again, or ask for a new one.',
  expired: 'This reset link has expired or was already used. Ask for a new one below.',
  failedTitle: 'Could not change your password',
  submitLabel: 'Change my password',
  notice: 'password-reset',
};

/** /reset-password?token=…: the link from a password reset mail. */
export function ResetPasswordPage() {
  return <TokenPasswordPage send={resetPassword} wording={WORDING} />;
}
