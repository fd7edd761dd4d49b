import { describe, expect, it } from 'vitest';
import type { Flow, Operation } from '../../../api/admin/flows';
import { buildChain, insertionLinks, keyProblem, suggestKey } from './flow-chain';
import { collectionLabel, describeCron, nextCronRuns, triggerSummary } from './flow-summary';
import { formFromOptions, operationSummary, optionsFromForm } from './operation-form';
import { flowChangesFromForm, triggerFormFromFlow } from './trigger-form';

function op(id: string, links: { resolve?: string; reject?: string } = {}, type = 'log'): Operation {
  return {
    id,
    flow: 'f',
    name: null,
    key: id,
    type,
    position_x: 0,
    position_y: 0,
    options: {},
    resolve: links.resolve ?? null,
    reject: links.reject ?? null,
    date_created: '2026-12-01T00:00:00.000Z',
  };
}

const shape = (rows: ReturnType<typeof buildChain>['rows']) =>
  rows.map(
    (row) => `${'  '.repeat(row.depth)}${row.via}:${row.kind === 'operation' ? row.operation.key : row.kind === 'jump' ? `→${row.target.key}` : `?${row.id}`}`,
  );

describe('the chain of operations', () => {
  it('lists the ✓ path flat and each ✗ path indented under its operation', () => {
    const operations = [op('d'), op('check', { resolve: 'send', reject: 'log_no' }), op('send', { resolve: 'd' }), op('log_no')];
    const chain = buildChain('check', operations);
    expect(shape(chain.rows)).toEqual(['start:check', '  reject:log_no', 'resolve:send', 'resolve:d']);
    expect(chain.detached).toEqual([]);
  });

  it('refers back to an operation reached twice, reports missing ones and lists detached operations', () => {
    const operations = [op('a', { resolve: 'b', reject: 'gone' }), op('b', { resolve: 'a' }), op('lonely', { resolve: 'tail' }), op('tail')];
    const chain = buildChain('a', operations);
    expect(shape(chain.rows)).toEqual(['start:a', '  reject:?gone', 'resolve:b', 'resolve:→a']);
    expect(shape(chain.detached)).toEqual(['start:lonely', 'resolve:tail']);
    expect(buildChain(null, operations).rows).toEqual([]);
  });

  it('inserts a new operation in front of what was there, and suggests unique keys', () => {
    const parent = op('p', { resolve: 'next' });
    expect(insertionLinks({ parent, path: 'resolve' }, 'p')).toEqual({ resolve: 'next' });
    expect(insertionLinks({ parent, path: 'reject' }, 'p')).toEqual({ resolve: null });
    expect(insertionLinks({ parent: null, path: 'resolve' }, 'p')).toEqual({ resolve: 'p' });
    expect(suggestKey('item-read', [op('item_read'), op('item_read_2')])).toBe('item_read_3');
    expect(keyProblem('check', [op('check')])).toMatch(/already has the key "check"/);
    expect(keyProblem('check', [op('check')], 'check')).toBeNull();
    expect(keyProblem('2nd', [])).toMatch(/starting with a letter/);
  });
});

describe('trigger summaries and cron hints', () => {
  it('says what starts a flow in a sentence', () => {
    expect(triggerSummary('event', { type: 'action', scope: ['items.create', 'items.update'], collections: ['support_ticket', 'ticket_message'] })).toBe(
      'When a Support Ticket or Ticket Message is created or updated',
    );
    expect(triggerSummary('event', { type: 'filter', scope: ['items.create'], collections: ['support_ticket'] })).toBe(
      'Before a Support Ticket is created (blocking: may refuse or change it)',
    );
    expect(triggerSummary('schedule', { cron: '*/5 * * * *' })).toBe('On a schedule: every 5 minutes');
    expect(triggerSummary('webhook', { method: 'GET', async: true })).toBe('When its URL receives a GET request (answers at once)');
    expect(triggerSummary('manual', { collections: ['agents'] })).toBe('When someone starts it on an Agent');
    expect(collectionLabel('ticket_message')).toBe('Ticket Message');
  });

  it('reads the common cron shapes and checks expressions', () => {
    expect(describeCron('* * * * * *')).toBe('every second');
    expect(describeCron('0 9 * * 1-5')).toBe('every weekday (Monday to Friday) at 09:00 UTC');
    expect(describeCron('30 8 * * 1,3')).toBe('every Monday and Wednesday at 08:30 UTC');
    expect(describeCron('0 0 1 * *')).toBe('on day 1 of every month at 00:00 UTC');
    expect(describeCron('15 * * * *')).toBe('every hour at minute 15');
    expect(describeCron('0 9 * 1 *')).toBeUndefined();
    const next = nextCronRuns('0 9 * * *', 2);
    expect('runs' in next && next.runs.map((run) => run.toISOString().slice(11, 16))).toEqual(['09:00', '09:00']);
    expect(nextCronRuns('every day')).toMatchObject({ problem: expect.stringMatching(/not a valid cron expression/) });
  });
});

