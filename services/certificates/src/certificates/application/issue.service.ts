import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, Outbox, ProblemException, TenantTransactions } from '@calchain/platform';
import { CERTIFICATE_SETTINGS, CertificateSettings } from '../../shared/settings';
import { canonicalJson, sha256 } from '../domain/canonical';
import { IssueFacts, renderDcc } from '../domain/dcc-xml';
import { seriesOf } from '../domain/content';
import { formatNumber, labDate, retainUntil } from '../domain/numbering';
import { renderPdf } from '../domain/pdf';
import { pinRefusals, pinState, signingRefusals } from '../domain/signing-readiness';
import * as repo from '../infrastructure/certificate.repository';
import { keyId, KeyStore } from '../infrastructure/key-store';
import { inspectCertificate, InstitutionPki } from '../infrastructure/pki';
import { hashPin, pinMatches } from '../infrastructure/pin';
import { certificateFacts, refusalProblem } from './signing-readiness.service';

export const SIGNATURE_MEANING = '批准签发 approved for issue';

/**
 * Signing and issue: the authorised signatory re-authenticates with their PIN,
 * the content rules are checked once more, the certificate gets the next gap-free number, its
 * canonical content is signed (Ed25519) and the JSON, DCC XML and PDF are stored with their hashes
 * under a seal signature. A reissue voids the certificate it replaces in the same transaction.
 */
@Injectable()
export class IssueService {
  private readonly pki: InstitutionPki;

  constructor(
    private readonly tx: TenantTransactions,
    private readonly outbox: Outbox,
    @Inject(CERTIFICATE_SETTINGS) private readonly settings: CertificateSettings,
    private readonly keys: KeyStore,
  ) {
    this.pki = new InstitutionPki(this.keys);
  }

  /** The signatory enrols (printed name for the manifestation, signing PIN); a changed PIN needs the current one. */
  async enrol(caller: Caller, body: { printedName: string; pin: string; currentPin?: string }) {
    return this.tx.run(caller.tenant, async (em) => {
      const [profile] = await em.query(`select pin_hash from signatory_profile where person_id = $1 for update`, [caller.subject]);
      if (profile && !(body.currentPin && pinMatches(body.currentPin, profile.pin_hash))) {
        throw ProblemException.ruleViolation('R-6.4.5', 'changing the signing PIN needs the current PIN', 'currentPin', 're-authentication');
      }
      await em.query(
        `insert into signatory_profile (tenant_id, person_id, printed_name, pin_hash) values ($1, $2, $3, $4)
         on conflict (tenant_id, person_id) do update set printed_name = excluded.printed_name, pin_hash = excluded.pin_hash, failed_tries = 0`,
        [caller.tenant, caller.subject, body.printedName, hashPin(body.pin)],
      );
      return { personId: caller.subject, printedName: body.printedName };
    });
  }

  async sign(caller: Caller, id: string, pin: string) {
    const printedName = await this.reauthenticate(caller, pin);
    const issued = await this.tx.run(caller.tenant, (em) => this.issueIn(em, caller, id, printedName));
    return issued;
  }

  /** Checked (and failures counted) in a transaction of its own, so a wrong PIN is remembered. */
  private async reauthenticate(caller: Caller, pin: string): Promise<string> {
    const outcome = await this.tx.run(caller.tenant, async (em) => {
      const [p] = await em.query(`select printed_name, pin_hash, failed_tries from signatory_profile where person_id = $1 for update`, [caller.subject]);
      // no PIN or a locked one refuses as the readiness check tells it (signingRefusals).
      const [refused] = pinRefusals(pinState(p ? Number(p.failed_tries) : null));
      if (refused) return { error: refused.message };
      if (!pinMatches(pin, p.pin_hash)) {
        await em.query(`update signatory_profile set failed_tries = failed_tries + 1 where person_id = $1`, [caller.subject]);
        return { error: 'the signing PIN is wrong' };
      }
      await em.query(`update signatory_profile set failed_tries = 0 where person_id = $1`, [caller.subject]);
      return { name: p.printed_name as string };
    });
    if ('error' in outcome) throw ProblemException.ruleViolation('R-6.4.5', outcome.error!, 'pin', 're-authentication');
    return outcome.name;
  }

