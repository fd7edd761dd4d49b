import { describe, expect, it } from 'vitest';
import { activityFilter } from './activity';
import { ticketFilter } from './tickets';

describe('the admin list filters', () => {
  it('filter tickets by status, issue type, agent or no agent, joined with AND', () => {
    expect(ticketFilter({})).toEqual({});
    expect(ticketFilter({ agent: 'unassigned' })).toEqual({ assigned_to: { _null: true } });
    expect(ticketFilter({ status: 'Open', issueType: 'Billing', agent: 'a1' })).toEqual({
      _and: [{ status: { _eq: 'Open' } }, { issue_type: { _eq: 'Billing' } }, { assigned_to: { _eq: 'a1' } }],
    });
  });

  it('filter activity by collection, action, the person’s email and a time range', () => {
    expect(activityFilter({})).toBeUndefined();
    expect(activityFilter({ user: '  admin ' })).toEqual({ user: { email: { _icontains: 'admin' } } });
    expect(activityFilter({ collection: 'agents', from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' })).toEqual({
      _and: [{ collection: { _eq: 'agents' } }, { timestamp: { _gte: '2026-12-01T00:00:00.000Z' } }, { timestamp: { _lte: '2026-12-02T00:00:00.000Z' } }],
    });
  });
});
