import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../../http/app-types.js';
import { parseItemQuery } from '../../query/parse-query.js';
import { getSystemItem, listSystemItems } from '../items/system-reads.js';

const tags = ['Activity'];
const Params = Type.Object({ id: Type.String({ maxLength: 32 }) });

/** /activity and /revisions: read-only, through the permission engine (admins, or roles granted read on them). */
export function registerActivityRoutes(app: App, ctx: AppContext): void {
  const parse = (raw: unknown) => parseItemQuery((raw ?? {}) as Record<string, unknown>, ctx.config.query);
  for (const collection of ['activity', 'revisions']) {
    app.get(`/${collection}`, { schema: { tags } }, async (request) => listSystemItems(ctx, request.actor, collection, parse(request.query)));
    app.get(`/${collection}/:id`, { schema: { tags, params: Params } }, async (request) => ({
      data: await getSystemItem(ctx, request.actor, collection, request.params.id, parse(request.query)),
    }));
  }
}
