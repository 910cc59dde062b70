import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemException, TenantTransactions } from '@calchain/platform';
import { canonicalJson, sha256 } from '../domain/canonical';
import * as repo from '../infrastructure/certificate.repository';
import { verifySignature } from '../infrastructure/key-store';
import { CertificateFacts, inspectCertificate } from '../infrastructure/pki';
import { sealManifest } from './issue.service';

/**
 * Public verification: anyone holding a certificate checks that it exists, that
 * its document hash matches, that the signatures verify and whether it is valid, void or replaced.
 * Only what the certificate itself states is returned.
 */
@Injectable()
export class VerificationService {
  constructor(private readonly tx: TenantTransactions) {}

  async verify(tenant: string, number: string, documentSha256?: string) {
    return this.tx.run(tenant, async (em) => {
      const row = await repo.findByNumber(em, number);
      if (!row || row.status === 'draft') throw ProblemException.notFound('Certificate', number);
      const json = (await repo.document(em, row.id, 'json'))!;
      const stored = { json, xml: (await repo.document(em, row.id, 'xml'))!, pdf: (await repo.document(em, row.id, 'pdf'))! };
      const documentsIntact = (['json', 'xml', 'pdf'] as const).every((f) => sha256(stored[f].bytes) === row[`${f}_sha256`]);
      const signedDoc = JSON.parse(json.bytes.toString('utf8'));
      const { signature, ...signed } = signedDoc;
      const signedBytes = Buffer.from(canonicalJson(signed));
      // the signature is checked against the public key of the signer's X.509 certificate,
      // which must chain to the institution CA and be valid at the signing time.
      const certificate = await this.signerCertificate(em, row.key_id!, new Date(row.issued_at!));
      const certificateMatchesDocument = certificate === null || signature.certificate === certificate.pem;
      const verifyingKey = certificate?.facts.publicKeyPem ?? row.public_key!;
      const certificateValid = certificate === null || (certificate.facts.chainValid && certificate.facts.validAtSigning && certificateMatchesDocument);
      const contentSignatureValid = verifySignature(verifyingKey, signedBytes, signature.value) && signature.value === row.content_signature;
      const seal = sealManifest(row.number!, sha256(signedBytes), row.content_signature!, { json: row.json_sha256!, xml: row.xml_sha256!, pdf: row.pdf_sha256! });
      const sealValid = verifySignature(verifyingKey, Buffer.from(canonicalJson(seal)), row.seal_signature!);
      const matched = documentSha256 ? (['pdf', 'xml', 'json'] as const).find((f) => row[`${f}_sha256`] === documentSha256.toLowerCase()) ?? null : undefined;
      const ref = async (id: string | null) => (id ? { number: (await repo.findCertificate(em, id))?.number ?? null } : null);
      const supplements = (await em.query(`select number from certificate where supplement_to = $1 and status <> 'draft' order by issued_at`, [row.id])).map((r: { number: string }) => r.number);
      const signatureValid = contentSignatureValid && sealValid && documentsIntact && certificateValid;
      // public verifications are logged too, without anything about the (anonymous) holder.
      await repo.logAccess(em, tenant, {
        certificateId: row.id, number: row.number, format: 'public-verification', channel: 'public', actor: null, actorRoles: [], customerId: null,
        outcome: matched === undefined ? `status:${row.status}` : `document:${matched ?? 'no-match'}`,
      });
      return {
        exists: true,
        number: row.number,
        kind: row.kind,
        issuedAt: row.issued_at,
        item: row.content.item.description,
        status: row.status === 'void' ? 'void' : 'valid',
        replacedBy: await ref(row.replaced_by),
        replaces: await ref(row.replaces),
        supplementTo: await ref(row.supplement_to),
        supplements,
        signatory: {
          printedName: row.signatory_name, keyId: row.key_id, algorithm: 'Ed25519',
          certificate: certificate && {
            subject: certificate.facts.subject, issuer: certificate.facts.issuer, serialNumber: certificate.facts.serialNumber, notBefore: certificate.facts.notBefore,
            notAfter: certificate.facts.notAfter, chainValid: certificate.facts.chainValid, validAtSigning: certificate.facts.validAtSigning, matchesDocument: certificateMatchesDocument,
            pem: certificate.pem,
          },
        },
        signatureValid,
        documents: { json: row.json_sha256, xml: row.xml_sha256, pdf: row.pdf_sha256 },
        ...(documentSha256 === undefined ? {} : { documentMatches: matched !== null && signatureValid, matchedFormat: matched }),
        publicKey: row.public_key,
      };
    });
  }

  /** The stored certificate of the signing key and the institution CA's, inspected; null for keys never certified. */
  private async signerCertificate(em: EntityManager, keyId: string, signedAt: Date): Promise<{ pem: string; facts: CertificateFacts } | null> {
    const [key] = await em.query(`select certificate_pem from signatory_key where key_id = $1`, [keyId]);
    if (!key?.certificate_pem) return null;
    const [ca] = await em.query(`select certificate_pem from institution_ca`);
    return { pem: key.certificate_pem, facts: await inspectCertificate(key.certificate_pem, ca?.certificate_pem ?? null, signedAt) };
  }
}
