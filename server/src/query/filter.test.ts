import { describe, expect, it } from 'vitest';
import { buildSchema } from '../schema/schema-registry.js';
import type { CollectionInfo, FieldInfo } from '../schema/types.js';
import { compileFilter, createAliasSequence } from './compile-filter.js';
import { normalizeFilter } from './filter.js';
import { compileFragment } from './sql-fragment.js';

const schema = buildSchema([], 1);
const tickets = schema.collection('support_ticket') as CollectionInfo;

function compile(rule: unknown, dialect: 'sqlite' | 'postgres' = 'sqlite') {
  const node = normalizeFilter(rule, tickets, { schema });
  const expression = compileFilter(node, 't0', {
    dialect,
    dynamic: { user: 'user-1', role: 'role-1', now: new Date('2026-12-03T12:00:00Z') },
    nextAlias: createAliasSequence(),
  });
  return compileFragment(expression, dialect);
}

describe('normalizeFilter', () => {
  it('checks fields, operators and value types', () => {
    expect(() => normalizeFilter({ nope: { _eq: 1 } }, tickets, { schema })).toThrowError('Field "nope" does not exist');
    expect(() => normalizeFilter({ status: { _bogus: 1 } }, tickets, { schema })).toThrowError('Unknown filter operator "_bogus"');
    expect(() => normalizeFilter({ status: { eq: 1 } }, tickets, { schema })).toThrowError('is not relational');
    expect(() => normalizeFilter({ id: { _eq: 'abc' } }, tickets, { schema })).toThrowError('is not an integer');
    expect(() => normalizeFilter({ id: { _contains: '1' } }, tickets, { schema })).toThrowError('cannot be used on integer');
    expect(() => normalizeFilter({ date_created: { _gt: 'soon' } }, tickets, { schema })).toThrowError('is not a date and time');
    expect(() => normalizeFilter({ id: { _eq: '$NOW' } }, tickets, { schema })).toThrowError('cannot be compared');
    expect(() => normalizeFilter({ status: { _between: ['a'] } }, tickets, { schema })).toThrowError('exactly two values');
    expect(() => normalizeFilter({ messages: { _eq: 1 } }, tickets, { schema })).toThrowError('takes "_some" or "_none"');
  });

  it('refuses dates and times that are not on the calendar, as INVALID_QUERY', () => {
    const due = { ...(tickets.fields.get('date_created') as FieldInfo), field: 'due', type: 'date' as const };
    const dated: CollectionInfo = { ...tickets, fields: new Map([...tickets.fields, ['due', due]]) };
    for (const rule of [{ due: { _eq: '2026-02-30' } }, { due: { _in: ['2026-04-30', '2026-04-31'] } }, { date_created: { _gte: '2026-02-30T10:00:00Z' } }]) {
      expect(() => normalizeFilter(rule, dated, { schema }), JSON.stringify(rule)).toThrowError(expect.objectContaining({ code: 'INVALID_QUERY' }));
    }
    expect(normalizeFilter({ due: { _between: ['2024-02-29', '2026-04-30'] } }, dated, { schema })).toMatchObject({ value: ['2024-02-29', '2026-04-30'] });
    expect(normalizeFilter({ date_created: { _lt: '2024-02-29T10:00:00+01:00' } }, dated, { schema })).toMatchObject({ value: '2024-02-29T09:00:00.000Z' });
  });

  it('limits depth and size', () => {
    let deep: unknown = { status: { _eq: 'Open' } };
    for (let i = 0; i < 30; i++) deep = { _and: [deep] };
    expect(() => normalizeFilter(deep, tickets, { schema })).toThrowError('nested deeper');
    const wide = { _or: Array.from({ length: 600 }, (_, i) => ({ id: { _eq: i } })) };
    expect(() => normalizeFilter(wide, tickets, { schema })).toThrowError('more than 500 conditions');
    const lists = { _or: Array.from({ length: 11 }, (_, i) => ({ id: { _in: Array.from({ length: 1000 }, (_, k) => i * 1000 + k) } })) };
    expect(() => normalizeFilter(lists, tickets, { schema })).toThrowError('more than 10000 values');
    expect(normalizeFilter({ _or: lists._or.slice(0, 10) }, tickets, { schema })).toMatchObject({ kind: 'or' });
  });

  it('accepts the bracket form (numeric-key objects for lists, comma strings for _in)', () => {
    const node = normalizeFilter({ _or: { 0: { status: { _in: 'Open,Resolved' } }, 1: { id: { _eq: '7' } } } }, tickets, { schema });
    expect(node).toMatchObject({
      kind: 'or',
      children: [
        { kind: 'condition', operator: '_in', value: ['Open', 'Resolved'] },
        { kind: 'condition', value: 7 },
      ],
    });
  });

  it('lets a guard refuse fields (the permission engine’s 403 hook)', () => {
    const guard = (_c: CollectionInfo, field: { field: string }) => {
      if (field.field === 'user_updated') throw new Error('forbidden');
    };
    expect(() => normalizeFilter({ user_updated: { _null: true } }, tickets, { schema, guard })).toThrowError('forbidden');
  });
});

describe('compileFilter', () => {
  it('binds every value as a parameter, never as SQL text', () => {
    const evil = "x' or 1=1 --";
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const { sql, parameters } = compile(
        { _or: [{ customer_name: { _eq: evil } }, { message: { _icontains: evil } }, { status: { _in: [evil, 'Open'] } }] },
        dialect,
      );
      expect(sql).not.toContain('1=1');
      expect(parameters).toEqual(dialect === 'sqlite' ? [evil, evil, 1, evil, 'Open'] : [evil, "%x' or 1=1 --%", evil, 'Open']);
    }
  });

  it('matches case-insensitively with ILIKE (wildcards escaped) on PostgreSQL and a folding function on SQLite', () => {
    expect(compile({ message: { _icontains: '50%_off' } }, 'postgres')).toMatchObject({
      sql: '"t0"."message" ilike $1 escape \'\\\'',
      parameters: ['%50\\%\\_off%'],
    });
    expect(compile({ message: { _icontains: '50%_off' } }, 'sqlite')).toMatchObject({
      sql: 'parley_icontains("t0"."message", ?) = ?',
      parameters: ['50%_off', 1],
    });
  });

  it('resolves dynamic values against the caller and the clock', () => {
    expect(compile({ user_created: { _eq: '$CURRENT_USER' }, date_created: { _gte: '$NOW(-7 days)' } }).parameters).toEqual([
      'user-1',
      '2026-11-26T12:00:00.000Z',
    ]);
  });

  it('compiles relations to subqueries: m2o as IN, o2m as EXISTS', () => {
    const m2o = compile({ assigned_to: { user: { _eq: '$CURRENT_USER' } } }).sql;
    expect(m2o).toBe('"t0"."assigned_to" in (select "f1"."id" from "agents" as "f1" where "f1"."user" = ?)');
    const none = compile({ messages: { _none: { internal: { _eq: true } } } }).sql;
    expect(none).toBe('not exists (select 1 from "ticket_message" as "f1" where "f1"."ticket" = "t0"."id" and "f1"."internal" = ?)');
  });

  it('turns empty lists and null comparisons into plain truths', () => {
    expect(compile({ status: { _in: [] } }).sql).toBe('1 = 0');
    expect(compile({ status: { _nin: [] } }).sql).toBe('1 = 1');
    expect(compile({ resolution: { _eq: null } }).sql).toBe('"t0"."resolution" is null');
    expect(compile({ resolution: { _empty: true } }).sql).toBe('("t0"."resolution" is null or "t0"."resolution" = \'\')');
  });
});
