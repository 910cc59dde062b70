import { z } from 'zod';
import { defineEvent } from '../catalog-define';
import { Topics } from '../topics';

/**
 * Events of the records service (R-6.3.x, R-7.2, R-8.2): an approved raw record with everything a
 * certificate needs, suspicious data found in a record (quality opens the re-measurement), and the
 * checkpoints of each institution's tamper-evident record chain.
 *
 * No personal data, ever: persons travel as opaque ids (the token subject, which is the quality
 * service's person id), the customer as an id only. Measured and reported values are decimal
 * strings, never binary floats.
 *
 * Stability: `records.record.approved` v1 is consumed by the certificates service. Only optional
 * fields may be added to v1; anything else is a v2 beside it.
 */

/** A decimal string as measured or reported: never a binary float on the wire. */
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');
const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });
/** Hex SHA-256 digest. */
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');
/** Opaque person id (token subject = quality person id). */
const PersonId = z.string().min(1).max(200);
const Code = z.string().min(1).max(100);
const Unit = z.string().min(1).max(30);
/** Degrees of freedom: a positive number, or "inf". */
const Dof = z.union([z.number().positive(), z.literal('inf')]);

export const RecordServiceKindV1 = z.enum(['calibration', 'verification']);

/** Whether a result was taken before or after adjustment/repair of the customer's item (R-6.2.3, R-6.4.2.4). */
export const AdjustmentStateV1 = z.enum(['not-adjusted', 'before-adjustment', 'after-adjustment']);

// ---------------------------------------------------------------- records.record.approved

/** A measurement standard cited by the record, with its certificates as known on the measurement day. */
export const RecordStandardV1 = z.object({
  standardId: z.uuid(),
  code: Code.nullable(),
  name: z.string().min(1).max(200).nullable(),
  /** The earliest expiry of the standard's certificates, as known; null when unknown. */
  validUntil: IsoDate.nullable(),
  certificates: z.array(
    z.object({
      kind: z.string().min(1).max(50),
      number: z.string().min(1).max(100),
      validUntil: IsoDate.nullable(),
    }),
  ),
});

/** A piece of equipment used (standard equipment, instrument, auxiliary), with its calibration state on the day. */
export const RecordEquipmentV1 = z.object({
  equipmentId: z.uuid(),
  assetNumber: z.string().min(1).max(100).nullable(),
  name: z.string().min(1).max(200).nullable(),
  kind: z.string().min(1).max(50).nullable(),
  lastCalibratedOn: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
});

/** One environmental quantity at measurement time, against the method's limits (R-5.4.x, R-6.3.2). */
export const RecordConditionV1 = z.object({
  quantity: z.string().min(1).max(50),
  /** The value recorded (or the worst value of an excursion overlapping the measurement); null when only "within limits" is known. */
  value: Decimal.nullable(),
  unit: Unit,
  lower: Decimal.nullable(),
  upper: Decimal.nullable(),
  withinLimits: z.boolean(),
});

export const RecordEnvironmentV1 = z.object({
  /** Where the conditions come from: supplied with the record by the calibrator, or the room monitoring. */
  source: z.enum(['recorded-with-record', 'room-monitoring']),
  roomId: z.uuid().nullable(),
  roomCode: z.string().min(1).max(100).nullable(),
  conditions: z.array(RecordConditionV1),
  withinLimits: z.boolean(),
  /** On-site work outside the method's conditions, cleared with both consents; null otherwise. */
  onSiteConsent: z
    .object({
      impactAssessmentId: z.uuid().nullable(),
      technicalManagerConsentBy: PersonId.nullable(),
      customerConsentId: z.uuid().nullable(),
    })
    .nullable(),
});

