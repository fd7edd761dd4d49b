import { Cron } from 'croner';
import type { FlowOptions, FlowTrigger } from '../../../api/admin/flows';

/** "support_ticket" → "Support Ticket", "agents" → "Agent": one item of the collection, for sentences. */
export function collectionLabel(collection: string): string {
  const words = collection.split(/[_\s]+/).filter(Boolean);
  const label = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return /[^s]s$/.test(label) ? label.slice(0, -1) : label;
}

/** "a Support Ticket", "an Agent". */
function withArticle(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** ["a", "b", "c"] → "a, b or c". */
export function joinOr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}

const SCOPE_VERBS: Record<string, string> = { 'items.create': 'created', 'items.update': 'updated', 'items.delete': 'deleted' };

/**
 * A flow's trigger in one sentence: "When a Support Ticket or Ticket Message is created or updated", "Before a
 * Support Ticket is created (blocking: may refuse it)", "On a schedule: every day at 09:00 UTC", …
 */
export function triggerSummary(trigger: FlowTrigger, options: FlowOptions | null): string {
  const settings = options ?? {};
  const labels = (settings.collections ?? []).map((collection) => collectionLabel(String(collection)));
  // "a Support Ticket or Ticket Message": one article, for the first.
  const collections = labels.map((label, index) => (index === 0 ? withArticle(label) : label));
  switch (trigger) {
    case 'event': {
      const verbs = (settings.scope ?? []).map((scope) => SCOPE_VERBS[scope] ?? scope);
      const what = collections.length > 0 ? joinOr(collections) : 'an item';
      const how = verbs.length > 0 ? joinOr(verbs) : 'changed';
      return settings.type === 'filter' ? `Before ${what} is ${how} (blocking: may refuse or change it)` : `When ${what} is ${how}`;
    }
    case 'schedule': {
      const cron = String(settings.cron ?? '');
      return cron ? `On a schedule: ${describeCron(cron) ?? cron}` : 'On a schedule (not set yet)';
    }
    case 'webhook':
      return `When its URL receives a ${settings.method ?? 'POST'} request${settings.async ? ' (answers at once)' : ''}`;
    case 'manual':
      return collections.length > 0 ? `When someone starts it on ${joinOr(collections)}` : 'When someone starts it';
    default:
      return String(trigger);
  }
}

export const TRIGGER_LABELS: Record<FlowTrigger, string> = {
  event: 'Event hook',
  schedule: 'Schedule (cron)',
  webhook: 'Incoming webhook',
  manual: 'Manual',
};

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NUMBER = /^\d+$/;
const STEP = /^\*\/(\d+)$/;

const pad = (value: string) => value.padStart(2, '0');
const plural = (count: number, unit: string) => (count === 1 ? `every ${unit}` : `every ${count} ${unit}s`);

/**
 * The common cron shapes in words ("every 5 minutes", "every day at 09:00 UTC", "every Monday at 08:30 UTC"); undefined
 * for anything else (the editor then shows the next run times only). Schedules run in UTC on the server.
 */
export function describeCron(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [second, minute, hour, day, month, weekday] = (parts.length === 6 ? parts : ['0', ...parts]) as [string, string, string, string, string, string];
  if (month !== '*') return undefined;
  const everyDay = day === '*' && weekday === '*';
  if (everyDay && hour === '*' && minute === '*') {
    if (second === '*') return 'every second';
    const step = STEP.exec(second);
    if (step) return plural(Number(step[1]), 'second');
    if (NUMBER.test(second)) return 'every minute';
    return undefined;
  }
  if (!NUMBER.test(second) || (parts.length === 6 && second !== '0')) return undefined;
  if (everyDay && hour === '*') {
    const step = STEP.exec(minute);
    if (step) return plural(Number(step[1]), 'minute');
    if (NUMBER.test(minute)) return minute === '0' ? 'every hour, on the hour' : `every hour at minute ${Number(minute)}`;
    return undefined;
  }
  if (!NUMBER.test(minute)) return undefined;
  const hourStep = STEP.exec(hour);
  if (everyDay && hourStep) return `${plural(Number(hourStep[1]), 'hour')} at minute ${Number(minute)}`;
  if (!NUMBER.test(hour)) return undefined;
  const time = `${pad(hour)}:${pad(minute)} UTC`;
  if (everyDay) return `every day at ${time}`;
  if (day === '*' && (weekday === '1-5' || weekday === 'MON-FRI')) return `every weekday (Monday to Friday) at ${time}`;
  if (day === '*' && /^[0-7](,[0-7])*$/.test(weekday)) {
    const names = [...new Set(weekday.split(',').map((entry) => DAYS[Number(entry) % 7] as string))];
    return `every ${joinOr(names).replace(/ or /, ' and ')} at ${time}`;
  }
  if (weekday === '*' && NUMBER.test(day)) return `on day ${Number(day)} of every month at ${time}`;
  return undefined;
}

/** The next `count` times a cron expression fires (UTC, as the server runs it), or why it is not valid. */
export function nextCronRuns(expression: string, count = 3): { runs: Date[] } | { problem: string } {
  if (!expression.trim()) return { problem: 'Enter a cron expression, such as 0 9 * * 1-5.' };
  try {
    const cron = new Cron(expression.trim(), { timezone: 'UTC', paused: true });
    return { runs: cron.nextRuns(count) };
  } catch (error) {
    return { problem: `This is not a valid cron expression${error instanceof Error && error.message ? ` (${error.message})` : ''}.` };
  }
}

const logTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "Dec 3, 2026, 5:42:07 PM": log times need their seconds (retries are seconds apart). Empty for no date. */
export function formatLogTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : logTime.format(date);
}
