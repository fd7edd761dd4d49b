/**
 * The options of each operation type as an editable form (strings, rows) and back, with the checks the server would
 * otherwise answer with a 400. Options the form does not know are kept as they were.
 */

export const OPERATION_TYPES = [
  { value: 'request', label: 'Webhook / request URL', description: 'Sends an HTTP request (signed per Standard Webhooks when the flow has a secret).' },
  { value: 'mail', label: 'Send an email', description: 'Sends a text mail.' },
  { value: 'condition', label: 'Condition', description: 'Continues on ✓ when a filter rule holds for the data, else on ✗.' },
  { value: 'log', label: 'Log to console', description: 'Writes a message to the server log and the run log.' },
  { value: 'transform', label: 'Transform payload', description: 'Builds a new value (JSON with templates).' },
  { value: 'item-read', label: 'Read data', description: 'Reads items of a collection.' },
  { value: 'item-create', label: 'Create data', description: 'Creates items in a collection.' },
  { value: 'item-update', label: 'Update data', description: 'Updates items of a collection.' },
] as const;

export type OperationType = (typeof OPERATION_TYPES)[number]['value'];

export function operationTypeLabel(type: string): string {
  return OPERATION_TYPES.find((entry) => entry.value === type)?.label ?? type;
}

export const REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface HeaderRow {
  header: string;
  value: string;
}

export type BodyMode = 'none' | 'json' | 'text';

/** Every field any type's form shows, as typed; each type reads its own. */
export interface OperationForm {
  method: string;
  url: string;
  headers: HeaderRow[];
  bodyMode: BodyMode;
  body: string;
  to: string;
  subject: string;
  mailBody: string;
  filter: string;
  message: string;
  json: string;
  collection: string;
  /** Item operations: the item's key(s), as typed. */
  itemKey: string;
  query: string;
  payload: string;
  permissions: '$trigger' | '$full';
  /** Types the editor has no form for: the options as JSON. */
  raw: string;
}

export type FormProblems = Partial<Record<keyof OperationForm, string>>;

const pretty = (value: unknown) => (value === undefined || value === null ? '' : JSON.stringify(value, null, 2));
const text = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** Directus stores headers as [{header, value}]; a plain object is read too. */
function headerRows(value: unknown): HeaderRow[] {
  if (Array.isArray(value)) {
    return value
      .filter((entry): entry is { header: unknown; value?: unknown } => typeof entry === 'object' && entry !== null && 'header' in entry)
      .map((entry) => ({ header: String(entry.header ?? ''), value: text(entry.value) }));
  }
  if (value && typeof value === 'object') return Object.entries(value).map(([header, headerValue]) => ({ header, value: text(headerValue) }));
  return [];
}

export function emptyForm(): OperationForm {
  return {
    method: 'POST',
    url: '',
    headers: [],
    bodyMode: 'json',
    body: '{\n  "event": "{{$trigger.event}}",\n  "payload": "{{$trigger.payload}}"\n}',
    to: '',
    subject: '',
    mailBody: '',
    filter: '{\n  "$trigger": {\n    "payload": {\n      "message": { "_ncontains": "spam" }\n    }\n  }\n}',
    message: '',
    json: '{\n  "id": "{{$trigger.keys.0}}"\n}',
    collection: 'support_ticket',
    itemKey: '',
    query: '',
    payload: '',
    permissions: '$trigger',
    raw: '{}',
  };
}

