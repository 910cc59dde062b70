import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * each signatory's Ed25519 key, bound to that person. Private keys live as PEM files under
 * the configured key directory (outside the database, mode 0600) and never leave this class: no
 * method returns or logs them. Public keys are stored with each certificate for verification.
 */
export class KeyStore {
  constructor(
    private readonly dir: string,
    private readonly generate: boolean,
  ) {}

  private file(tenant: string, personId: string): string {
    // The person id is opaque: hash it so it cannot steer the path.
    const name = createHash('sha256').update(`${tenant}\u0000${personId}`).digest('hex').slice(0, 32);
    return join(this.dir, `${name}.ed25519.pem`);
  }

  /** The institution CA's key (R-6.4.5: it certifies the signatories' keys); a file like theirs. */
  private caFile(tenant: string): string {
    const name = createHash('sha256').update(`${tenant}\u0000institution-ca`).digest('hex').slice(0, 32);
    return join(this.dir, `${name}.ca.ed25519.pem`);
  }

  /** True when the signatory has a key (or one may be generated here). */
  has(tenant: string, personId: string): boolean {
    return this.generate || existsSync(this.file(tenant, personId));
  }

  /** True when the institution CA has a key (or one may be generated here). */
  hasCa(tenant: string): boolean {
    return this.generate || existsSync(this.caFile(tenant));
  }

  /** The signatory's public key (SPKI PEM). */
  publicKey(tenant: string, personId: string): string {
    return createPublicKey(this.privateKey(tenant, personId)).export({ type: 'spki', format: 'pem' }).toString();
  }

  /** The CA's public key (SPKI PEM) and a non-extractable WebCrypto signing key: the private key never leaves. */
  async caKeys(tenant: string): Promise<{ publicKeyPem: string; signingKey: webcrypto.CryptoKey }> {
    const key = this.loadOrCreate(this.caFile(tenant));
    const signingKey = await webcrypto.subtle.importKey('pkcs8', key.export({ type: 'pkcs8', format: 'der' }), { name: 'Ed25519' }, false, ['sign']);
    return { publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(), signingKey };
  }

  private privateKey(tenant: string, personId: string): KeyObject {
    return this.loadOrCreate(this.file(tenant, personId));
  }

  private loadOrCreate(path: string): KeyObject {
    if (!existsSync(path)) {
      if (!this.generate) throw new Error('no signing key provisioned for this signatory');
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
        chmodSync(path, 0o600);
      } catch (error) {
        // A concurrent first signing created it: use that one.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return createPrivateKey(readFileSync(path));
  }

  /** Signs the bytes; returns the signature and the public key (SPKI PEM) with its id. */
  sign(tenant: string, personId: string, bytes: Buffer): { signature: string; publicKey: string; keyId: string } {
    const key = this.privateKey(tenant, personId);
    const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    return { signature: sign(null, bytes, key).toString('base64'), publicKey, keyId: keyId(publicKey) };
  }
}

export const keyId = (publicKeyPem: string) => createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

export function verifySignature(publicKeyPem: string, bytes: Buffer, signatureB64: string): boolean {
  try {
    return verify(null, bytes, createPublicKey(publicKeyPem), Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}
