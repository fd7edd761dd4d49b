import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Actor } from '../access/actor.js';
import type { CredentialSource } from './authenticate.js';

/** The Fastify instance type every feature registers its routes on (TypeBox schemas give typed requests). */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    credentialSource: CredentialSource | null;
  }
  interface FastifyContextConfig {
    /** false: the route reads no credentials at all (/server/ping, static web files). */
    authenticate?: boolean;
  }
}