/** The form for an operation's stored options (defaults where it has none). */
export function formFromOptions(type: string, options: Record<string, unknown> | null): OperationForm {
  const form = emptyForm();
  const o = options ?? {};
  switch (type) {
    case 'request':
      form.method = typeof o.method === 'string' ? o.method.toUpperCase() : 'POST';
      form.url = text(o.url);
      form.headers = headerRows(o.headers);
      if (o.body === undefined || o.body === null || o.body === '') {
        form.bodyMode = 'none';
        form.body = '';
      } else if (typeof o.body === 'string') {
        form.bodyMode = 'text';
        form.body = o.body;
      } else {
        form.bodyMode = 'json';
        form.body = pretty(o.body);
      }
      break;
    case 'mail':
      form.to = Array.isArray(o.to) ? o.to.map(text).join(', ') : text(o.to);
      form.subject = text(o.subject);
      form.mailBody = text(o.body);
      break;
    case 'condition':
      form.filter = pretty(o.filter ?? {});
      form.message = text(o.message);
      break;
    case 'log':
      form.message = text(o.message);
      break;
    case 'transform':
      form.json = pretty(o.json ?? null);
      break;
    case 'item-read':
    case 'item-create':
    case 'item-update':
      form.collection = text(o.collection);
      form.itemKey = Array.isArray(o.key) ? o.key.map(text).join(', ') : text(o.key);
      form.query = pretty(o.query);
      form.payload = pretty(o.payload);
      form.permissions = o.permissions === '$full' ? '$full' : '$trigger';
      break;
    default:
      form.raw = pretty(o) || '{}';
  }
  return form;
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

/** Reads JSON typed in a form, or says what is wrong with it in a sentence. */
export function parseJson(input: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (error) {
    return { ok: false, problem: `This is not valid JSON (${error instanceof Error ? error.message : 'syntax error'}).` };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys each type's form writes; anything else already in the options is kept. */
const FORM_KEYS: Record<string, string[]> = {
  request: ['method', 'url', 'headers', 'body'],
  mail: ['to', 'subject', 'body'],
  condition: ['filter', 'message'],
  log: ['message'],
  transform: ['json'],
  'item-read': ['collection', 'key', 'query', 'permissions'],
  'item-create': ['collection', 'payload', 'query', 'permissions'],
  'item-update': ['collection', 'key', 'payload', 'query', 'permissions'],
};

/**
 * The options to store for `type` from the form, or the problems to show next to its inputs. `previous` are the
 * operation's current options (their unknown keys are kept) when the type did not change.
 */
export function optionsFromForm(
  type: string,
  form: OperationForm,
  previous: Record<string, unknown> | null = null,
): { options: Record<string, unknown> } | { problems: FormProblems } {
  const problems: FormProblems = {};
  const known = FORM_KEYS[type];
  const kept = Object.fromEntries(Object.entries(previous ?? {}).filter(([key]) => known !== undefined && !known.includes(key)));
  const options: Record<string, unknown> = { ...kept };
  const optionalObject = (field: 'query' | 'payload', value: string, allowArray = false): unknown => {
    if (!value.trim()) return undefined;
    const parsed = parseJson(value);
    if (!parsed.ok) problems[field] = parsed.problem;
    else if (!isObject(parsed.value) && !(allowArray && Array.isArray(parsed.value)))
      problems[field] = `This must be a JSON object${allowArray ? ' or a list of objects' : ''}.`;
    else return parsed.value;
    return undefined;
  };

  switch (type) {
    case 'request': {
      options.method = form.method || 'POST';
      if (!form.url.trim()) problems.url = 'Enter the URL to call, such as https://example.com/hooks/parley.';
      options.url = form.url.trim();
      const headers = form.headers.filter((row) => row.header.trim() || row.value.trim());
      if (headers.some((row) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(row.header.trim()))) {
        problems.headers = 'Each header needs a name of letters, digits and dashes, such as Authorization or X-Api-Key.';
      }
      options.headers = headers.map((row) => ({ header: row.header.trim(), value: row.value }));
      if (form.bodyMode === 'json') {
        const parsed = parseJson(form.body);
        if (!parsed.ok) problems.body = `${parsed.problem} To send a template such as {{$trigger}} as it renders, choose "Text template".`;
        else options.body = parsed.value;
      } else if (form.bodyMode === 'text') {
        options.body = form.body;
      }
      break;
    }
    case 'mail':
      if (!form.to.trim()) problems.to = 'Enter who gets the mail: an address, several separated by commas, or a template such as {{ticket.customer_email}}.';
      options.to = form.to.trim();
      options.subject = form.subject;
      options.body = form.mailBody;
      break;
    case 'condition': {
      const parsed = parseJson(form.filter);
      if (!parsed.ok) problems.filter = parsed.problem;
      else if (!isObject(parsed.value) || Object.keys(parsed.value).length === 0) {
        problems.filter = 'Write a filter rule as a JSON object, such as {"$trigger": {"payload": {"status": {"_eq": "Open"}}}}.';
      } else options.filter = parsed.value;
      if (form.message.trim()) options.message = form.message.trim();
      break;
    }
    case 'log':
      options.message = form.message;
      break;
    case 'transform': {
      const parsed = parseJson(form.json);
      if (!parsed.ok) problems.json = parsed.problem;
      else options.json = parsed.value;
      break;
    }
    case 'item-read':
    case 'item-create':
    case 'item-update': {
      if (!form.collection) problems.collection = 'Choose a collection.';
      options.collection = form.collection;
      const keys = form.itemKey
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean);
      if (type !== 'item-create') {
        if (type === 'item-update' && keys.length === 0) problems.itemKey = 'Enter the key of the item to update, such as {{$trigger.keys.0}}.';
        if (keys.length > 0) options.key = keys.length === 1 ? keys[0] : keys;
      }
      const query = optionalObject('query', form.query);
      if (query !== undefined) options.query = query;
      if (type !== 'item-read') {
        const payload = optionalObject('payload', form.payload, type === 'item-create');
        if (payload === undefined && !problems.payload) problems.payload = 'Enter the values to write, as JSON.';
        else options.payload = payload;
      }
      options.permissions = form.permissions;
      break;
    }
    default: {
      const parsed = parseJson(form.raw || '{}');
      if (!parsed.ok) problems.raw = parsed.problem;
      else if (!isObject(parsed.value)) problems.raw = 'The options must be a JSON object.';
      else return Object.keys(problems).length > 0 ? { problems } : { options: parsed.value };
    }
  }
  return Object.keys(problems).length > 0 ? { problems } : { options };
}

/** One line on what an operation does, for the chain list. */
export function operationSummary(type: string, options: Record<string, unknown> | null): string {
  const o = options ?? {};
  switch (type) {
    case 'request':
      return `${text(o.method || 'POST').toUpperCase()} ${text(o.url)}`;
    case 'mail':
      return `To ${Array.isArray(o.to) ? o.to.map(text).join(', ') : text(o.to)}${o.subject ? `: ${text(o.subject)}` : ''}`;
    case 'condition':
      return o.message ? `Otherwise: “${text(o.message)}”` : 'Checks a filter rule';
    case 'log':
      return text(o.message);
    case 'transform':
      return 'Builds a new value';
    case 'item-read':
    case 'item-create':
    case 'item-update':
      return `${text(o.collection)}${o.key !== undefined && o.key !== '' ? ` ${Array.isArray(o.key) ? o.key.map(text).join(', ') : text(o.key)}` : ''}${
        o.permissions === '$full' ? ' (full access)' : ''
      }`;
    default:
      return '';
  }
}
