/**
 * Who is making a request: the accountability every service and the permission engine receive.
 * Anonymous callers have no user and no role.
 */
export interface Actor {
  user: string | null;
  role: string | null;
  admin: boolean;
  app: boolean;
  ip: string | null;
  userAgent: string | null;
}

export const ANONYMOUS: Actor = Object.freeze({ user: null, role: null, admin: false, app: false, ip: null, userAgent: null });

/** Full access for the server's own work (bootstrap, CLI, flows run with full access). */
export const SYSTEM: Actor = Object.freeze({ user: null, role: null, admin: true, app: true, ip: null, userAgent: null });
