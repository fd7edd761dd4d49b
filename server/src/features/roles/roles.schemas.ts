import { Type } from 'typebox';

export const CreateRoleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    icon: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    admin_access: Type.Optional(Type.Boolean()),
    app_access: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateRoleBody = Type.Partial(CreateRoleBody, { additionalProperties: false });
export const RoleParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
