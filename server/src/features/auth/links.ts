import type { Config } from '../../config.js';

/** Invitation and reset links may only point at PUBLIC_URL or an allow-listed base, never anywhere a caller likes. */
export function isAllowedLinkBase(url: string, config: Pick<Config, 'http' | 'auth'>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const allowed = [config.http.publicUrl, ...config.auth.urlAllowList];
  return allowed.some((base) => {
    try {
      const allowedUrl = new URL(base);
      return parsed.origin === allowedUrl.origin && parsed.pathname.startsWith(allowedUrl.pathname.replace(/\/$/, '') || '/');
    } catch {
      return false;
    }
  });
}

export function linkWithToken(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.toString();
}
