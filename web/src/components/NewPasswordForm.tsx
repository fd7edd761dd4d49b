import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../common/src/auth';

/** Choose a password, twice. Shared by "accept invitation" and "reset password". */
export function NewPasswordForm({ submitLabel, onSubmit }: { submitLabel: string; onSubmit(password: string): Promise<void> }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (value) =>
        value.length < PASSWORD_MIN_LENGTH
          ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
          : value.length > PASSWORD_MAX_LENGTH
            ? `Use at most ${PASSWORD_MAX_LENGTH} characters.`
            : null,
      repeat: (value, values) => (value !== values.password ? 'The two passwords are not the same.' : null),
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => onSubmit(values.password))}>
      <Stack gap="md">
        <PasswordInput
          label="New password"
          description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordInput label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('repeat')} />
        <Button type="submit" loading={form.submitting} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
