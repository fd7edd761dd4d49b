/** JSON kept in a text column (both databases): the parsed value, or `fallback` when empty or unreadable. */
export function parseJsonColumn<T>(value: string | null, fallback: T): T {
  if (value === null) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
