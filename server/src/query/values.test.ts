import { describe, expect, it } from 'vitest';
import { isCalendarDay, parseDateTime } from './values.js';

describe('isCalendarDay', () => {
  it('accepts real days, leap days included, from year 1 to 9999', () => {
    for (const day of ['2026-12-03', '2024-02-29', '2000-02-29', '2026-04-30', '2026-01-31', '0001-01-01', '9999-12-31']) {
      expect(isCalendarDay(day), day).toBe(true);
    }
  });

  it('refuses days the month does not have, months and years out of range, and other shapes', () => {
    for (const day of [
      '2026-04-31',
      '2026-02-29',
      '2026-02-30',
      '1900-02-29',
      '2100-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '2026-1-01',
      '2026-01-01T00:00:00Z',
      '',
    ]) {
      expect(isCalendarDay(day), day).toBe(false);
    }
  });
});

describe('parseDateTime', () => {
  it('reads ISO 8601 dates and times with or without an offset', () => {
    expect(parseDateTime('2026-12-24T10:00:00+01:00')?.toISOString()).toBe('2026-12-24T09:00:00.000Z');
    expect(parseDateTime('2026-12-24T10:00:00.5Z')?.toISOString()).toBe('2026-12-24T10:00:00.500Z');
    expect(parseDateTime('2024-02-29T23:59:59Z')?.toISOString()).toBe('2024-02-29T23:59:59.000Z');
    expect(parseDateTime('2026-12-31')?.toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(parseDateTime('2026-12-24 10:00Z')?.toISOString()).toBe('2026-12-24T10:00:00.000Z');
  });

  it('refuses days that do not exist instead of rolling them over, and out-of-range times', () => {
    for (const text of [
      '2026-02-30T10:00:00Z',
      '2026-04-31',
      '2023-02-29T00:00:00Z',
      '2026-12-24T24:00:00Z',
      '2026-12-24T10:60:00Z',
      '2026-12-24T10:00:60Z',
      '2026-12-24T10:00:00+24:00',
      '2026-12-24T10:00:00+01:60',
      'Feb 30 2026',
      '0001-01-01T00:00:00+01:00',
      '+010000-01-01T00:00:00Z',
      'soon',
    ]) {
      expect(parseDateTime(text), text).toBeNull();
    }
  });
});
