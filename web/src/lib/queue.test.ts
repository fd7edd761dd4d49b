import { describe, expect, it } from 'vitest';
import { pageRange, QUEUE_PAGE_SIZE, queueQuery, readQueueView, writeQueueView } from './queue';

const statuses = ['Open', 'In Progress', 'Resolved'];

describe('the agent queue’s view in the address', () => {
  it('starts on the first status, newest first, page 1', () => {
    expect(readQueueView(new URLSearchParams(), statuses)).toEqual({ status: 'Open', search: '', sort: 'newest', page: 1 });
  });

  it('round-trips a view, leaving defaults out of the address', () => {
    const view = { status: 'In Progress', search: 'refund', sort: 'oldest', page: 3 };
    const params = writeQueueView(view, statuses);
    expect(params.toString()).toBe('status=In+Progress&q=refund&sort=oldest&page=3');
    expect(readQueueView(params, statuses)).toEqual(view);
    expect(writeQueueView({ status: 'Open', search: '', sort: 'newest', page: 1 }, statuses).toString()).toBe('');
  });

  it('ignores unknown statuses, sorts and pages', () => {
    expect(readQueueView(new URLSearchParams('status=Gone&sort=random&page=-4'), statuses)).toEqual({ status: 'Open', search: '', sort: 'newest', page: 1 });
    expect(readQueueView(new URLSearchParams('status=all'), statuses).status).toBe('all');
  });
});

describe('the queue’s /items query', () => {
  it('filters by status, searches, sorts stably and pages with a count', () => {
    expect(queueQuery({ status: 'Open', search: 'refund', sort: 'oldest', page: 2 })).toMatchObject({
      filter: { status: { _eq: 'Open' } },
      search: 'refund',
      sort: ['date_created', 'id'],
      limit: QUEUE_PAGE_SIZE,
      page: 2,
      meta: ['filter_count'],
    });
    expect(queueQuery({ status: 'all', search: '', sort: 'newest', page: 1 })).toMatchObject({ filter: undefined, search: undefined });
  });

  it('describes the page shown', () => {
    expect(pageRange(1, 20, 45)).toBe('1–20 of 45');
    expect(pageRange(3, 5, 45)).toBe('41–45 of 45');
    expect(pageRange(1, 0, 0)).toBe('0 tickets');
  });
});
