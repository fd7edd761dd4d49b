import type { FieldInfo } from '../schema/types.js';

/** Stored value → API value: booleans from SQLite's 0/1, JSON documents parsed, everything else as stored. */
export function toOutputValue(field: FieldInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'boolean':
      return value === true || value === 1 || value === '1';
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    default:
      return value;
  }
}

/**
 * Dates are checked here, not by `new Date()` alone: JavaScript rolls 2026-02-30 over to March 2nd, SQLite stores
 * any text, and PostgreSQL refuses the value, so the same request would behave three ways. Only ISO 8601 calendar
 * dates (years 1–9999) and times with every component in range are accepted, identically on both databases.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):?(\d{2}))?)?$/;

/** A real calendar day written as YYYY-MM-DD, between 0001-01-01 and 9999-12-31. */
export function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  return match !== null && isValidDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An ISO 8601 date or date and time (2026-12-03, 2026-12-03T16:49:01.5+01:00) as an instant, or null when it is not
 * one: malformed, a day the month does not have, a time component out of range, or outside the years 1–9999 in UTC.
 */
export function parseDateTime(value: string): Date | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHour = '0', offsetMinute = '0'] = match;
  if (!isValidDay(Number(year), Number(month), Number(day))) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  if (Number(offsetHour) > 23 || Number(offsetMinute) > 59) return null;
  const date = new Date(value);
  return isStorableDate(date) ? date : null;
}

/** Timestamps are stored as ISO strings; outside years 1–9999 those stop sorting (and parsing) correctly. */
export function isStorableDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}

function isValidDay(year: number, month: number, day: number): boolean {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
