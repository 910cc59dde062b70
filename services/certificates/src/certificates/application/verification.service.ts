import { Injectable } from '@nestjs/common';
import { ProblemException } from '@calchain/platform';
import { TenantTransactions } from '../../shared/tenant-transactions';
import { canonicalJson, sha256 } from '../domain/canonical';
import * as repo from '../infrastructure/certificate.repository';
import { verifySignature } from '../infrastructure/key-store';
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
    return this.tx.read(tenant, async (em) => {
      const row = await repo.findByNumber(em, number);
      if (!row || row.status === 'draft') throw ProblemException.notFound('Certificate', number);
      const json = (await repo.document(em, row.id, 'json'))!;
      const stored = { json, xml: (await repo.document(em, row.id, 'xml'))!, pdf: (await repo.document(em, row.id, 'pdf'))! };
      const documentsIntact = (['json', 'xml', 'pdf'] as const).every((f) => sha256(stored[f].bytes) === row[`${f}_sha256`]);
      const signedDoc = JSON.parse(json.bytes.toString('utf8'));
      const { signature, ...signed } = signedDoc;
      const signedBytes = Buffer.from(canonicalJson(signed));
      const contentSignatureValid = verifySignature(row.public_key!, signedBytes, signature.value) && signature.value === row.content_signature;
      const seal = sealManifest(row.number!, sha256(signedBytes), row.content_signature!, { json: row.json_sha256!, xml: row.xml_sha256!, pdf: row.pdf_sha256! });
      const sealValid = verifySignature(row.public_key!, Buffer.from(canonicalJson(seal)), row.seal_signature!);
      const matched = documentSha256 ? (['pdf', 'xml', 'json'] as const).find((f) => row[`${f}_sha256`] === documentSha256.toLowerCase()) ?? null : undefined;
      const ref = async (id: string | null) => (id ? { number: (await repo.findCertificate(em, id))?.number ?? null } : null);
      const supplements = (await em.query(`select number from certificate where supplement_to = $1 and status <> 'draft' order by issued_at`, [row.id])).map((r: { number: string }) => r.number);
      const signatureValid = contentSignatureValid && sealValid && documentsIntact;
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
        signatory: { printedName: row.signatory_name, keyId: row.key_id, algorithm: 'Ed25519' },
        signatureValid,
        documents: { json: row.json_sha256, xml: row.xml_sha256, pdf: row.pdf_sha256 },
        ...(documentSha256 === undefined ? {} : { documentMatches: matched !== null && signatureValid, matchedFormat: matched }),
        publicKey: row.public_key,
      };
    });
  }
}
