import { request, requestWithMeta } from './client';

/**
 * Directus read parameters (DESIGN §3). Filters are sent as JSON; lists as comma lists; aggregate in bracket
 * form, exactly as @directus/sdk sends them.
 */
export interface ItemQuery {
  fields?: string[];
  filter?: Record<string, unknown>;
  sort?: string[];
  limit?: number;
  offset?: number;
  page?: number;
  search?: string;
  meta?: Array<'total_count' | 'filter_count'>;
  aggregate?: Partial<Record<'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max', string>>;
  groupBy?: string[];
}

export function toQueryString(query: ItemQuery = {}): string {
  const params = new URLSearchParams();
  if (query.fields?.length) params.set('fields', query.fields.join(','));
  if (query.filter && Object.keys(query.filter).length > 0) params.set('filter', JSON.stringify(query.filter));
  if (query.sort?.length) params.set('sort', query.sort.join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.page !== undefined) params.set('page', String(query.page));
  if (query.search) params.set('search', query.search);
  if (query.meta?.length) params.set('meta', query.meta.join(','));
  for (const [fn, field] of Object.entries(query.aggregate ?? {})) params.set(`aggregate[${fn}]`, String(field));
  if (query.groupBy?.length) params.set('groupBy', query.groupBy.join(','));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface ListResult<T> {
  data: T[];
  meta?: { total_count?: number; filter_count?: number };
}

/** A list with its meta counts when `meta` was asked for. */
export function readItems<T>(collection: string, query: ItemQuery = {}): Promise<ListResult<T>> {
  return requestWithMeta<T[]>('GET', `/items/${collection}${toQueryString(query)}`);
}

export function readItem<T>(collection: string, id: string | number, query: Pick<ItemQuery, 'fields'> = {}): Promise<T> {
  return request<T>('GET', `/items/${collection}/${encodeURIComponent(String(id))}${toQueryString(query)}`);
}

export function createItem<T>(collection: string, item: Record<string, unknown>, query: Pick<ItemQuery, 'fields'> = {}): Promise<T> {
  return request<T>('POST', `/items/${collection}${toQueryString(query)}`, item);
}

export function updateItem<T>(collection: string, id: string | number, changes: Record<string, unknown>, query: Pick<ItemQuery, 'fields'> = {}): Promise<T> {
  return request<T>('PATCH', `/items/${collection}/${encodeURIComponent(String(id))}${toQueryString(query)}`, changes);
}

/** The same changes for many items, atomically (all or nothing). */
export function updateItems<T>(
  collection: string,
  keys: Array<string | number>,
  data: Record<string, unknown>,
  query: Pick<ItemQuery, 'fields'> = {},
): Promise<T[]> {
  return request<T[]>('PATCH', `/items/${collection}${toQueryString(query)}`, { keys, data });
}

export function deleteItem(collection: string, id: string | number): Promise<void> {
  return request('DELETE', `/items/${collection}/${encodeURIComponent(String(id))}`);
}

/** Rows of `aggregate` + `groupBy`, e.g. [{status: 'Open', count: 3}]. */
export function aggregate<T extends Record<string, unknown>>(collection: string, query: ItemQuery): Promise<T[]> {
  return request<T[]>('GET', `/items/${collection}${toQueryString(query)}`);
}
