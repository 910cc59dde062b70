import { z } from 'zod';
import { defineEvent } from '../catalog-define';
import { Topics } from '../topics';

/**
 * Events of the certificates service (R-6.4.x, R-5.5.3 reverse traceability). No personal data:
 * the signatory travels as the quality service's person id, the customer as an id.
 */

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
const CertificateNumber = z.string().min(1).max(60);

export const CertificateKindV1 = z.enum(['calibration-certificate', 'verification-certificate', 'verification-result-notice', 'test-report']);

const CertificateRefV1 = z.object({ certificateId: z.uuid(), number: CertificateNumber });

/** certificates.certificate.issued v1: a certificate was signed and issued. */
export const CertificateIssuedV1 = z.object({
  certificateId: z.uuid(),
  number: CertificateNumber,
  kind: CertificateKindV1,
  recordId: z.uuid(),
  recordVersion: z.number().int().min(1),
  workOrderId: z.uuid(),
  itemId: z.uuid(),
  itemCode: z.string().min(1).max(100),
  customerId: z.string().min(1).max(64).nullable(),
  signatoryPersonId: z.string().min(1).max(200),
  issuedAt: IsoDateTime,
  documents: z.object({ json: Sha256, xml: Sha256, pdf: Sha256 }),
  /** R-6.4.4.3: this certificate replaces (and voids) that one. */
  replaces: CertificateRefV1.nullable(),
  /** R-6.4.4.1: this is a supplement to that certificate, which stays valid. */
  supplementTo: CertificateRefV1.nullable(),
});

/** certificates.certificate.voided v1 (R-6.4.4.3): recalled and void, kept, replaced by a reissue. */
export const CertificateVoidedV1 = z.object({
  certificateId: z.uuid(),
  number: CertificateNumber,
  itemId: z.uuid(),
  customerId: z.string().min(1).max(64).nullable(),
  replacedBy: CertificateRefV1,
  reason: z.string().min(1).max(500),
  voidedAt: IsoDateTime,
});

/**
 * certificates.reverse-traceability.listed v1: a standard failed its check; these
 * certificates were issued with it since its last good check. Quality opens nonconforming work;
 * customers are to be told.
 */
export const ReverseTraceabilityListedV1 = z.object({
  listingId: z.uuid(),
  equipmentId: z.uuid(),
  measurementStandardIds: z.array(z.uuid()),
  reason: z.string().min(1).max(60),
  /** Last good check (calibration or confirmation) of the standard; null when none is known. */
  since: IsoDate.nullable(),
  until: IsoDate,
  certificates: z.array(
    CertificateRefV1.extend({
      itemId: z.uuid(),
      customerId: z.string().min(1).max(64).nullable(),
      measurementDate: IsoDate,
      issuedAt: IsoDateTime,
      status: z.enum(['issued', 'void']),
    }),
  ),
});

export const certificatesEvents = [
  defineEvent({ type: 'certificates.certificate.issued', version: 1, topic: Topics.certificatesCertificates, schema: CertificateIssuedV1 }),
  defineEvent({ type: 'certificates.certificate.voided', version: 1, topic: Topics.certificatesCertificates, schema: CertificateVoidedV1 }),
  defineEvent({
    type: 'certificates.reverse-traceability.listed',
    version: 1,
    topic: Topics.certificatesReverseTraceability,
    schema: ReverseTraceabilityListedV1,
  }),
] as const;

export const certificatesTopics = [Topics.certificatesCertificates, Topics.certificatesReverseTraceability];