  private async issueIn(em: EntityManager, caller: Caller, id: string, printedName: string) {
    const row = await repo.findCertificate(em, id, true);
    if (!row) throw ProblemException.notFound('Certificate', id);
    const now = new Date();
    const today = labDate(now, this.settings.timeZone);
    // .x, R-6.4.4: the rule the readiness check shows; its first refusal is thrown.
    // The PIN was verified a moment ago (reauthenticate), so only the certificate's facts can refuse.
    const { facts: certificate, basis } = await certificateFacts(em, caller, row, today, this.keys, true);
    const [refusal] = signingRefusals({ pin: 'enrolled', certificate });
    if (refusal) throw refusalProblem(refusal, basis?.breaches ?? []);
    const { content, original } = basis!; // a draft that nothing refuses has its issue basis

    const inst = await repo.institution(em, caller.tenant);
    // test reports and certificates are numbered in series of their own.
    const series = seriesOf(content.kind);
    const year = Number(today.slice(0, 4));
    const seq = await repo.nextSequence(em, caller.tenant, year, series);
    const number = formatNumber(inst.prefix, year, seq, series);
    const ref = original ? { number: original.number!, pdfSha256: original.pdf_sha256! } : null;
    // the signing key is certified (X.509) by the institution CA; the signed content names the certificate.
    const publicKeyPem = this.keys.publicKey(caller.tenant, caller.subject);
    const signerCertificate = await this.pki.signerCertificate(em, {
      tenant: caller.tenant, personId: caller.subject, keyId: keyId(publicKeyPem), publicKeyPem, printedName, institutionName: inst.name,
    });
    const caCertificate = await this.pki.caCertificate(em, caller.tenant, inst.name);
    const certified = await inspectCertificate(signerCertificate, caCertificate, now);
    const facts: IssueFacts = {
      number, issuedAt: now.toISOString(), issuedOn: today,
      signatory: { personId: caller.subject, printedName, meaning: SIGNATURE_MEANING, certificateSerial: certified.serialNumber, certificateIssuer: certified.issuer },
      replaces: row.replaces ? ref : null, supplementTo: row.supplement_to ? ref : null,
      verifyUrl: `${this.settings.publicBaseUrl}/public/certificates/${encodeURIComponent(caller.tenant)}/${encodeURIComponent(number)}`,
    };

    // The signed statement: the content plus everything the certificate says about its issue.
    const signed = { certificateId: id, number, content, issue: facts };
    const signedBytes = Buffer.from(canonicalJson(signed));
    const contentSig = this.keys.sign(caller.tenant, caller.subject, signedBytes);
    const json = Buffer.from(canonicalJson({
      ...signed,
      signature: {
        algorithm: 'Ed25519', keyId: contentSig.keyId, publicKey: contentSig.publicKey, value: contentSig.signature, over: 'canonical JSON of {certificateId, number, content, issue}',
        certificate: signerCertificate, issuerCertificate: caCertificate,
      },
    }));
    const xml = Buffer.from(renderDcc(content, facts));
    const pdf = await renderPdf(content, facts, { fontPath: this.settings.fontPath, fontFace: this.settings.fontFace });
    const hashes = { json: sha256(json), xml: sha256(xml), pdf: sha256(pdf) };
    const seal = this.keys.sign(caller.tenant, caller.subject, Buffer.from(canonicalJson(sealManifest(number, sha256(signedBytes), contentSig.signature, hashes))));

    await em.query(
      `update certificate set status = 'issued', kind = $2, number = $3, number_year = $4, number_seq = $5, content = $6, signed_by = $7, signatory_name = $8, issued_at = $9,
         key_id = $10, public_key = $11, content_sha256 = $12, content_signature = $13, seal_signature = $14, json_sha256 = $15, xml_sha256 = $16, pdf_sha256 = $17, retain_until = $18,
         number_series = $19
       where id = $1`,
      [id, content.kind, number, year, seq, JSON.stringify(content), caller.subject, printedName, facts.issuedAt, contentSig.keyId, contentSig.publicKey, sha256(signedBytes),
        contentSig.signature, seal.signature, hashes.json, hashes.xml, hashes.pdf, retainUntil(today), series],
    );
    for (const [format, bytes] of [['json', json], ['xml', xml], ['pdf', pdf]] as const) {
      await em.query(`insert into certificate_document (tenant_id, certificate_id, format, sha256, bytes) values ($1, $2, $3, $4, $5)`, [caller.tenant, id, format, hashes[format], bytes]);
    }
    await repo.log(em, caller.tenant, id, 'signed-and-issued', caller.subject, { number, keyId: contentSig.keyId, certificateSerial: certified.serialNumber, meaning: SIGNATURE_MEANING, pdfSha256: hashes.pdf });
    const refOf = (cid: string | null) => (cid && original ? { certificateId: cid, number: original.number! } : null);
    await this.outbox.add(em, {
      type: 'certificates.certificate.issued', tenant: caller.tenant, aggregateId: id,
      payload: {
        certificateId: id, number, kind: content.kind, recordId: row.record_id, recordVersion: row.record_version, workOrderId: content.record.workOrderId, itemId: row.item_id,
        itemCode: row.item_code!, customerId: row.customer_id, signatoryPersonId: caller.subject, issuedAt: facts.issuedAt, documents: hashes,
        replaces: refOf(row.replaces), supplementTo: refOf(row.supplement_to),
      },
    });
    if (row.replaces && original) await this.voidReplaced(em, caller, original, { certificateId: id, number }, row.amendment_reason ?? 'replaced');
    return { id, number, kind: content.kind, status: 'issued', issuedAt: facts.issuedAt, documents: hashes, keyId: contentSig.keyId };
  }

  /** R-6.4.4.3: the original is recalled and void, never deleted, and points at its replacement. */
  private async voidReplaced(em: EntityManager, caller: Caller, original: repo.CertificateRow, by: { certificateId: string; number: string }, reason: string) {
    const voidedAt = new Date().toISOString();
    await em.query(`update certificate set status = 'void', replaced_by = $2, voided_at = $3, void_reason = $4 where id = $1`, [original.id, by.certificateId, voidedAt, reason]);
    await repo.log(em, caller.tenant, original.id, 'voided-and-recalled', caller.subject, { replacedBy: by.number, reason });
    await this.outbox.add(em, {
      type: 'certificates.certificate.voided', tenant: caller.tenant, aggregateId: original.id,
      payload: { certificateId: original.id, number: original.number!, itemId: original.item_id, customerId: original.customer_id, replacedBy: by, reason, voidedAt },
    });
  }
}

/** What the seal signature covers: the signed content's hash, its signature and every document's hash. */
export function sealManifest(number: string, contentSha256: string, contentSignature: string, documents: { json: string; xml: string; pdf: string }) {
  return { number, contentSha256, contentSignature, documents };
}
