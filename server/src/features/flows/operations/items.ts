import { type Actor, SYSTEM } from '../../../access/actor.js';
import { AppError } from '../../../errors.js';
import { parseItemQuery } from '../../../query/parse-query.js';
import { createItems, getItem, listItems, readBack, updateItems } from '../../items/items.service.js';
import { renderTemplate } from '../templates.js';
import { type OperationContext, OperationFailure, type OperationHandler } from './operation.js';

/**
 * Item operations run through the items service and the permission engine, either with the permissions of whoever
 * triggered the flow ("$trigger", the default) or with full access ("$full").
 */
function actorFor(context: OperationContext): Actor {
  return context.operation.options.permissions === '$full' ? SYSTEM : context.triggerActor;
}

function settings(context: OperationContext) {
  const options = renderTemplate(context.operation.options, context.data) as Record<string, unknown>;
  const collection = String(options.collection ?? '');
  const query = parseItemQuery((options.query as Record<string, unknown>) ?? {}, context.deps.config.query);
  const keyList = Array.isArray(options.key) ? options.key : options.key === undefined || options.key === null || options.key === '' ? [] : [options.key];
  return { options, collection, query, keys: keyList.map((key) => key as string | number) };
}

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) throw new OperationFailure(error.message, { output: { error: error.message, code: error.code } });
    throw error;
  }
}

export const itemReadOperation: OperationHandler = {
  async run(context) {
    const { collection, query, keys } = settings(context);
    const actor = actorFor(context);
    return guard(async () => {
      if (keys.length === 1) return getItem(context.deps, actor, collection, String(keys[0]), query);
      const filter = keys.length > 1 ? { id: { _in: keys } } : query.filter;
      return (await listItems(context.deps, actor, collection, { ...query, filter })).data;
    });
  },
};

export const itemCreateOperation: OperationHandler = {
  effects: true,
  async run(context) {
    const { options, collection, query } = settings(context);
    const payloads = Array.isArray(options.payload) ? options.payload : [options.payload ?? {}];
    return guard(async () => {
      const created = await createItems(context.deps, actorFor(context), collection, payloads);
      const items = (await readBack(created.env, created.collection, created.keys, query)) ?? created.keys;
      return Array.isArray(options.payload) ? items : items[0];
    });
  },
};

export const itemUpdateOperation: OperationHandler = {
  effects: true,
  async run(context) {
    const { options, collection, query, keys } = settings(context);
    if (keys.length === 0) throw new OperationFailure('item-update needs a key');
    return guard(async () => {
      const updated = await updateItems(context.deps, actorFor(context), collection, [{ target: { keys }, data: options.payload ?? {} }]);
      return (await readBack(updated.env, updated.collection, updated.keys, query)) ?? updated.keys;
    });
  },
};
