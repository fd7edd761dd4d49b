/** Cookie names (Directus uses directus_*; the SDK never reads them, so Parley uses its own). */
export const REFRESH_COOKIE = 'parley_refresh_token';
export const SESSION_COOKIE = 'parley_session_token';
