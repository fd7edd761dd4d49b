import pino, { type DestinationStream, type Logger } from 'pino';

/** Query parameters whose values are credentials and must never reach a log line. */
const SECRET_QUERY_PARAMS = /([?&](?:access_token|token|refresh_token|password)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[redacted]');
}

/**
 * The process logger. Request logs carry method, redacted URL, status and timing only: never headers, bodies or
 * cookies, so passwords and tokens cannot reach the log (a test checks this).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.access_token', '*.refresh_token'],
        censor: '[redacted]',
      },
      serializers: {
        req(request: { method?: string; url?: string; ip?: string; id?: string }) {
          return { id: request.id, method: request.method, url: redactUrl(request.url ?? ''), ip: request.ip };
        },
        res(reply: { statusCode?: number }) {
          return { statusCode: reply.statusCode };
        },
      },
    },
    destination,
  );
}
