import { Type } from 'typebox';
import { EmailString } from '../../http/common-schemas.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.js';

const Email = EmailString;
const Name = Type.Union([Type.String({ maxLength: 255 }), Type.Null()]);
const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });
export const UserStatus = Type.Union([Type.Literal('active'), Type.Literal('invited'), Type.Literal('suspended')]);

export const CreateUserBody = Type.Object(
  {
    email: Email,
    password: Type.Optional(Password),
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
    role: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    status: Type.Optional(UserStatus),
    email_notifications: Type.Optional(Type.Boolean()),
    token: Type.Optional(Type.Union([Type.String({ minLength: 16, maxLength: 256 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Partial(CreateUserBody, { additionalProperties: false });

export const UpdateMeBody = Type.Object(
  {
    first_name: Type.Optional(Name),
    last_name: Type.Optional(Name),
    email_notifications: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
    current_password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX_LENGTH })),
  },
  { additionalProperties: false },
);

export const InviteBody = Type.Object(
  {
    email: Type.Union([Email, Type.Array(Email, { minItems: 1, maxItems: 100 })]),
    role: Type.String({ maxLength: 64 }),
    invite_url: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

export const AcceptInviteBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }), password: Password }, { additionalProperties: false });

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
