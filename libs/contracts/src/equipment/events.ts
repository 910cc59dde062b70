import { z } from 'zod';
import { defineEvent } from '../catalog-define';
import { Topics } from '../topics';

/**
 * Events of the equipment service: the status and scope decisions other services rely on
 * (records refuses to cite unusable equipment or unverified methods; intake reviews contracts
 * against the authorised scope). Each payload carries the full current state of its aggregate,
 * so a consumer's read model is correct after any single event: no event needs the ones before it.
 * No personal data: staff appear as subject ids only.
 */

/** A decimal string as measured or reported: never a binary float on the wire. */
const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');
const IsoDate = z.iso.date();

// ---------------------------------------------------------------- equipment.equipment.status-changed

export const EquipmentKindV1 = z.enum(['instrument', 'standard-equipment', 'reference-material', 'auxiliary']);
export const EquipmentStatusV1 = z.enum(['in-service', 'due', 'overdue', 'suspended', 'out-of-service', 'retired']);
/** Why the equipment has the status it has: the deciding fact, for people and for dashboards. */
export const EquipmentStatusReasonV1 = z.enum([
  'calibrated',
  'not-subject-to-calibration',
  'calibration-due-soon',
  'calibration-overdue',
  'never-calibrated',
  'intermediate-check-failed',
  'metrological-confirmation-failed',
  'suspended-by-decision',
  'removed-from-service',
  'retired',
]);

/**
 * equipment.equipment.status-changed v1: emitted whenever the
 * status derived from the equipment's data changes — by a recorded fact or because a date passed.
 * `usable` is the one bit consumers should act on: false for overdue, suspended, out of service
 * and retired equipment (records refuse to cite it, intake stops counting it as available).
 */
export const EquipmentStatusChangedV1 = z.object({
  equipmentId: z.uuid(),
  assetNumber: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  kind: EquipmentKindV1,
  status: EquipmentStatusV1,
  previousStatus: EquipmentStatusV1.nullable(),
  reason: EquipmentStatusReasonV1,
  usable: z.boolean(),
  /** The day the status took effect, in the lab's calendar. */
  effectiveOn: IsoDate,
  lastCalibratedOn: IsoDate.nullable(),
  /** When the next calibration is due; null when the equipment is not subject to calibration. */
  dueDate: IsoDate.nullable(),
  measurementStandardIds: z.array(z.uuid()),
});

// ---------------------------------------------------------------- equipment.measurement-standard.scope-changed

export const StandardCategoryV1 = z.enum(['public', 'department-highest', 'enterprise-highest', 'working']);
export const StandardCertificateKindV1 = z.enum(['assessment', 'public-standard', 'authorisation']);

export const StandardCertificateV1 = z.object({
  kind: StandardCertificateKindV1,
  number: z.string().min(1).max(100),
  issuer: z.string().min(1).max(200),
  issuedOn: IsoDate,
  validUntil: IsoDate,
});

export const BestMeasurementCapabilityV1 = z.object({
  /** Expanded uncertainty; relative when the unit is '%' or a ratio like 'ppm'. */
  expandedUncertainty: Decimal,
  unit: z.string().min(1).max(30),
  coverageFactor: Decimal,
});

export const MeasuringRangeV1 = z.object({
  lower: Decimal,
  upper: Decimal,
  unit: z.string().min(1).max(30),
  bestMeasurementCapability: BestMeasurementCapabilityV1,
});

export const AuthorisedItemV1 = z.object({
  itemId: z.uuid(),
  /** What may be calibrated or verified, e.g. "gauge blocks (grade 1)". */
  name: z.string().min(1).max(200),
  quantity: z.string().min(1).max(100),
  serviceKinds: z.array(z.enum(['calibration', 'verification'])).min(1),
  methodCodes: z.array(z.string().min(1).max(100)),
  ranges: z.array(MeasuringRangeV1).min(1),
});

/**
 * equipment.measurement-standard.scope-changed v1: the full current authorised scope of
 * one measurement standard. `valid` is false when a required certificate is missing or expired,
 * the standard is suspended, or any of its equipment is unusable; work must then stay outside it.
 */
export const MeasurementStandardScopeChangedV1 = z.object({
  standardId: z.uuid(),
  code: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  category: StandardCategoryV1,
  /** Enterprise standards used to serve society need an authorisation certificate. */
  servesSociety: z.boolean(),
  valid: z.boolean(),
  invalidReasons: z.array(z.string().min(1).max(200)),
  /** The earliest expiry of the certificates the standard needs; null when one is missing. */
  validUntil: IsoDate.nullable(),
  certificates: z.array(StandardCertificateV1),
  equipmentIds: z.array(z.uuid()),
  items: z.array(AuthorisedItemV1),
});

// ---------------------------------------------------------------- equipment.method.published

export const MethodTypeV1 = z.enum(['national', 'sector', 'local', 'international', 'non-standard']);
export const MethodDocumentKindV1 = z.enum(['verification-regulation', 'calibration-specification', 'standard', 'procedure']);
export const MethodStatusV1 = z.enum(['draft', 'validated', 'verified', 'withdrawn']);
export const EnvironmentQuantityV1 = z.enum([
  'temperature',
  'relative-humidity',
  'pressure',
  'mains-voltage',
  'mains-frequency',
  'vibration',
  'emi',
]);

