import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike, SignJWT } from 'jose';

export interface DevIssuerKey {
  kid: string;
  privateJwk: JWK;
}

/**
 * The development issuer's ES256 key: generated once into a git-ignored file (never the repo),
 * so the gateway process and the minting command share it.
 */
export async function loadOrCreateDevIssuerKey(file: string): Promise<DevIssuerKey> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevIssuerKey;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const key: DevIssuerKey = { kid: randomUUID(), privateJwk: { ...(await exportJWK(privateKey)), alg: 'ES256' } };
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(key), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return key;
  } catch (error) {
    // Another process created it first: use that one, so every process signs with one key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as DevIssuerKey;
    throw error;
  }
}

export function publicJwks(key: DevIssuerKey): { keys: JWK[] } {
  const { kty, crv, x, y } = key.privateJwk;
  return { keys: [{ kty, crv, x, y, kid: key.kid, alg: 'ES256', use: 'sig' }] };
}

export interface DevTokenRequest {
  subject: string;
  issuer: string;
  audience: string;
  ttlSeconds?: number;
  name?: string;
}

/** An OIDC-style ID/access token as an external provider would issue it: identity only, no tenant. */
export async function mintDevToken(key: DevIssuerKey, request: DevTokenRequest): Promise<string> {
  const privateKey = (await importJWK(key.privateJwk, 'ES256')) as KeyLike;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(request.name ? { name: request.name } : {})
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? 3600))
    .sign(privateKey);
}
