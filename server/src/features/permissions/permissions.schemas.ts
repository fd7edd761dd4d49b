import { Type } from 'typebox';

const Rule = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const CreatePermissionBody = Type.Object(
  {
    role: Type.String({ maxLength: 64 }),
    collection: Type.String({ maxLength: 64 }),
    action: Type.Union([Type.Literal('create'), Type.Literal('read'), Type.Literal('update'), Type.Literal('delete')]),
    permissions: Type.Optional(Rule),
    validation: Type.Optional(Rule),
    presets: Type.Optional(Rule),
    fields: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdatePermissionBody = Type.Partial(CreatePermissionBody, { additionalProperties: false });
export const PermissionParams = Type.Object({ id: Type.String({ maxLength: 32 }) });
