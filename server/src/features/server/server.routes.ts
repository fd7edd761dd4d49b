import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { PROJECT_NAME } from '../auth/auth.service.js';

const tags = ['Server'];
export const VERSION = '0.1.0';

export function registerServerRoutes(app: App, ctx: AppContext): void {
  app.get('/server/ping', { schema: { tags }, config: { authenticate: false } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send('pong'),
  );

  app.get('/server/health', { schema: { tags } }, async (request, reply) => {
    const started = performance.now();
    let healthy = true;
    try {
      await sql`select 1`.execute(ctx.database.db);
    } catch (error) {
      healthy = false;
      request.log.error({ err: error }, 'health check: database unreachable');
    }
    const elapsed = Math.round((performance.now() - started) * 1000) / 1000;
    const status = healthy ? 'ok' : 'error';
    const body: Record<string, unknown> = { status };
    if (request.actor.admin) {
      body.releaseId = VERSION;
      body.checks = {
        [`${ctx.database.dialect}:responseTime`]: [{ status, componentType: 'datastore', observedUnit: 'ms', observedValue: elapsed }],
      };
    }
    return reply
      .status(healthy ? 200 : 503)
      .type('application/health+json; charset=utf-8')
      .send(JSON.stringify(body));
  });

  app.get('/server/info', { schema: { tags } }, async (request) => {
    const project = { project_name: PROJECT_NAME, project_descriptor: 'Customer support', default_language: 'en-US', public_registration: false };
    if (!request.actor.user) return { data: { project, setupCompleted: true } };
    return {
      data: {
        project,
        setupCompleted: true,
        version: VERSION,
        queryLimit: { default: ctx.config.query.limitDefault, max: ctx.config.query.limitMax },
        database: ctx.database.dialect,
      },
    };
  });

  app.get('/server/specs/oas', { schema: { tags, hide: true }, config: { authenticate: false } }, async () => app.swagger());
}
