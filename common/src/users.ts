/** Shapes of the /users and /roles endpoints the web app reads (DESIGN §3). */

export type UserStatus = 'active' | 'invited' | 'suspended';

export interface User {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  status: UserStatus;
  /** Role id. */
  role: string | null;
  email_notifications: boolean;
  last_access: string | null;
  date_created: string;
  date_updated: string | null;
}

/**
 * `GET /users/me`. The hints tell the web app which area to open; they are optional because older servers do not
 * send them, and they are for display only: the server decides every access itself.
 */
export interface Me extends User {
  role_name?: string | null;
  admin_access?: boolean | null;
}

export interface Role {
  id: string;
  name: string;
  icon: string | null;
  description: string | null;
  admin_access: boolean;
  app_access: boolean;
  date_created: string;
}

export interface InviteInput {
  email: string | string[];
  role: string;
  invite_url?: string;
}

export interface AcceptInviteInput {
  token: string;
  password: string;
}
