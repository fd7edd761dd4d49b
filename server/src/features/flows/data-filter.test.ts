import { describe, expect, it } from 'vitest';
import { matchesRule, RuleError } from './data-filter.js';

const chain = {
  $trigger: { payload: { ticket: 4, message: 'Please REFUND me', internal: false, tags: ['vip'] } },
  $accountability: { user: 'u1' },
  read_ticket: { user_created: 'u2', status: 'Open', priority: 3 },
};

describe('condition rules over the data chain', () => {
  it('walks nested keys and compares', () => {
    expect(matchesRule(chain, { $trigger: { payload: { internal: { _eq: false } } } })).toBe(true);
    expect(matchesRule(chain, { $trigger: { payload: { internal: { _neq: false } } } })).toBe(false);
    expect(matchesRule(chain, { read_ticket: { user_created: { _neq: 'u1' } } })).toBe(true);
    expect(matchesRule(chain, { read_ticket: { priority: { _gte: '3' } } })).toBe(true);
    expect(matchesRule(chain, { read_ticket: { status: { _in: ['Open', 'In Progress'] } } })).toBe(true);
  });

  it('matches text and lists', () => {
    expect(matchesRule(chain, { $trigger: { payload: { message: { _icontains: 'refund' } } } })).toBe(true);
    expect(matchesRule(chain, { $trigger: { payload: { message: { _contains: 'refund' } } } })).toBe(false);
    expect(matchesRule(chain, { $trigger: { payload: { tags: { _contains: 'vip' } } } })).toBe(true);
  });

  it('combines with _and / _or and treats missing values as null', () => {
    expect(matchesRule(chain, { _or: [{ read_ticket: { status: { _eq: 'Resolved' } } }, { missing: { _null: true } }] })).toBe(true);
    expect(matchesRule(chain, { _and: [{ read_ticket: { status: { _eq: 'Open' } } }, { missing: { deeper: { _nnull: true } } }] })).toBe(false);
  });

  it('reports malformed rules', () => {
    expect(() => matchesRule(chain, { a: { _bogus: 1 } })).toThrow(RuleError);
    expect(() => matchesRule(chain, 'nope')).toThrow(RuleError);
  });
});