/** One reported result (one quantity at one point). */
export const RecordResultV1 = z.object({
  /** Stable key of the result within the record; budgets refer to it. */
  resultId: z.string().min(1).max(100),
  quantity: z.string().min(1).max(100),
  /** Label of the measuring point, e.g. "50 mm" or "range 2, 80 %". */
  point: z.string().min(1).max(100),
  /** The point's nominal value where it has one. */
  nominal: Decimal.nullable(),
  /** Reported (rounded, GB/T 8170) measured value. */
  measuredValue: Decimal,
  /** Reference (conventional true) value given by the standard; null when the result is not a comparison. */
  referenceValue: Decimal.nullable(),
  /** Error of indication = measured − reference, rounded like the measured value; null without a reference. */
  error: Decimal.nullable(),
  /** Correction = −error; null without a reference. */
  correction: Decimal.nullable(),
  unit: Unit,
  /** Reported expanded uncertainty (at most two significant figures). */
  expandedUncertainty: Decimal,
  /** Unit of the expanded uncertainty (may differ from `unit`, e.g. µm against mm, or "%"). */
  uncertaintyUnit: Unit,
  coverageFactor: Decimal,
  coverageProbability: Decimal,
  adjustment: AdjustmentStateV1,
  /** For verification: the maximum permissible error or limit the result is judged against, as text ("±0.30"); null when none. */
  limit: z.string().min(1).max(100).nullable(),
});

/** One component row of a stored uncertainty budget (JJF 1059.1 §4.6). */
export const BudgetComponentV1 = z.object({
  name: z.string().min(1).max(50),
  estimate: Decimal,
  standardUncertainty: Decimal,
  distribution: z.string().min(1).max(30),
  sensitivityCoefficient: Decimal,
  contribution: Decimal,
  dof: Dof,
});

/** The uncertainty budget summary of one result; the full budget is stored with the record for reproduction. */
export const BudgetSummaryV1 = z.object({
  resultId: z.string().min(1).max(100),
  evaluation: z.enum(['gum', 'monte-carlo']),
  /** The method's measurement model: output symbol and expression. */
  model: z.object({ output: z.string().min(1).max(50), expression: z.string().min(1).max(2000) }),
  estimate: Decimal,
  combinedStandardUncertainty: Decimal,
  effectiveDof: Dof,
  coverageFactor: Decimal,
  coverageProbability: Decimal,
  expandedUncertainty: Decimal,
  components: z.array(BudgetComponentV1),
  /** SHA-256 of the canonical serialisation of the full stored budget. */
  budgetHash: Sha256,
});

/** Position of the approved record version in its institution's tamper-evident chain. */
export const RecordChainRefV1 = z.object({
  sequence: z.number().int().min(1),
  entryHash: Sha256,
  algorithm: z.literal('sha256'),
});

/**
 * records.record.approved v1: a raw record version was reviewed and approved by
 * a checker other than the calibrator. Carries everything a certificate needs; no personal data.
 */
export const RecordApprovedV1 = z.object({
  recordId: z.uuid(),
  recordNumber: z.string().min(1).max(40),
  /** The approved version of the record (versions are append-only; corrections are new versions). */
  recordVersion: z.number().int().min(1),
  workOrderId: z.uuid(),
  itemId: z.uuid(),
  orderNumber: z.string().min(1).max(60),
  customerId: z.string().min(1).max(64).nullable(),
  itemDescription: z.string().min(1).max(200),
  serialNumber: z.string().max(100).nullable(),
  /** The institution's item code the work was authorised under, when known. */
  itemCode: Code.nullable(),
  serviceKind: RecordServiceKindV1,
  placeOfWork: z.enum(['lab', 'on-site']),
  method: z.object({
    methodId: z.uuid().nullable(),
    code: Code,
    version: z.string().min(1).max(50),
    title: z.string().min(1).max(300).nullable(),
  }),
  measurementStandards: z.array(RecordStandardV1),
  equipment: z.array(RecordEquipmentV1),
  environment: RecordEnvironmentV1,
  /** First and last server-stamped reading of the approved version. */
  measuredFrom: IsoDateTime,
  measuredTo: IsoDateTime,
  /** The calibration/verification date in the lab's calendar. */
  measurementDate: IsoDate,
  results: z.array(RecordResultV1).min(1),
  budgets: z.array(BudgetSummaryV1),
  /** The item was adjusted or repaired with the customer's consent (before/after results present). */
  adjustmentConsentId: z.uuid().nullable(),
  /** When this record re-measures a record whose data were suspicious. */
  remeasurementOf: z.uuid().nullable(),
  calibratorPersonId: PersonId,
  checkerPersonId: PersonId,
  approvedAt: IsoDateTime,
  chain: RecordChainRefV1,
});

