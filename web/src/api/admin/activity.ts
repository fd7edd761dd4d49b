import type { User } from '../../../../common/src/users';
import { request, requestWithMeta } from '../client';
import { type ListResult, toQueryString } from '../items';

export interface ActivityRow {
  id: number;
  action: string;
  timestamp: string;
  collection: string;
  item: string;
  ip: string | null;
  user: Pick<User, 'email'> | null;
}

export interface Revision {
  id: number;
  activity: number;
  collection: string;
  item: string;
  data: Record<string, unknown> | null;
  delta: Record<string, unknown> | null;
}

export interface ActivityFilters {
  collection?: string;
  action?: string;
  /** Part of the email of the person who made the change. */
  user?: string;
  /** ISO timestamps (inclusive). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function activityFilter(filters: Omit<ActivityFilters, 'page' | 'pageSize'>): Record<string, unknown> | undefined {
  const rules: Record<string, unknown>[] = [];
  if (filters.collection) rules.push({ collection: { _eq: filters.collection } });
  if (filters.action) rules.push({ action: { _eq: filters.action } });
  if (filters.user?.trim()) rules.push({ user: { email: { _icontains: filters.user.trim() } } });
  if (filters.from) rules.push({ timestamp: { _gte: filters.from } });
  if (filters.to) rules.push({ timestamp: { _lte: filters.to } });
  if (rules.length === 0) return undefined;
  return rules.length === 1 ? rules[0] : { _and: rules };
}

/** One page of the activity log, newest first. */
export function listActivity(filters: ActivityFilters): Promise<ListResult<ActivityRow>> {
  const query = toQueryString({
    fields: ['id', 'action', 'timestamp', 'collection', 'item', 'ip', 'user.email'],
    filter: activityFilter(filters),
    sort: ['-timestamp', '-id'],
    limit: filters.pageSize,
    page: filters.page,
    meta: ['filter_count'],
  });
  return requestWithMeta<ActivityRow[]>('GET', `/activity${query}`);
}

/** The revisions (item after the change, and what changed) of one activity entry. */
export function listRevisions(activityId: number): Promise<Revision[]> {
  return request<Revision[]>('GET', `/revisions${toQueryString({ filter: { activity: { _eq: activityId } }, limit: -1 })}`);
}
