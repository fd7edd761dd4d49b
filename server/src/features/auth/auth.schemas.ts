import { Type } from 'typebox';
import { EmailString } from '../../http/common-schemas.js';

export const AuthMode = Type.Union([Type.Literal('json'), Type.Literal('cookie'), Type.Literal('session')]);

export const LoginBody = Type.Object(
  {
    email: EmailString,
    password: Type.String({ minLength: 1, maxLength: 256 }),
    mode: Type.Optional(AuthMode),
    otp: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refresh_token: Type.Optional(Type.String({ maxLength: 512 })), mode: Type.Optional(AuthMode) },
  { additionalProperties: false },
);

export const LogoutBody = RefreshBody;

export const PasswordRequestBody = Type.Object(
  { email: EmailString, reset_url: Type.Optional(Type.String({ maxLength: 2048 })) },
  { additionalProperties: false },
);

export const PasswordResetBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512 }), password: Type.String({ minLength: 8, maxLength: 256 }) },
  { additionalProperties: false },
);

export const TokensResponse = Type.Object({
  data: Type.Object({
    expires: Type.Number(),
    access_token: Type.Optional(Type.String()),
    refresh_token: Type.Optional(Type.String()),
  }),
});