describe('operation forms', () => {
  it('round-trips a request with headers and a text template body, keeping unknown options', () => {
    const options = { method: 'post', url: 'https://x.test/h', headers: [{ header: 'X-Key', value: 'k' }], body: '{{$trigger}}', extra: 1 };
    const form = formFromOptions('request', options);
    expect(form).toMatchObject({ method: 'POST', bodyMode: 'text', body: '{{$trigger}}', headers: [{ header: 'X-Key', value: 'k' }] });
    expect(optionsFromForm('request', { ...form, headers: [...form.headers, { header: '', value: '' }] }, options)).toEqual({
      options: { method: 'POST', url: 'https://x.test/h', headers: [{ header: 'X-Key', value: 'k' }], body: '{{$trigger}}', extra: 1 },
    });
    expect(optionsFromForm('request', { ...form, bodyMode: 'json', body: '{nope' })).toMatchObject({
      problems: { body: expect.stringMatching(/not valid JSON/) },
    });
    expect(optionsFromForm('request', { ...form, url: ' ' })).toMatchObject({ problems: { url: expect.any(String) } });
    expect(operationSummary('request', options)).toBe('POST https://x.test/h');
  });

  it('validates a condition’s rule and keeps its rejection message', () => {
    const form = formFromOptions('condition', null);
    const rule = { $trigger: { payload: { message: { _ncontains: 'lottery' } } } };
    expect(optionsFromForm('condition', { ...form, filter: JSON.stringify(rule), message: ' No lotteries. ' })).toEqual({
      options: { filter: rule, message: 'No lotteries.' },
    });
    expect(optionsFromForm('condition', { ...form, filter: '[]' })).toMatchObject({ problems: { filter: expect.stringMatching(/JSON object/) } });
  });

  it('builds item operations with keys, payload, query and permissions', () => {
    const form = formFromOptions('item-update', { collection: 'support_ticket', key: '{{$trigger.keys.0}}', payload: { status: 'Open' } });
    expect(optionsFromForm('item-update', { ...form, permissions: '$full' })).toEqual({
      options: { collection: 'support_ticket', key: '{{$trigger.keys.0}}', payload: { status: 'Open' }, permissions: '$full' },
    });
    expect(optionsFromForm('item-update', { ...form, itemKey: '' })).toMatchObject({ problems: { itemKey: expect.any(String) } });
    expect(optionsFromForm('item-read', { ...form, itemKey: '1, 2', query: '{"fields":["id"]}' })).toEqual({
      options: { collection: 'support_ticket', key: ['1', '2'], query: { fields: ['id'] }, permissions: '$trigger' },
    });
  });
});

describe('the trigger form', () => {
  const flow: Flow = {
    id: 'f',
    name: 'Ticket notifications',
    icon: null,
    color: null,
    description: null,
    status: 'inactive',
    trigger: 'event',
    accountability: 'all',
    options: { type: 'action', scope: ['items.create'], collections: ['support_ticket'], custom: true },
    operation: null,
    signing_secret: null,
    date_created: '2026-12-01T00:00:00.000Z',
    user_created: null,
  };

  it('saves event settings and logging, keeping options it does not know', () => {
    const form = { ...triggerFormFromFlow(flow), eventType: 'filter' as const, trackLogs: false };
    expect(flowChangesFromForm(form, flow)).toEqual({
      changes: {
        name: 'Ticket notifications',
        description: null,
        trigger: 'event',
        options: { custom: true, type: 'filter', scope: ['items.create'], collections: ['support_ticket'] },
        accountability: null,
      },
    });
    expect(flowChangesFromForm({ ...form, scope: [], collections: [] }, flow)).toMatchObject({
      problems: { scope: expect.any(String), collections: expect.any(String) },
    });
  });

  it('switches to a schedule only with a valid cron expression', () => {
    const form = { ...triggerFormFromFlow(flow), trigger: 'schedule' as const, cron: 'soon' };
    expect(flowChangesFromForm(form, flow)).toMatchObject({ problems: { cron: expect.any(String) } });
    expect(flowChangesFromForm({ ...form, cron: '0 * * * *' }, flow)).toMatchObject({
      changes: { trigger: 'schedule', options: { custom: true, cron: '0 * * * *' } },
    });
  });
});
