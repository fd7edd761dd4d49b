import type { FieldMeta } from '../../../common/src/helpdesk';

/** Field metadata as GET /fields returns it, for unit tests of the pieces built from it. Only tests import this. */
export function fieldMeta(
  field: string,
  overrides: { type?: string; meta?: Partial<FieldMeta['meta']>; schema?: Partial<NonNullable<FieldMeta['schema']>> } = {},
): FieldMeta {
  return {
    collection: 'support_ticket',
    field,
    type: overrides.type ?? 'string',
    schema: { default_value: null, max_length: 255, is_nullable: true, is_primary_key: false, ...overrides.schema },
    meta: {
      interface: 'input',
      options: null,
      readonly: false,
      hidden: false,
      sort: 1,
      note: null,
      required: false,
      special: null,
      custom: false,
      builtin: true,
      related_collection: null,
      ...overrides.meta,
    },
  };
}
