/**
 * Flow templates: `{{$trigger.payload.message}}`, `{{$last}}`, `{{$accountability.user}}`, `{{<operation key>.field}}`.
 * Placeholders are looked up as paths in the data chain — no expressions, no code is ever executed. A string that is
 * exactly one placeholder keeps the value's type (an object stays an object); placeholders inside longer text are
 * replaced by their text (objects as JSON, missing values as nothing).
 */
const PLACEHOLDER = /\{\{\s*([$\w][\w$.-]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([$\w][\w$.-]*)\s*\}\}$/;

export function resolvePath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current as object, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function renderTemplate(template: unknown, data: unknown): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) return resolvePath(data, whole[1] as string);
    return template.replace(PLACEHOLDER, (_, path: string) => toText(resolvePath(data, path)));
  }
  if (Array.isArray(template)) return template.map((item) => renderTemplate(item, data));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, renderTemplate(value, data)]));
  }
  return template;
}

/** Renders a template that must become text (a URL, a subject, a header value). */
export function renderText(template: unknown, data: unknown): string {
  return toText(renderTemplate(template, data));
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
