import type { Choice, FieldMeta, MyPermissions, PermissionAction, Ticket, TicketMessage } from '../../../common/src/helpdesk';
import type { User } from '../../../common/src/users';

/**
 * The status that closes a ticket (DESIGN §2). Statuses are data (the status field's choices), but this one has a
 * meaning: it asks for a resolution summary and moves the ticket out of the open lists.
 */
export const RESOLVED_STATUS = 'Resolved';

export function isResolved(ticket: { status: string }): boolean {
  return ticket.status === RESOLVED_STATUS;
}

/** Colour of a status badge. Shades are dark (or light with dark text) enough for WCAG AA contrast. */
export function statusBadgeColor(status: string): string {
  switch (status) {
    case 'Open':
      return 'blue.8';
    case 'In Progress':
      return 'yellow.4';
    case RESOLVED_STATUS:
      return 'teal.9';
    default:
      return 'gray.7';
  }
}

/** The choices of a dropdown field (issue types, statuses, custom dropdowns), in the admin's order. */
export function choicesOf(field: FieldMeta | undefined): Choice[] {
  const choices = field?.meta.options?.choices;
  return Array.isArray(choices) ? choices : [];
}

/** A field's name for people: "order_number" → "Order number". */
export function fieldLabel(field: string): string {
  const words = field.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The fields the caller may use for one action on a collection (GET /permissions/me), or 'all' ("*", full field
 * access). Display only: the server checks every write itself.
 */
export function allowedFields(permissions: MyPermissions | undefined, collection: string, action: PermissionAction): Set<string> | 'all' {
  const entry = permissions?.[collection]?.[action];
  if (!entry || entry.access === 'none') return new Set();
  if (!entry.fields || entry.fields.includes('*')) return 'all';
  return new Set(entry.fields);
}

export function canDo(permissions: MyPermissions | undefined, collection: string, action: PermissionAction): boolean {
  const entry = permissions?.[collection]?.[action];
  return entry !== undefined && entry.access !== 'none';
}

export function isAllowed(allowed: Set<string> | 'all', field: string): boolean {
  return allowed === 'all' || allowed.has(field);
}

/**
 * Admin-defined fields of a collection the caller may use for `action`, in the admin's order. Fields that are
 * hidden, read-only or managed by the server (relations, aliases) are left out.
 */
export function customFieldsFor(fields: FieldMeta[], allowed: Set<string> | 'all'): FieldMeta[] {
  return fields
    .filter((field) => field.meta.custom && !field.meta.hidden && !field.meta.readonly && isAllowed(allowed, field.field))
    .sort((a, b) => a.meta.sort - b.meta.sort);
}

type Person = Partial<Pick<User, 'id' | 'first_name' | 'last_name' | 'email'>>;

/** "Ann Lee", "Ann", or the email, or undefined when nothing readable is there (the server hid the person). */
export function personName(person: Person | string | null | undefined): string | undefined {
  if (!person || typeof person === 'string') return undefined;
  const name = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  return name || person.email || undefined;
}

/** Who wrote a thread message, as the reader sees it: "You", a named person, or "Support team" when hidden. */
export function authorLabel(author: Person | string | null | undefined, myId: string | undefined): string {
  const id = typeof author === 'string' ? author : author?.id;
  if (myId !== undefined && id === myId) return 'You';
  return personName(author) ?? 'Support team';
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "Dec 3, 2026, 5:42 PM" in the reader's time zone; an empty string for no date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

/** A stored value of a field, as text for reading. */
export function formatFieldValue(field: FieldMeta | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const choice = choicesOf(field).find((item) => item.value === value);
  if (choice) return choice.text;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field?.type === 'datetime' || field?.type === 'timestamp') return formatDateTime(String(value));
  if (field?.type === 'date') {
    const date = new Date(`${String(value)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? String(value) : dateOnly.format(date);
  }
  return String(value);
}

/** One entry of a ticket's conversation as the thread shows it. */
export interface ThreadItem {
  id: string;
  author: string;
  date: string;
  /** User content: always rendered as text, never as HTML. */
  text: string;
  /** An agent-only note: shown on a yellow background with a badge, so it is never mistaken for a reply. */
  internal?: boolean;
}

/**
 * A ticket's conversation, oldest first: the message the ticket was opened with, then the thread. `myId` turns the
 * reader's own messages into "You".
 */
export function threadItems(ticket: Ticket, messages: TicketMessage[], myId: string | undefined): ThreadItem[] {
  const opener = typeof ticket.user_created === 'string' ? ticket.user_created : ticket.user_created?.id;
  const first: ThreadItem = {
    id: `ticket-${ticket.id}`,
    author: myId !== undefined && opener === myId ? 'You' : ticket.customer_name || personName(ticket.user_created) || ticket.customer_email,
    date: ticket.date_created,
    text: ticket.message,
  };
  return [
    first,
    ...messages.map((message) => ({
      id: message.id,
      author: authorLabel(message.user_created, myId),
      date: message.date_created,
      text: message.message,
      internal: message.internal === true,
    })),
  ];
}

/** The ticket number in a page address, or undefined when it is not one ("/tickets/abc"). */
export function parseTicketId(param: string | undefined): number | undefined {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) return undefined;
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Who handles the ticket, for its customer: the agent's name when the ticket was read with
 * assigned_to.user.first_name, "A support agent" when the agent has no name, or undefined while nobody is assigned.
 */
export function assignedAgentName(ticket: Ticket): string | undefined {
  const agent = ticket.assigned_to;
  if (!agent) return undefined;
  return (typeof agent === 'object' ? personName(agent.user) : undefined) ?? 'A support agent';
}
