import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fieldErrorsFrom } from './field-errors';
import { fieldMeta } from './test-factories';

const failed = (...errors: Array<{ field?: string; type: string }>) =>
  new ApiError({
    code: 'FAILED_VALIDATION',
    status: 400,
    message: 'Validation failed for field "x". {raw}',
    extensions: { code: 'FAILED_VALIDATION', field: errors[0]?.field, type: errors[0]?.type },
    all: errors.map(({ field, type }) => ({ code: 'FAILED_VALIDATION', message: `Validation failed for field "${field}".`, extensions: { field, type } })),
  });

describe('validation errors under their inputs', () => {
  const fields = [fieldMeta('customer_email'), fieldMeta('message', { type: 'text' }), fieldMeta('order_number', { schema: { max_length: 40 } })];
  const onForm = new Set(['customer_email', 'message', 'order_number', 'count']);

  it('puts one readable sentence under each field the server named', () => {
    const errors = fieldErrorsFrom(
      failed({ field: 'customer_email', type: 'email' }, { field: 'message', type: 'required' }, { field: 'order_number', type: 'max_length' }),
      fields,
      onForm,
    );
    expect(errors).toEqual({
      byField: {
        customer_email: 'Enter a valid email address, like name@example.com.',
        message: 'This is required.',
        order_number: 'This is too long: use at most 40 characters.',
      },
      other: [],
    });
  });

  it('says what kind of value a field wants, and never shows the server’s raw text', () => {
    const errors = fieldErrorsFrom(
      failed({ field: 'count', type: 'type' }, { field: 'issue_type', type: 'choices' }),
      [fieldMeta('count', { type: 'integer' })],
      onForm,
    );
    expect(errors?.byField).toEqual({ count: 'Enter a whole number.' });
    expect(errors?.other).toEqual(['issue type: Choose one of the options in the list.']);
    expect(JSON.stringify(errors)).not.toContain('raw');
  });

  it('leaves other errors to the page', () => {
    expect(fieldErrorsFrom(new ApiError({ code: 'FORBIDDEN', status: 403, message: 'no' }), fields, onForm)).toBeUndefined();
    expect(fieldErrorsFrom(new Error('boom'), fields, onForm)).toBeUndefined();
  });
});
