import { ERROR_CODES, type ErrorCode } from '../../../common/src/error-codes';

/**
 * Codes the server sends (common/src/error-codes.ts) plus two of the browser's own: the server could not be
 * reached, or it answered something that is not Parley's JSON (a proxy's error page, say).
 */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'UNEXPECTED_RESPONSE';

/** A failed API call. Pages switch on `code` (and `extensions`), never on `message`. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Seconds to wait before retrying (REQUESTS_EXCEEDED), from Retry-After or the error's extensions. */
  readonly retryAfterSeconds: number | undefined;
  /** Every error of the response (FAILED_VALIDATION sends one per field). */
  readonly all: ReadonlyArray<{ code: ApiErrorCode; message: string; extensions: Readonly<Record<string, unknown>> }>;

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    extensions?: Record<string, unknown>;
    retryAfterSeconds?: number;
    all?: ApiError['all'];
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.extensions = init.extensions ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.all = init.all ?? [{ code: init.code, message: init.message, extensions: this.extensions }];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const sessionEndedListeners = new Set<() => void>();

/**
 * Called when a signed-in request is refused because the session is gone (expired, logged out elsewhere, account
 * suspended). The session provider listens and sends the person to the login page. Returns an unsubscribe function.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/**
 * One JSON request to the same-origin API, authenticated by the session cookie. Resolves with the response's
 * `data` (undefined for 204), rejects with ApiError.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await send<T>(method, path, body)).data;
}

/** Like request(), but also returns the response's `meta` (total_count, filter_count) for lists. */
export function requestWithMeta<T>(method: Method, path: string, body?: unknown): Promise<{ data: T; meta?: { total_count?: number; filter_count?: number } }> {
  return send<T>(method, path, body);
}

async function send<T>(method: Method, path: string, body?: unknown): Promise<{ data: T; meta?: { total_count?: number; filter_count?: number } }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({ code: 'NETWORK', status: 0, message: cause instanceof Error ? cause.message : 'Network error' });
  }
  if (response.status === 204) return { data: undefined as T };
  const payload = await readJson(response);
  if (response.ok) {
    if (payload && typeof payload === 'object' && 'data' in payload) return payload as { data: T; meta?: { total_count?: number; filter_count?: number } };
    throw new ApiError({ code: 'UNEXPECTED_RESPONSE', status: response.status, message: 'The response has no data.' });
  }
  const error = toApiError(response, payload);
  if (isSessionEnded(error, path)) for (const listener of sessionEndedListeners) listener();
  throw error;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const errors = (payload as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    return new ApiError({ code: 'UNEXPECTED_RESPONSE', status: response.status, message: `HTTP ${response.status}` });
  }
  const all = errors.map((item: { message?: unknown; extensions?: Record<string, unknown> }) => {
    const extensions = item?.extensions ?? {};
    return { code: knownCode(extensions.code), message: typeof item?.message === 'string' ? item.message : '', extensions };
  });
  const first = all[0] as (typeof all)[number];
  return new ApiError({ ...first, status: response.status, retryAfterSeconds: retryAfter(response, first.extensions), all });
}

function knownCode(code: unknown): ApiErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code) ? (code as ErrorCode) : 'UNEXPECTED_RESPONSE';
}

function retryAfter(response: Response, extensions: Record<string, unknown>): number | undefined {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return header;
  return typeof extensions.retry_after === 'number' ? extensions.retry_after : undefined;
}

/** A 401 outside /auth means the session cookie no longer works; at /auth it is the answer to a bad password. */
function isSessionEnded(error: ApiError, path: string): boolean {
  return error.status === 401 && (error.code === 'INVALID_CREDENTIALS' || error.code === 'TOKEN_EXPIRED') && !path.startsWith('/auth/');
}
