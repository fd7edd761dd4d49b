import type { Flow, FlowOptions, FlowTrigger } from '../../../api/admin/flows';
import { nextCronRuns } from './flow-summary';

/** A flow's settings as the editor's form holds them. */
export interface TriggerForm {
  name: string;
  description: string;
  trigger: FlowTrigger;
  /** event: after commit ("action") or blocking ("filter"). */
  eventType: 'action' | 'filter';
  scope: string[];
  /** event and manual. */
  collections: string[];
  cron: string;
  method: 'GET' | 'POST';
  async: boolean;
  /** "Track activity & logs": keep each run's steps with their input and output. */
  trackLogs: boolean;
}

export type TriggerProblems = Partial<Record<keyof TriggerForm, string>>;

/** Options a new flow of each trigger starts with. */
export function defaultOptions(trigger: FlowTrigger): FlowOptions {
  switch (trigger) {
    case 'event':
      return { type: 'action', scope: ['items.create'], collections: ['support_ticket'] };
    case 'schedule':
      return { cron: '0 9 * * 1-5' };
    case 'webhook':
      return { method: 'POST', async: false };
    case 'manual':
      return { collections: ['support_ticket'] };
  }
}

export function triggerFormFromFlow(flow: Flow): TriggerForm {
  const options = { ...defaultOptions(flow.trigger), ...(flow.options ?? {}) };
  return {
    name: flow.name,
    description: flow.description ?? '',
    trigger: flow.trigger,
    eventType: options.type === 'filter' ? 'filter' : 'action',
    scope: Array.isArray(options.scope) ? options.scope.map(String) : [],
    collections: Array.isArray(options.collections) ? options.collections.map(String) : [],
    cron: typeof options.cron === 'string' ? options.cron : '',
    method: options.method === 'GET' ? 'GET' : 'POST',
    async: options.async === true,
    trackLogs: flow.accountability === 'all',
  };
}

const TRIGGER_KEYS = ['type', 'scope', 'collections', 'cron', 'method', 'async'];

/**
 * The PATCH body for the form, or the problems to show. Option keys the form does not know are kept; those of
 * another trigger are dropped when the trigger changes.
 */
export function flowChangesFromForm(
  form: TriggerForm,
  flow: Flow,
): { changes: Pick<Flow, 'name' | 'description' | 'trigger' | 'options' | 'accountability'> } | { problems: TriggerProblems } {
  const problems: TriggerProblems = {};
  if (!form.name.trim()) problems.name = 'Give the flow a name.';
  const kept = Object.fromEntries(Object.entries(flow.options ?? {}).filter(([key]) => !TRIGGER_KEYS.includes(key)));
  let options: FlowOptions = kept;
  switch (form.trigger) {
    case 'event':
      if (form.scope.length === 0) problems.scope = 'Choose at least one event.';
      if (form.collections.length === 0) problems.collections = 'Choose at least one collection.';
      options = { ...kept, type: form.eventType, scope: form.scope, collections: form.collections };
      break;
    case 'schedule': {
      const check = nextCronRuns(form.cron);
      if ('problem' in check) problems.cron = check.problem;
      options = { ...kept, cron: form.cron.trim() };
      break;
    }
    case 'webhook':
      options = { ...kept, method: form.method, async: form.async };
      break;
    case 'manual':
      options = { ...kept, collections: form.collections };
      break;
  }
  if (Object.keys(problems).length > 0) return { problems };
  return {
    changes: {
      name: form.name.trim(),
      description: form.description.trim() || null,
      trigger: form.trigger,
      options,
      accountability: form.trackLogs ? 'all' : null,
    },
  };
}