// ---------------------------------------------------------------- records.suspicious-data.detected

export const SuspicionCheckV1 = z.enum([
  'outlier-grubbs',
  'outlier-dixon',
  'implausible-value',
  'step-change',
  'check-standard-disagreement',
]);

/**
 * records.suspicious-data.detected v1: automatic checks on submission found suspicious
 * data; approval is blocked and quality is asked to open a re-measurement.
 */
export const SuspiciousDataDetectedV1 = z.object({
  detectionId: z.uuid(),
  recordId: z.uuid(),
  recordNumber: z.string().min(1).max(40),
  recordVersion: z.number().int().min(1),
  workOrderId: z.uuid(),
  itemId: z.uuid(),
  orderNumber: z.string().min(1).max(60),
  itemCode: Code.nullable(),
  methodCode: Code.nullable(),
  methodVersion: z.string().min(1).max(50).nullable(),
  findings: z
    .array(
      z.object({
        check: SuspicionCheckV1,
        /** The reading symbol or result the finding concerns. */
        subject: z.string().min(1).max(100),
        point: z.string().min(1).max(100).nullable(),
        /** The suspicious value(s). */
        values: z.array(Decimal),
        /** Test statistic and its critical value where the check has them (Grubbs G, Dixon Q, relative step). */
        statistic: Decimal.nullable(),
        critical: Decimal.nullable(),
        significance: Decimal.nullable(),
        detail: z.string().min(1).max(500),
      }),
    )
    .min(1),
  requirement: z.literal('R-8.2'),
  remeasurementRequested: z.boolean(),
  calibratorPersonId: PersonId.nullable(),
  detectedAt: IsoDateTime,
});

// ---------------------------------------------------------------- records.chain.checkpoint

/**
 * records.chain.checkpoint v1: the head of an institution's record chain and the
 * Merkle root of the entries since the previous checkpoint, published so that a later rewrite of
 * the chain inside the database can be detected against a copy held outside it.
 */
export const ChainCheckpointV1 = z.object({
  checkpointId: z.uuid(),
  /** Entries covered, inclusive. */
  fromSequence: z.number().int().min(1),
  toSequence: z.number().int().min(1),
  entryCount: z.number().int().min(1),
  headHash: Sha256,
  merkleRoot: Sha256,
  previousCheckpointId: z.uuid().nullable(),
  previousHeadHash: Sha256.nullable(),
  algorithm: z.literal('sha256'),
  canonicalisation: z.literal('calchain-canonical-json-v1'),
  createdAt: IsoDateTime,
});

export const recordsEvents = [
  defineEvent({ type: 'records.record.approved', version: 1, topic: Topics.recordsRecords, schema: RecordApprovedV1 }),
  defineEvent({ type: 'records.suspicious-data.detected', version: 1, topic: Topics.recordsRecords, schema: SuspiciousDataDetectedV1 }),
  defineEvent({ type: 'records.chain.checkpoint', version: 1, topic: Topics.recordsChain, schema: ChainCheckpointV1 }),
] as const;

/** The topics the records service produces to (its PlatformModule `producesTo`). */
export const recordsTopics = [Topics.recordsRecords, Topics.recordsChain];
