import { matchesRule, RuleError } from '../data-filter.js';
import { renderTemplate, renderText } from '../templates.js';
import { type OperationContext, OperationFailure, type OperationHandler } from './operation.js';

/** `condition`: the filter rule must hold for the data chain; otherwise the reject path is taken. */
export const conditionOperation: OperationHandler = {
  async run({ operation, data }: OperationContext) {
    const filter = renderTemplate(operation.options.filter ?? {}, data);
    let holds: boolean;
    try {
      holds = matchesRule(data, filter);
    } catch (error) {
      if (error instanceof RuleError) throw new OperationFailure(`Invalid condition: ${error.message}`);
      throw error;
    }
    if (holds) return null;
    const message = renderText(operation.options.message ?? '', data) || 'The condition was not met';
    throw new OperationFailure(message, { rejected: true, output: { message } });
  },
};

/** `log`: writes a templated message to the server log and the run log. */
export const logOperation: OperationHandler = {
  async run({ operation, data, deps, flow }: OperationContext) {
    const message = renderText(operation.options.message ?? '', data);
    deps.log.info({ flow: flow.id, operation: operation.key }, message);
    return { message };
  },
};

/** `transform`: builds a new value from templates (JSON text or an object). */
export const transformOperation: OperationHandler = {
  async run({ operation, data }: OperationContext) {
    const json = operation.options.json;
    if (typeof json === 'string') {
      const rendered = renderTemplate(json, data);
      if (typeof rendered !== 'string') return rendered;
      try {
        return JSON.parse(rendered);
      } catch {
        throw new OperationFailure('The transform result is not valid JSON');
      }
    }
    return renderTemplate(json ?? null, data);
  },
};
