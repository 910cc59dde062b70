import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Re-authentication at signing: the signatory's own signing PIN, stored only as a salted
 * scrypt hash. The access token proves the session; the PIN proves the person is present now.
 */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(pin, salt, 32).toString('base64')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
