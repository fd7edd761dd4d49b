import { Type } from 'typebox';

const Options = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const OperationFields = {
  name: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
  key: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }),
  type: Type.String({ minLength: 1, maxLength: 32 }),
  position_x: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })),
  position_y: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })),
  options: Type.Optional(Options),
  resolve: Type.Optional(Type.Union([Id, Type.Null()])),
  reject: Type.Optional(Type.Union([Id, Type.Null()])),
};

export const CreateOperationBody = Type.Object({ id: Type.Optional(Id), flow: Id, ...OperationFields }, { additionalProperties: false });
export const UpdateOperationBody = Type.Partial(Type.Object({ flow: Id, ...OperationFields }), { additionalProperties: false });

/** A nested operation in POST /flows: resolve/reject may name sibling operations by key. */
export const NestedOperation = Type.Object({ id: Type.Optional(Id), ...OperationFields }, { additionalProperties: false });

const FlowFields = {
  name: Type.String({ minLength: 1, maxLength: 255 }),
  icon: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  color: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
  trigger: Type.Union([Type.Literal('event'), Type.Literal('schedule'), Type.Literal('webhook'), Type.Literal('manual')]),
  accountability: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('activity'), Type.Null()])),
  options: Type.Optional(Options),
  operation: Type.Optional(Type.Union([Id, Type.Null()])),
  /** A Standard Webhooks secret ("whsec_…"), "generate" for a new one, or null for unsigned requests. */
  signing_secret: Type.Optional(Type.Union([Type.String({ minLength: 8, maxLength: 200 }), Type.Null()])),
};

export const CreateFlowBody = Type.Object(
  { id: Type.Optional(Id), ...FlowFields, operations: Type.Optional(Type.Array(NestedOperation, { maxItems: 50 })) },
  { additionalProperties: false },
);
export const UpdateFlowBody = Type.Partial(Type.Object(FlowFields), { additionalProperties: false });

export const IdParams = Type.Object({ id: Id });
export const TestRunBody = Type.Object(
  {
    payload: Type.Optional(Type.Unknown()),
    collection: Type.Optional(Type.String({ maxLength: 64 })),
    keys: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]), { maxItems: 1000 })),
    /** A whole $trigger to test with (a webhook's {body, query}, a schedule's {timestamp}); replaces the event shape. */
    trigger: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
