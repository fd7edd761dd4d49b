/** Request and response shapes of the /auth endpoints (DESIGN §3), as the web app and other clients send them. */

export type AuthMode = 'json' | 'cookie' | 'session';

export interface LoginInput {
  email: string;
  password: string;
  mode?: AuthMode;
}

export interface LoginResult {
  /** Milliseconds the access token (json, cookie) or the session cookie (session) stays valid. */
  expires: number;
  access_token?: string;
  refresh_token?: string;
}

export interface LogoutInput {
  mode?: AuthMode;
  refresh_token?: string;
}

export interface PasswordRequestInput {
  email: string;
  /** Base of the link mailed to the user; must be PUBLIC_URL or an allow-listed base. */
  reset_url?: string;
}

export interface PasswordResetInput {
  token: string;
  password: string;
}

/** The server's password rules, so forms can say them before a round trip. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
