import { createHash, randomBytes } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { AppError, invalidToken, tokenExpired } from '../../errors.js';

/** Claims of Parley's access and session JWTs (Directus's shape, `iss` "parley"). */
export interface AccessClaims {
  id: string;
  role: string | null;
  app_access: boolean;
  admin_access: boolean;
  /** Set on session-mode tokens: the session row that must still exist. */
  session?: string;
  iat: number;
  exp: number;
}

export interface TokenIssuer {
  sign(claims: Omit<AccessClaims, 'iat' | 'exp'>, ttlMs: number): string;
  /** Verifies signature and expiry; INVALID_TOKEN for a bad signature or shape, TOKEN_EXPIRED when past `exp`. */
  verify(token: string): AccessClaims;
}

const ISSUER = 'parley';

export function createTokenIssuer(secret: string, now: () => Date): TokenIssuer {
  const signer = createSigner({ key: secret, algorithm: 'HS256', iss: ISSUER, noTimestamp: true });
  // Expiry is checked below against the injected clock, so the verification cache stays valid across calls.
  const verifier = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: ISSUER,
    ignoreExpiration: true,
    cache: 2000,
    cacheTTL: Number.POSITIVE_INFINITY,
  });

  return {
    sign(claims, ttlMs) {
      const iat = Math.floor(now().getTime() / 1000);
      return signer({ ...claims, iat, exp: iat + Math.ceil(ttlMs / 1000) });
    },
    verify(token) {
      let claims: AccessClaims;
      try {
        claims = verifier(token) as AccessClaims;
      } catch (error) {
        if (error instanceof TokenError) throw invalidToken();
        throw error;
      }
      if (typeof claims.id !== 'string' || typeof claims.exp !== 'number') throw invalidToken();
      if (claims.exp * 1000 <= now().getTime()) throw tokenExpired();
      return claims;
    },
  };
}

/** A JWT has three base64url parts; anything else presented as a bearer token is a static API token. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** An unguessable opaque token (refresh, invitation, password reset, static API token). */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Opaque tokens are stored only as this hash, so a database leak does not hand out sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isAuthError(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'INVALID_TOKEN' || error.code === 'TOKEN_EXPIRED');
}
