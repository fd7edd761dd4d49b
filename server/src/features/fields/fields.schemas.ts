import { Type } from 'typebox';

const Meta = Type.Object(
  {
    interface: Type.Optional(Type.String({ maxLength: 64 })),
    options: Type.Optional(Type.Union([Type.Object({ choices: Type.Optional(Type.Unknown()) }, { additionalProperties: true }), Type.Null()])),
    required: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    hidden: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: true },
);

const SchemaPart = Type.Object(
  {
    default_value: Type.Optional(Type.Unknown()),
    max_length: Type.Optional(Type.Integer()),
    is_indexed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);

export const CreateFieldBody = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 64 }),
    type: Type.String({ maxLength: 32 }),
    meta: Type.Optional(Type.Union([Meta, Type.Null()])),
    schema: Type.Optional(Type.Union([SchemaPart, Type.Null()])),
  },
  { additionalProperties: false },
);

export const UpdateFieldBody = Type.Object(
  {
    field: Type.Optional(Type.String({ maxLength: 64 })),
    type: Type.Optional(Type.String({ maxLength: 32 })),
    meta: Type.Optional(Type.Union([Meta, Type.Null()])),
    schema: Type.Optional(Type.Union([SchemaPart, Type.Null()])),
  },
  { additionalProperties: false },
);

export const CollectionParams = Type.Object({ collection: Type.String({ maxLength: 64 }) });
export const FieldParams = Type.Object({ collection: Type.String({ maxLength: 64 }), field: Type.String({ maxLength: 64 }) });
