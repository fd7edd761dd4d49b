import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { acceptInvite } from '../../api/users';
import { TokenPasswordPage, type TokenPasswordWording } from './TokenPasswordPage';

const WORDING: TokenPasswordWording = {
  title: 'Welcome to Parley',
  intro: 'Choose a password for your new account.',
  footer: (
    <Anchor component={Link} to="/login">
      Already have an account? Sign in
    </Anchor>
  ),
  incomplete: 'This invitation link is incomplete. Open the link from your invitation email again, or copy all of it.',
  expired: 'This invitation link has expired or was already used. Ask your administrator to send a new invitation.',
  failedTitle: 'Could not activate your account',
  submitLabel: 'Activate my account',
  notice: 'invite-accepted',
};

/** /accept-invite?token=…: the link from an invitation mail; the person chooses a password and can then sign in. */
export function AcceptInvitePage() {
  return <TokenPasswordPage send={acceptInvite} wording={WORDING} />;
}
