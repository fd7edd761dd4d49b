/** Error codes on the wire (`errors[].extensions.code`), shared by the server and the web app. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'INVALID_QUERY',
  'FAILED_VALIDATION',
  'RECORD_NOT_UNIQUE',
  'INVALID_FOREIGN_KEY',
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  'INVALID_TOKEN',
  'FORBIDDEN',
  'ROUTE_NOT_FOUND',
  'CONTENT_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUESTS_EXCEEDED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  errors: Array<{
    message: string;
    extensions: { code: ErrorCode; [key: string]: unknown };
  }>;
}
