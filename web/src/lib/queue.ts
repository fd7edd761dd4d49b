import type { ItemQuery } from '../api/items';

/** The agent queue's view (status tab, search, sort, page), kept in the address so reload and back work. */
export interface QueueView {
  /** A status value, or ALL_STATUSES. */
  status: string;
  search: string;
  sort: string;
  page: number;
}

export const ALL_STATUSES = 'all';
export const QUEUE_PAGE_SIZE = 20;

/** Sort orders offered in the queue. Each ends with the ticket number, so pages never overlap or skip a ticket. */
export const QUEUE_SORTS = [
  { value: 'newest', label: 'Newest first', sort: ['-date_created', '-id'] },
  { value: 'oldest', label: 'Oldest first', sort: ['date_created', 'id'] },
  { value: 'issue', label: 'Issue type', sort: ['issue_type', '-date_created', '-id'] },
  { value: 'customer', label: 'Customer name', sort: ['customer_name', '-date_created', '-id'] },
] as const;

export const QUEUE_FIELDS = ['id', 'customer_name', 'customer_email', 'issue_type', 'status', 'date_created', 'date_updated'];

/** The view in `params`, with unknown or missing values replaced by defaults (the first status, newest first). */
export function readQueueView(params: URLSearchParams, statuses: string[]): QueueView {
  const status = params.get('status');
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  return {
    status: status && (status === ALL_STATUSES || statuses.includes(status)) ? status : (statuses[0] ?? ALL_STATUSES),
    search: params.get('q')?.trim() ?? '',
    sort: QUEUE_SORTS.some((option) => option.value === sort) ? (sort as string) : QUEUE_SORTS[0].value,
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

/** The address parameters for a view, leaving out defaults so plain /agent/queue stays plain. */
export function writeQueueView(view: QueueView, statuses: string[]): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status !== (statuses[0] ?? ALL_STATUSES)) params.set('status', view.status);
  if (view.search) params.set('q', view.search);
  if (view.sort !== QUEUE_SORTS[0].value) params.set('sort', view.sort);
  if (view.page > 1) params.set('page', String(view.page));
  return params;
}

/** The /items query for one page of the queue. The server limits it to the agent's own tickets. */
export function queueQuery(view: QueueView): ItemQuery {
  const sort = QUEUE_SORTS.find((option) => option.value === view.sort) ?? QUEUE_SORTS[0];
  return {
    fields: QUEUE_FIELDS,
    filter: view.status === ALL_STATUSES ? undefined : { status: { _eq: view.status } },
    search: view.search || undefined,
    sort: [...sort.sort],
    limit: QUEUE_PAGE_SIZE,
    page: view.page,
    meta: ['filter_count'],
  };
}

/** "21–40 of 45" for the page shown. */
export function pageRange(page: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return '0 tickets';
  const first = (page - 1) * QUEUE_PAGE_SIZE + 1;
  return `${first}–${first + shown - 1} of ${total}`;
}
