import { describe, expect, it } from 'vitest';
import { conditionProblem, conditionsFromRule, parseJsonObject, parseValue, ruleFromConditions } from './rule-builder';

describe('the rule builder', () => {
  it('shows the default customer rules as conditions and writes them back unchanged', () => {
    const rule = { _and: [{ ticket: { user_created: { _eq: '$CURRENT_USER' } } }, { internal: { _eq: false } }] };
    const conditions = conditionsFromRule(rule);
    expect(conditions).toEqual([
      { field: 'ticket.user_created', operator: '_eq', value: '$CURRENT_USER' },
      { field: 'internal', operator: '_eq', value: 'false' },
    ]);
    expect(ruleFromConditions(conditions ?? [], { internal: 'boolean', ticket: 'integer' })).toEqual(rule);
    expect(conditionsFromRule({ user_created: { _eq: '$CURRENT_USER' } })).toEqual([{ field: 'user_created', operator: '_eq', value: '$CURRENT_USER' }]);
  });

  it('leaves OR, one-to-many and unknown operators to the JSON editor', () => {
    expect(conditionsFromRule({ _or: [{ id: { _eq: '$CURRENT_USER' } }] })).toBeNull();
    expect(conditionsFromRule({ tickets: { _some: { user_created: { _eq: '$CURRENT_USER' } } } })).toBeNull();
    expect(conditionsFromRule({ status: { _eq: 'Open', _neq: 'x' } })).toBeNull();
    expect(conditionsFromRule({ status: { _regex: 'x' } })).toBeNull();
    expect(conditionsFromRule(null)).toEqual([]);
  });

  it('keeps text as text for text fields, and reads numbers and booleans elsewhere', () => {
    expect(parseValue('5', 'string')).toBe('5');
    expect(parseValue('5', 'integer')).toBe(5);
    expect(parseValue('true', 'boolean')).toBe(true);
    expect(parseValue('"5"', 'integer')).toBe('5');
    expect(parseValue('$CURRENT_USER', undefined)).toBe('$CURRENT_USER');
    // Text that would read as a number is shown quoted, so it round-trips.
    const conditions = conditionsFromRule({ code: { _eq: '42' } });
    expect(conditions).toEqual([{ field: 'code', operator: '_eq', value: '"42"' }]);
    expect(ruleFromConditions(conditions ?? [])).toEqual({ code: { _eq: '42' } });
  });

  it('writes lists and value-less operators', () => {
    expect(
      ruleFromConditions(
        [
          { field: 'status', operator: '_in', value: 'Open, In Progress' },
          { field: 'assigned_to', operator: '_null', value: '' },
        ],
        { status: 'string' },
      ),
    ).toEqual({ _and: [{ status: { _in: ['Open', 'In Progress'] } }, { assigned_to: { _null: true } }] });
    expect(conditionsFromRule({ status: { _in: ['Open', 'In Progress'] } })).toEqual([{ field: 'status', operator: '_in', value: 'Open, In Progress' }]);
  });

  it('says what is missing in a condition', () => {
    expect(conditionProblem({ field: '', operator: '_eq', value: 'x' })).toMatch(/field/);
    expect(conditionProblem({ field: 'status', operator: '_eq', value: ' ' })).toMatch(/value/);
    expect(conditionProblem({ field: 'id', operator: '_between', value: '1' })).toMatch(/two values/);
    expect(conditionProblem({ field: 'assigned_to.user', operator: '_eq', value: '$CURRENT_USER' })).toBeNull();
  });

  it('reads JSON objects typed by admins, with a readable problem otherwise', () => {
    expect(parseJsonObject('')).toEqual({ value: null, problem: null });
    expect(parseJsonObject('{"a": 1}')).toEqual({ value: { a: 1 }, problem: null });
    expect(parseJsonObject('[1]').problem).toMatch(/JSON object/);
    expect(parseJsonObject('{a:').problem).toMatch(/not valid JSON/);
  });
});
