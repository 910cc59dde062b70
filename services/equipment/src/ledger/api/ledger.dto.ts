import { z } from 'zod';
import { DateText, DecimalText, OptionalText, PositiveDecimalText, Text } from '../../shared/dto';

const Confirmation = z.object({
  mpe: PositiveDecimalText,
  unit: OptionalText(30),
  rule: z.enum(['simple', 'guarded']).default('guarded'),
});

/** identity, location, owner section, storage conditions and calibration terms. */
export const RegisterEquipmentBody = z.object({
  assetNumber: Text(100),
  name: Text(),
  kind: z.enum(['instrument', 'standard-equipment', 'reference-material', 'auxiliary']),
  equipmentType: Text(100),
  manufacturer: OptionalText(),
  model: OptionalText(),
  serialNumber: OptionalText(100),
  measuringRange: OptionalText(),
  location: Text(),
  ownerSection: Text(),
  responsibleId: OptionalText(100),
  storageConditions: OptionalText(500),
  commissionedOn: DateText.nullable().default(null),
  calibrationRequired: z.boolean(),
  calibrationIntervalMonths: z.number().int().min(1).max(120).nullable().default(null),
  dueWarningDays: z.number().int().min(0).max(365).default(30),
  confirmation: Confirmation.nullable().default(null),
});
export type RegisterEquipmentInput = z.infer<typeof RegisterEquipmentBody>;

export const UpdateEquipmentBody = z
  .object({
    name: Text(),
    location: Text(),
    ownerSection: Text(),
    responsibleId: OptionalText(100),
    storageConditions: OptionalText(500),
    measuringRange: OptionalText(),
    calibrationRequired: z.boolean(),
    calibrationIntervalMonths: z.number().int().min(1).max(120).nullable(),
    dueWarningDays: z.number().int().min(0).max(365),
    confirmation: Confirmation.nullable(),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, 'at least one field to change');
export type UpdateEquipmentInput = z.infer<typeof UpdateEquipmentBody>;

export const AddDocumentBody = z.object({
  kind: z.enum(['manual', 'acceptance-record', 'certificate', 'maintenance-record', 'other']),
  title: Text(),
  reference: Text(500),
});

export const SuspendBody = z.object({ reason: Text(500), on: DateText.optional() });
export const LiftBody = z.object({ reason: Text(500) });
export const RetireBody = z.object({ retiredOn: DateText, reason: Text(500) });

const CalibrationPoint = z.object({
  point: Text(100),
  nominal: DecimalText.nullable().default(null),
  error: DecimalText,
  expandedUncertainty: PositiveDecimalText,
  coverageFactor: PositiveDecimalText.default('2'),
  unit: Text(30),
  mpe: PositiveDecimalText.nullable().default(null),
});

/**
 * a calibration or verification certificate of the equipment, what it
 * was calibrated against (one of the lab's own standards, or an external one with its own
 * traceability), and the results at each point for metrological confirmation.
 */
export const RecordCalibrationBody = z.object({
  serviceKind: z.enum(['calibration', 'verification']).default('calibration'),
  certificateNumber: Text(100),
  issuer: Text(),
  calibratedOn: DateText,
  validUntil: DateText.nullable().default(null),
  reference: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('own-equipment'), equipmentId: z.uuid() }),
    z.object({
      kind: z.literal('external'),
      name: Text(),
      certificateNumber: OptionalText(100),
      validUntil: DateText.nullable().default(null),
      traceableTo: z.enum(['national-primary-standard', 'alternative-reference']).nullable().default(null),
      nationalStandard: OptionalText(),
      comparisonEvidence: OptionalText(500),
    }),
  ]),
  results: z.array(CalibrationPoint).max(500).default([]),
});
export type RecordCalibrationInput = z.infer<typeof RecordCalibrationBody>;

export const UsabilityQuery = z.object({ on: DateText.optional() });
export const ListEquipmentQuery = z.object({
  status: z.enum(['in-service', 'due', 'overdue', 'suspended', 'out-of-service', 'retired']).optional(),
  kind: z.enum(['instrument', 'standard-equipment', 'reference-material', 'auxiliary']).optional(),
});

export const PeriodBody = z.object({
  /** A year (2026), a quarter (2026-Q2) or a month (2026-04). */
  // Years 0001–9999 like every date: PostgreSQL has no year 0, and 0000 failed in the database (a 500).
  period: z.string().regex(/^(000[1-9]|00[1-9]\d|0[1-9]\d\d|[1-9]\d{3})(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'YYYY, YYYY-Qn or YYYY-MM, year 0001–9999'),
});
export const ScheduleQuery = z.object({ from: DateText, to: DateText });

export const CheckPlanBody = z.object({
  title: Text(),
  intervalDays: z.number().int().min(1).max(3650),
  /** When the first check is due; today by default. */
  firstDueOn: DateText.optional(),
  checkStandardId: z.uuid().nullable().default(null),
  points: z
    .array(z.object({ point: Text(100), reference: DecimalText, acceptance: Text(100), unit: Text(30) }))
    .min(1)
    .max(100),
});
export type CheckPlanInput = z.infer<typeof CheckPlanBody>;

export const CheckResultBody = z.object({
  planId: z.uuid(),
  performedOn: DateText,
  readings: z.array(z.object({ point: Text(100), observed: DecimalText })).min(1).max(100),
});
export type CheckResultInput = z.infer<typeof CheckResultBody>;