export const EnvironmentalLimitV1 = z.object({
  quantity: EnvironmentQuantityV1,
  lower: Decimal.nullable(),
  upper: Decimal.nullable(),
  unit: z.string().min(1).max(30),
});

export const MethodReadingV1 = z.object({
  symbol: z.string().min(1).max(50),
  description: z.string().min(1).max(200),
  unit: z.string().min(1).max(30),
  repetitions: z.number().int().min(1).max(1000),
});

/**
 * equipment.method.published v1: the current state of one method version,
 * emitted on creation, verification/validation, withdrawal and supersession. Records may cite the
 * version only while `usable` (verified and in force).
 */
export const MethodPublishedV1 = z.object({
  methodId: z.uuid(),
  code: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  version: z.string().min(1).max(50),
  type: MethodTypeV1,
  documentKind: MethodDocumentKindV1,
  status: MethodStatusV1,
  usable: z.boolean(),
  effectiveFrom: IsoDate,
  withdrawnOn: IsoDate.nullable(),
  supersededBy: z.object({ methodId: z.uuid(), code: z.string(), version: z.string() }).nullable(),
  environmentalLimits: z.array(EnvironmentalLimitV1),
  readings: z.array(MethodReadingV1),
  measurementModel: z
    .object({ output: z.string().min(1).max(50), expression: z.string().min(1).max(2000), inputs: z.array(z.string().min(1).max(50)).min(1) })
    .nullable(),
  requiredEquipmentKinds: z.array(z.string().min(1).max(100)),
  nextReviewDue: IsoDate.nullable(),
});

// ---------------------------------------------------------------- equipment.environment.*

/**
 * equipment.environment.excursion-detected v1: a room's condition left its
 * limits. `value` is the first reading outside them.
 */
export const EnvironmentExcursionDetectedV1 = z.object({
  excursionId: z.uuid(),
  roomId: z.uuid(),
  roomCode: z.string().min(1).max(100),
  quantity: EnvironmentQuantityV1,
  unit: z.string().min(1).max(30),
  lower: Decimal.nullable(),
  upper: Decimal.nullable(),
  value: Decimal,
  deviceId: z.string().min(1).max(100),
  startedAt: z.iso.datetime({ offset: true }),
});

/** equipment.environment.excursion-ended v1: the condition came back within its limits. */
export const EnvironmentExcursionEndedV1 = z.object({
  excursionId: z.uuid(),
  roomId: z.uuid(),
  roomCode: z.string().min(1).max(100),
  quantity: EnvironmentQuantityV1,
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  /** The reading furthest outside the limits during the excursion. */
  worstValue: Decimal,
});

// ---------------------------------------------------------------- equipment.intermediate-check.failed

export const IntermediateCheckPointResultV1 = z.object({
  point: z.string().min(1).max(100),
  reference: Decimal,
  observed: Decimal,
  deviation: Decimal,
  /** Acceptance criterion of the deviation as a limit, e.g. "0±0.05". */
  acceptance: z.string().min(1).max(100),
  unit: z.string().min(1).max(30),
  passed: z.boolean(),
});

/**
 * equipment.intermediate-check.failed v1: a check did not meet its acceptance criteria;
 * the equipment is suspended (a status-changed event follows) and quality is to act on it.
 */
export const IntermediateCheckFailedV1 = z.object({
  checkId: z.uuid(),
  equipmentId: z.uuid(),
  assetNumber: z.string().min(1).max(100),
  planId: z.uuid().nullable(),
  performedOn: IsoDate,
  performedBy: z.string().min(1).max(100),
  results: z.array(IntermediateCheckPointResultV1).min(1),
  consequence: z.literal('equipment-suspended'),
});

export const equipmentEvents = [
  defineEvent({ type: 'equipment.equipment.status-changed', version: 1, topic: Topics.equipmentEquipment, schema: EquipmentStatusChangedV1 }),
  defineEvent({
    type: 'equipment.measurement-standard.scope-changed',
    version: 1,
    topic: Topics.equipmentMeasurementStandards,
    schema: MeasurementStandardScopeChangedV1,
  }),
  defineEvent({ type: 'equipment.method.published', version: 1, topic: Topics.equipmentMethods, schema: MethodPublishedV1 }),
  defineEvent({
    type: 'equipment.environment.excursion-detected',
    version: 1,
    topic: Topics.equipmentEnvironment,
    schema: EnvironmentExcursionDetectedV1,
  }),
  defineEvent({ type: 'equipment.environment.excursion-ended', version: 1, topic: Topics.equipmentEnvironment, schema: EnvironmentExcursionEndedV1 }),
  defineEvent({
    type: 'equipment.intermediate-check.failed',
    version: 1,
    topic: Topics.equipmentIntermediateChecks,
    schema: IntermediateCheckFailedV1,
  }),
] as const;

/** The topics the equipment service produces to (its PlatformModule `producesTo`). */
export const equipmentTopics = [
  Topics.equipmentEquipment,
  Topics.equipmentMeasurementStandards,
  Topics.equipmentMethods,
  Topics.equipmentEnvironment,
  Topics.equipmentIntermediateChecks,
];
