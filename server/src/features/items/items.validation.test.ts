import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { buildSchema } from '../../schema/schema-registry.js';
import type { CollectionInfo, FieldInfo } from '../../schema/types.js';
import { validatePayload } from './items.validation.js';

const tickets = buildSchema([], 1).collection('support_ticket') as CollectionInfo;
const everything = new Set(tickets.fields.keys());

function errorsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const appError = error as AppError;
    return [appError, ...appError.siblings].map((item): Record<string, unknown> => ({ code: item.code, ...item.extensions }));
  }
  throw new Error('expected an error');
}

describe('validatePayload', () => {
  it('applies defaults and presets under the payload on create', () => {
    const values = validatePayload(
      tickets,
      { customer_email: 'a@b.co', issue_type: 'Billing', message: 'hi' },
      { mode: 'create', allowedFields: everything, presets: { resolution: 'n/a' } },
    );
    expect(values).toEqual({ customer_email: 'a@b.co', issue_type: 'Billing', message: 'hi', status: 'Open', resolution: 'n/a' });
  });

  it('reports unknown and server-managed fields before anything else', () => {
    expect(errorsOf(() => validatePayload(tickets, { nope: 1, date_created: 'x' }, { mode: 'create', allowedFields: everything }))).toEqual([
      { code: 'FAILED_VALIDATION', field: 'nope', path: [], type: 'unknown' },
      { code: 'FAILED_VALIDATION', field: 'date_created', path: [], type: 'readonly' },
    ]);
  });

  it('refuses fields outside the caller’s list with FORBIDDEN', () => {
    const run = () => validatePayload(tickets, { status: 'Resolved' }, { mode: 'update', allowedFields: new Set(['message']) });
    expect(run).toThrowError(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('checks required, types, lengths, choices and email', () => {
    const errors = errorsOf(() =>
      validatePayload(
        tickets,
        { customer_email: 'nope', issue_type: 'Refund', message: '   ', assigned_to: 'not-a-uuid', customer_name: 'x'.repeat(256) },
        { mode: 'create', allowedFields: everything },
      ),
    );
    expect(errors.map((error) => [error.field, error.type])).toEqual([
      ['customer_name', 'max_length'],
      ['customer_email', 'email'],
      ['issue_type', 'choices'],
      ['message', 'required'],
      ['assigned_to', 'type'],
    ]);
  });

  it('does not ask for required fields on update, but refuses to clear them', () => {
    expect(validatePayload(tickets, { status: 'Resolved' }, { mode: 'update', allowedFields: everything })).toEqual({ status: 'Resolved' });
    expect(errorsOf(() => validatePayload(tickets, { customer_email: null }, { mode: 'update', allowedFields: everything }))[0]).toMatchObject({
      type: 'nnull',
    });
  });

  it('refuses values the databases cannot store faithfully: NUL characters, dates outside years 1–9999, integers beyond 32 bits', () => {
    const due = { ...(tickets.fields.get('date_created') as FieldInfo), field: 'due', special: null, readonly: false };
    const dated: CollectionInfo = { ...tickets, fields: new Map([...tickets.fields, ['due', due]]) };
    expect(errorsOf(() => validatePayload(dated, { due: '+010000-01-01T00:00:00Z' }, { mode: 'update', allowedFields: new Set(['due']) }))[0]).toMatchObject({
      field: 'due',
      type: 'type',
    });
    expect(validatePayload(dated, { due: '2026-12-24T10:00:00+01:00' }, { mode: 'update', allowedFields: new Set(['due']) })).toEqual({
      due: '2026-12-24T09:00:00.000Z',
    });
    expect(errorsOf(() => validatePayload(tickets, { message: 'a\u0000b' }, { mode: 'update', allowedFields: everything }))[0]).toMatchObject({
      field: 'message',
      type: 'type',
    });
  });

  it('refuses calendar dates that do not exist instead of storing or rolling them over, and keeps leap days', () => {
    const base = tickets.fields.get('date_created') as FieldInfo;
    const day: FieldInfo = { ...base, field: 'day', type: 'date', special: null, readonly: false };
    const moment: FieldInfo = { ...base, field: 'moment', special: null, readonly: false };
    const dated: CollectionInfo = { ...tickets, fields: new Map([...tickets.fields, ['day', day], ['moment', moment]]) };
    const update = (payload: Record<string, unknown>) => validatePayload(dated, payload, { mode: 'update', allowedFields: new Set(['day', 'moment']) });
    expect(errorsOf(() => update({ day: '2026-04-31', moment: '2026-02-30T10:00:00Z' }))).toEqual([
      { code: 'FAILED_VALIDATION', field: 'day', path: [], type: 'type' },
      { code: 'FAILED_VALIDATION', field: 'moment', path: [], type: 'type' },
    ]);
    for (const moment of ['2026-12-24T24:00:00Z', '2026-12-24T10:61:00Z', 'Feb 30 2026']) {
      expect(errorsOf(() => update({ moment }))[0], moment).toMatchObject({ field: 'moment', type: 'type' });
    }
    expect(update({ day: '2024-02-29', moment: '2024-02-29T10:00:00Z' })).toEqual({ day: '2024-02-29', moment: '2024-02-29T10:00:00.000Z' });
  });

  it('refuses email addresses that could name several mailboxes or carry a display name', () => {
    const emailOf = (customer_email: string) => validatePayload(tickets, { customer_email }, { mode: 'update', allowedFields: everything });
    for (const email of [
      'a,b@x.com',
      'a;b@x.com',
      'a b@x.com',
      '<a@x.com>',
      'Ann <a@x.com>',
      '"a"@x.com',
      'a(b)@x.com',
      'a[b]@x.com',
      'a\\b@x.com',
      'a\u0007@x.com',
      'a@b@x.com',
      '@x.com',
      'a@x',
      'a@x..com',
      'a@x.com.',
    ]) {
      expect(errorsOf(() => emailOf(email))[0], email).toMatchObject({ field: 'customer_email', type: 'email' });
    }
    for (const email of ['a@b.co', "o'brien+tag@mail.example.org"]) expect(emailOf(email), email).toEqual({ customer_email: email });
  });

  it('refuses non-objects', () => {
    expect(() => validatePayload(tickets, ['x'], { mode: 'create', allowedFields: everything })).toThrowError(AppError);
  });
});
