import { describe, expect, it } from 'vitest';
import { renderTemplate, renderText, resolvePath } from './templates.js';

const data = {
  $trigger: { event: 'support_ticket.items.create', payload: { message: 'Hi <b>', tags: ['a'] }, keys: [7] },
  $accountability: { user: 'u1' },
  $last: { id: 3 },
  read_ticket: { customer_email: 'ann@example.com', 'dash-key': 1 },
};

describe('flow templates', () => {
  it('keeps the value type when a string is exactly one placeholder', () => {
    expect(renderTemplate('{{$trigger.payload}}', data)).toEqual({ message: 'Hi <b>', tags: ['a'] });
    expect(renderTemplate('{{ $trigger.keys }}', data)).toEqual([7]);
    expect(renderTemplate('{{$last.id}}', data)).toBe(3);
  });

  it('interpolates text, objects as JSON and missing values as nothing', () => {
    expect(renderText('Ticket {{$trigger.keys.0}} by {{$accountability.user}}: {{$trigger.payload.message}}', data)).toBe('Ticket 7 by u1: Hi <b>');
    expect(renderText('tags={{$trigger.payload.tags}} none={{nope.x}}', data)).toBe('tags=["a"] none=');
  });

  it('renders nested objects and arrays', () => {
    expect(renderTemplate({ to: '{{read_ticket.customer_email}}', list: ['{{$last.id}}', 'x'] }, data)).toEqual({ to: 'ann@example.com', list: [3, 'x'] });
  });

  it('executes no code: expressions are not evaluated and prototypes are not reachable', () => {
    expect(renderText('{{ 1 + 1 }}', data)).toBe('{{ 1 + 1 }}');
    expect(renderText('{{constructor.constructor}}', data)).toBe('');
    expect(renderText('{{$trigger.payload.message.toString}}', data)).toBe('');
    expect(resolvePath(data, '__proto__')).toBeUndefined();
  });
});
