// @peculiar/x509 resolves its services through tsyringe, which needs the reflect polyfill.
import 'reflect-metadata';
import { createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { EntityManager } from 'typeorm';
import { KeyStore } from './key-store';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ED25519 = { name: 'Ed25519' };
const YEAR_MS = 365 * 24 * 3600 * 1000;

const importSpki = (pem: string) => webcrypto.subtle.importKey('spki', createPublicKey(pem).export({ type: 'spki', format: 'der' }), ED25519, true, ['verify']);
const serial = () => `01${randomBytes(15).toString('hex')}`;

/** What a verifier learns from a signer certificate, and whether the chain holds. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Signed by the institution CA, whose certificate is self-signed. */
  chainValid: boolean;
  /** The signing time lies within the certificate's validity. */
  validAtSigning: boolean;
  /** The certified public key (SPKI PEM): the key the signature is checked against. */
  publicKeyPem: string;
}

/**
 * R-6.4.5: X.509 for the institution's signatures. Each institution has a CA (Ed25519, self-signed,
 * its private key a file in the key directory like the signatories' keys); each signatory key gets
 * a certificate issued by that CA, naming the signatory's printed name and the institution. Only
 * certificates (public) are stored in the database.
 */
export class InstitutionPki {
  constructor(private readonly keys: KeyStore) {}

  /** The institution CA certificate (PEM), created on first use. */
  async caCertificate(em: EntityManager, tenant: string, institutionName: string): Promise<string> {
    const [existing] = await em.query(`select certificate_pem from institution_ca where tenant_id = $1`, [tenant]);
    if (existing) return existing.certificate_pem;
    const { publicKeyPem, signingKey } = await this.keys.caKeys(tenant);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: [{ CN: [`${institutionName} Certificate Authority`] }, { O: [institutionName] }, { C: ['CN'] }],
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 20 * YEAR_MS),
      signingAlgorithm: ED25519,
      keys: { privateKey: signingKey, publicKey: await importSpki(publicKeyPem) },
      extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
    });
    const [row] = await em.query(
      `insert into institution_ca (tenant_id, key_id, certificate_pem) values ($1, $2, $3) on conflict (tenant_id) do nothing returning certificate_pem`,
      [tenant, cert.serialNumber, cert.toString('pem')],
    );
    if (row) return row.certificate_pem;
    return (await em.query(`select certificate_pem from institution_ca where tenant_id = $1`, [tenant]))[0].certificate_pem;
  }

  /** The certificate of a signatory's key (PEM), issued by the institution CA on first use. */
  async signerCertificate(em: EntityManager, s: { tenant: string; personId: string; keyId: string; publicKeyPem: string; printedName: string; institutionName: string }): Promise<string> {
    const [existing] = await em.query(`select certificate_pem from signatory_key where key_id = $1 and certificate_pem is not null`, [s.keyId]);
    if (existing) return existing.certificate_pem;
    const ca = new x509.X509Certificate(await this.caCertificate(em, s.tenant, s.institutionName));
    const { signingKey } = await this.keys.caKeys(s.tenant);
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: [{ CN: [s.printedName] }, { OU: ['Authorised signatory'] }, { O: [s.institutionName] }, { C: ['CN'] }],
      issuer: ca.subject,
      notBefore: new Date(now - 60_000),
      notAfter: new Date(now + 3 * YEAR_MS),
      publicKey: await importSpki(s.publicKeyPem),
      signingKey,
      signingAlgorithm: ED25519,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      ],
    });
    const [row] = await em.query(
      `insert into signatory_key (tenant_id, key_id, person_id, public_key, certificate_pem) values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, key_id) do update set certificate_pem = coalesce(signatory_key.certificate_pem, excluded.certificate_pem)
       returning certificate_pem`,
      [s.tenant, s.keyId, s.personId, s.publicKeyPem, cert.toString('pem')],
    );
    return row.certificate_pem;
  }
}

/** Reads a signer certificate and checks it against the institution CA certificate at the signing time. */
export async function inspectCertificate(certificatePem: string, caPem: string | null, signedAt: Date): Promise<CertificateFacts> {
  const cert = new x509.X509Certificate(certificatePem);
  let chainValid = false;
  if (caPem) {
    const ca = new x509.X509Certificate(caPem);
    chainValid = cert.issuer === ca.subject && (await ca.verify({ signatureOnly: true })) && (await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }));
  }
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    chainValid,
    validAtSigning: cert.notBefore <= signedAt && signedAt <= cert.notAfter,
    publicKeyPem: createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString(),
  };
}
