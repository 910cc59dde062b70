import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a protected value is, bound into the ciphertext so one field's value cannot be replayed as another's. */
export type ProtectedField = 'person.national-id' | 'qualification.registration-number' | 'complaint.complainant';
/** Kinds of identifier that single out a person across the network. */
export type IdentityKind = 'national-id' | 'registration-number';

const FORMAT = 'v1';

/**
 * Personal data at rest (R-5.1.5, R-8.3.3; architecture brief "Personal data stays where it
 * belongs"): AES-256-GCM with a fresh 96-bit nonce per value and the field name as associated
 * data; lookups by identity use a keyed HMAC-SHA256 of the normalised identifier, so "is this the
 * same person?" never needs the plain value. Both keys are derived (HKDF) from QUALITY_DATA_KEY
 * with distinct labels, so the lookup key cannot decrypt anything.
 *
 * Ciphertext: `v1.<nonce>.<tag>.<ciphertext>` (base64url). The version leaves room for rotation.
 */
export class PersonalDataProtector {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(masterKeyBase64: string) {
    const master = Buffer.from(masterKeyBase64.trim(), 'base64');
    if (master.length !== 32) throw new Error('QUALITY_DATA_KEY must be 32 bytes');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'calchain.quality.encryption.v1', 32));
    this.lookupKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'calchain.quality.identity-lookup.v1', 32));
  }

  encrypt(plain: string, field: ProtectedField): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, nonce);
    cipher.setAAD(Buffer.from(field));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, nonce, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(token: string, field: ProtectedField): string {
    const [format, nonce, tag, body] = token.split('.');
    if (format !== FORMAT || !nonce || !tag || body === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash of a normalised identifier: equal for the same person, useless without the key. */
  identityKey(kind: IdentityKind, value: string): string {
    return createHmac('sha256', this.lookupKey).update(`${kind}:${normaliseIdentifier(value)}`).digest('base64url');
  }

  sameIdentity(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

/**
 * Identifiers are compared without spaces, hyphens and case: "11010519491231002x" and
 * "110105 19491231 002X" are the same resident ID (its check character may be written x or X).
 */
export function normaliseIdentifier(value: string): string {
  return value.normalize('NFKC').replace(/[\s\-_.]/g, '').toUpperCase();
}

export const PERSONAL_DATA_PROTECTOR = Symbol('PERSONAL_DATA_PROTECTOR');
