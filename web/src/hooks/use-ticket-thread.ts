import { useCallback } from 'react';
import type { Ticket, TicketMessage } from '../../../common/src/helpdesk';
import { getTicket, listMessages } from '../api/tickets';
import { useAutoRefresh } from './use-auto-refresh';
import { type Loaded, useLoader } from './use-loader';

export interface TicketWithThread {
  ticket: Ticket;
  messages: TicketMessage[];
}

/**
 * A ticket and its conversation, loaded together and refreshed like every list (focus, 30 s). `fields` must be
 * stable (a module constant); `withInternal` asks for internal notes too (staff only).
 */
export function useTicketWithThread(id: number, fields: readonly string[], withInternal: boolean): Loaded<TicketWithThread> {
  const loaded = useLoader(
    useCallback(async (): Promise<TicketWithThread> => {
      const [ticket, messages] = await Promise.all([getTicket(id, [...fields]), listMessages(id, { withInternal })]);
      return { ticket, messages };
    }, [id, fields, withInternal]),
  );
  useAutoRefresh(loaded.reload);
  return loaded;
}
