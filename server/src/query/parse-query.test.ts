import { describe, expect, it } from 'vitest';
import { parseItemQuery } from './parse-query.js';

const limits = { limitDefault: 100, limitMax: 1000 };

describe('parseItemQuery', () => {
  it('applies defaults', () => {
    expect(parseItemQuery({}, limits)).toEqual({
      fields: ['*'],
      filter: null,
      sort: [],
      limit: 100,
      offset: 0,
      search: null,
      meta: [],
      aggregate: null,
      groupBy: [],
    });
  });

  it('reads lists in every form, pages and meta', () => {
    const query = parseItemQuery(
      { fields: 'id, status', sort: ['-date_created', 'id'], limit: '25', page: '3', meta: '*', groupBy: ['status,issue_type'] },
      limits,
    );
    expect(query).toMatchObject({
      fields: ['id', 'status'],
      sort: ['-date_created', 'id'],
      limit: 25,
      offset: 50,
      meta: ['total_count', 'filter_count'],
      groupBy: ['status', 'issue_type'],
    });
  });

  it('caps limits: -1 and anything above the maximum mean the maximum', () => {
    expect(parseItemQuery({ limit: '-1' }, limits).limit).toBe(1000);
    expect(parseItemQuery({ limit: '5000' }, limits).limit).toBe(1000);
  });

  it('answers malformed parameters with INVALID_QUERY and Directus-like reasons', () => {
    expect(() => parseItemQuery({ limit: '-5' }, limits)).toThrowError('"limit" must be greater than or equal to -1');
    expect(() => parseItemQuery({ limit: 'abc' }, limits)).toThrowError('"limit" must be a number');
    expect(() => parseItemQuery({ filter: '{"status":' }, limits)).toThrowError('Invalid JSON for filter object');
    expect(() => parseItemQuery({ meta: 'bogus' }, limits)).toThrowError('"meta[0]" must be one of [total_count, filter_count]');
    expect(() => parseItemQuery({ aggregate: { median: 'id' } }, limits)).toThrowError('Unknown aggregate function');
    expect(() => parseItemQuery({ filter: 'x'.repeat(70_000) }, limits)).toThrowError('larger than 64 KB');
  });

  it('reads aggregates in bracket form', () => {
    expect(parseItemQuery({ aggregate: { count: '*', max: 'id,date_created' } }, limits).aggregate).toEqual({ count: ['*'], max: ['id', 'date_created'] });
  });
});
