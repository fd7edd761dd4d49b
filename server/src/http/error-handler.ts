import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { translateDatabaseError } from '../db/db-errors.js';
import { AppError, invalidPayload, invalidQuery } from '../errors.js';
import { EMAIL_PATTERN } from './common-schemas.js';

/** The Directus error body for one error (and its siblings). */
export function errorBody(error: AppError): { errors: Array<{ message: string; extensions: Record<string, unknown> }> } {
  return {
    errors: [error, ...error.siblings].map((item) => ({ message: item.message, extensions: { ...item.extensions, code: item.code } })),
  };
}

/** Maps every error to the one wire shape. A client mistake never becomes a 500; a 500 is logged with its cause. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    if (appError.code === 'REQUESTS_EXCEEDED' && typeof appError.extensions.retry_after === 'number') {
      reply.header('retry-after', String(appError.extensions.retry_after));
    }
    return reply.status(appError.status).send(errorBody(appError));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const error = new AppError('ROUTE_NOT_FOUND', `Route ${path} doesn't exist.`, { extensions: { path } });
    return reply.status(404).send(errorBody(error));
  });
}

export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const where = fastifyError.validationContext ?? 'body';
    const reason = describeValidation(first, where);
    return where === 'querystring' || where === 'params' ? invalidQuery(reason) : invalidPayload(reason);
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('CONTENT_TOO_LARGE', 'Request body is larger than the allowed limit.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type: send JSON with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidPayload('Body cannot be empty when Content-Type is application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidPayload(fastifyError.message);
    default:
      break;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return invalidPayload(error.message);
  if (fastifyError.code === 'FST_ERR_BAD_URL' || fastifyError.code === 'FST_ERR_ASYNC_CONSTRAINT') {
    return invalidQuery('Malformed URL');
  }
  const fromDatabase = translateDatabaseError(error);
  if (fromDatabase) return fromDatabase;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return invalidPayload(fastifyError.message);
  }
  return new AppError('INTERNAL', 'An unexpected error occurred.', { cause: error });
}

function describeValidation(
  issue: { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> } | undefined,
  where: string,
): string {
  if (!issue) return `Invalid ${where}`;
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required' && issue.params?.missingProperty) {
    const field = [path, issue.params.missingProperty].filter(Boolean).join('.');
    return `"${field}" is required`;
  }
  if (issue.keyword === 'additionalProperties' && issue.params?.additionalProperty) {
    const field = [path, issue.params.additionalProperty].filter(Boolean).join('.');
    return `"${field}" is not allowed`;
  }
  const subject = path ? `"${path}"` : where;
  if (issue.keyword === 'pattern' && issue.params?.pattern === EMAIL_PATTERN) return `${subject} must be a valid email`;
  return `${subject} ${issue.message ?? 'is invalid'}`;
}
