import { describe, expect, it } from 'vitest';
import { changedValues, toInputValue, toStoredValue } from './field-values';
import { fieldMeta } from './test-factories';

describe('field values between forms and the API', () => {
  const text = fieldMeta('order_number');
  const count = fieldMeta('count', { type: 'integer' });
  const flag = fieldMeta('vip', { type: 'boolean' });
  const when = fieldMeta('follow_up', { type: 'datetime' });

  it('leaves empty inputs out when creating and clears them when updating', () => {
    expect(toStoredValue(text, '  ', 'create')).toBeUndefined();
    expect(toStoredValue(text, '', 'update')).toBeNull();
    expect(toStoredValue(text, 'A-1', 'create')).toBe('A-1');
  });

  it('sends numbers as numbers, and text that is no number as typed (the server then explains)', () => {
    expect(toStoredValue(count, '42', 'create')).toBe(42);
    expect(toStoredValue(count, 'lots', 'create')).toBe('lots');
  });

  it('keeps yes/no as booleans and date-times as ISO instants', () => {
    expect(toInputValue(flag, null)).toBe(false);
    expect(toStoredValue(flag, true, 'create')).toBe(true);
    const local = toInputValue(when, '2026-12-03T17:42:00.000Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(toStoredValue(when, local, 'update')).toBe('2026-12-03T17:42:00.000Z');
  });

  it('sends only what changed', () => {
    expect(changedValues([text, count, flag], { order_number: 'A-1', count: '2', vip: false }, { order_number: 'A-1', count: '', vip: true })).toEqual({
      count: null,
      vip: true,
    });
  });
});
