import { useCallback } from 'react';
import type { FieldMeta, MyPermissions } from '../../../common/src/helpdesk';
import { readFields, readMyPermissions } from '../api/schema';
import { type Loaded, useLoader } from './use-loader';

export interface TicketSchema {
  /** support_ticket's field metadata (choices, required flags, custom fields), limited to what the caller may use. */
  fields: FieldMeta[];
  permissions: MyPermissions;
  field(name: string): FieldMeta | undefined;
}

async function loadTicketSchema(): Promise<TicketSchema> {
  const [fields, permissions] = await Promise.all([readFields('support_ticket'), readMyPermissions()]);
  return { fields, permissions, field: (name) => fields.find((field) => field.field === name) };
}

/** The ticket fields and the caller's permissions, which forms and buttons are built from. */
export function useTicketSchema(): Loaded<TicketSchema> {
  return useLoader(useCallback(loadTicketSchema, []));
}
