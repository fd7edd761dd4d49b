import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

/** Lenient about surrounding spaces (services trim and lower-case emails), strict about the shape. */
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$';
export const EmailString = Type.String({ maxLength: 320, pattern: EMAIL_PATTERN });

/** preValidation hook for routes whose body may be left out entirely (refresh and logout with cookies). */
export async function defaultEmptyBody(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}
