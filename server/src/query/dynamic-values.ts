/**
 * Dynamic filter values: $CURRENT_USER, $CURRENT_USER.<field> (email, first_name, last_name), $CURRENT_ROLE, $NOW
 * and $NOW(<±n> <unit>) such as $NOW(-7 days). They are resolved when a filter is compiled, against the caller and
 * the clock of that request; a user field becomes a lookup of the caller's row in the same statement.
 */
export interface DynamicContext {
  user: string | null;
  role: string | null;
  now: Date;
}

/** The caller's fields a rule may compare with (never password or token hashes). */
export const CURRENT_USER_FIELDS = ['email', 'first_name', 'last_name'] as const;
export type CurrentUserField = (typeof CURRENT_USER_FIELDS)[number];

export type ParsedDynamic =
  | { variable: 'user' }
  | { variable: 'user_field'; field: CurrentUserField }
  | { variable: 'role' }
  | { variable: 'now'; offsetMs: number; months: number };

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

const MAX_OFFSET_MONTHS = 100_000 * 12;

export function isDynamicValue(value: string): boolean {
  return value.startsWith('$CURRENT_') || value.startsWith('$NOW');
}

export function parseDynamicValue(value: string): ParsedDynamic | undefined {
  if (value === '$CURRENT_USER') return { variable: 'user' };
  if (value === '$CURRENT_ROLE') return { variable: 'role' };
  const userField = /^\$CURRENT_USER\.(\w+)$/.exec(value)?.[1];
  if (userField !== undefined) {
    return (CURRENT_USER_FIELDS as readonly string[]).includes(userField) ? { variable: 'user_field', field: userField as CurrentUserField } : undefined;
  }
  if (value === '$NOW') return { variable: 'now', offsetMs: 0, months: 0 };
  const match = /^\$NOW\(\s*([+-]?)\s*(\d{1,6})\s*(millisecond|second|minute|hour|day|week|month|year)s?\s*\)$/.exec(value);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const amount = Number(match[2]) * sign;
  const unit = match[3] as string;
  const months = unit === 'month' ? amount : unit === 'year' ? amount * 12 : 0;
  // JavaScript dates end about 275,000 years from 1970; a larger offset has no date to compare with.
  if (Math.abs(months) > MAX_OFFSET_MONTHS) return undefined;
  if (months !== 0) return { variable: 'now', offsetMs: 0, months };
  return { variable: 'now', offsetMs: amount * (UNIT_MS[unit] as number), months: 0 };
}

/**
 * The concrete value; null for $CURRENT_USER / $CURRENT_ROLE of an anonymous caller. A user field resolves to the
 * caller's id and the field to look up (the SQL compiler reads it from the users table).
 */
export function resolveDynamicValue(value: string, context: DynamicContext): string | null | { user: string | null; field: CurrentUserField } {
  const parsed = parseDynamicValue(value);
  if (!parsed) throw new Error(`not a dynamic value: ${value}`);
  if (parsed.variable === 'user') return context.user;
  if (parsed.variable === 'user_field') return { user: context.user, field: parsed.field };
  if (parsed.variable === 'role') return context.role;
  const date = new Date(context.now.getTime() + parsed.offsetMs);
  if (parsed.months !== 0) date.setUTCMonth(date.getUTCMonth() + parsed.months);
  return date.toISOString();
}
