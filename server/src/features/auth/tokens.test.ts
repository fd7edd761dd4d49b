import { describe, expect, it } from 'vitest';
import { createTokenIssuer, hashToken, looksLikeJwt } from './tokens.js';

const SECRET = 'unit-test-secret-of-at-least-32-chars!';

describe('token issuer', () => {
  it('signs and verifies access claims', () => {
    const issuer = createTokenIssuer(SECRET, () => new Date('2026-01-01T00:00:00Z'));
    const token = issuer.sign({ id: 'u1', role: 'r1', app_access: true, admin_access: false }, 15 * 60_000);
    expect(looksLikeJwt(token)).toBe(true);
    expect(issuer.verify(token)).toMatchObject({ id: 'u1', role: 'r1', admin_access: false, exp: 1767226500 });
  });

  it('reports an expired token as TOKEN_EXPIRED, using the injected clock', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const issuer = createTokenIssuer(SECRET, () => now);
    const token = issuer.sign({ id: 'u1', role: null, app_access: true, admin_access: false }, 60_000);
    expect(() => issuer.verify(token)).not.toThrow();
    now = new Date('2026-01-01T00:01:00Z');
    expect(() => issuer.verify(token)).toThrowError(expect.objectContaining({ code: 'TOKEN_EXPIRED' }));
  });

  it('reports a token signed with another secret, or garbage, as INVALID_TOKEN', () => {
    const mine = createTokenIssuer(SECRET, () => new Date());
    const theirs = createTokenIssuer('another-secret-of-at-least-32-chars!!', () => new Date());
    const foreign = theirs.sign({ id: 'u1', role: null, app_access: true, admin_access: true }, 60_000);
    expect(() => mine.verify(foreign)).toThrowError(expect.objectContaining({ code: 'INVALID_TOKEN' }));
    expect(() => mine.verify('a.b.c')).toThrowError(expect.objectContaining({ code: 'INVALID_TOKEN' }));
  });

  it('refuses an unsigned token (alg none)', () => {
    const issuer = createTokenIssuer(SECRET, () => new Date());
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ id: 'u1', admin_access: true, exp: 9999999999, iss: 'parley' })).toString('base64url');
    expect(() => issuer.verify(`${header}.${payload}.`)).toThrowError(expect.objectContaining({ code: 'INVALID_TOKEN' }));
  });

  it('hashes opaque tokens deterministically and one-way', () => {
    expect(hashToken('abc')).toBe(hashToken('abc'));
    expect(hashToken('abc')).not.toContain('abc');
    expect(hashToken('abc')).toHaveLength(64);
  });
});
