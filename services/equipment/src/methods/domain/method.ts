import { parseModel } from '@calchain/metrology';
import { addMonths, IsoDate } from '@calchain/platform/calendar';
import { EnvironmentalLimit } from '../../environment/domain/quantities';

export type MethodType = 'national' | 'sector' | 'local' | 'international' | 'non-standard';
export type MethodStatus = 'draft' | 'validated' | 'verified' | 'withdrawn';

/** One version of a verification regulation, calibration specification or procedure. */
export interface MethodVersion {
  id: string;
  code: string;
  title: string;
  version: string;
  type: MethodType;
  documentKind: 'verification-regulation' | 'calibration-specification' | 'standard' | 'procedure';
  effectiveFrom: IsoDate;
  withdrawnOn: IsoDate | null;
  supersededBy: string | null;
  validatedOn: IsoDate | null;
  validationReference: string | null;
  verifiedOn: IsoDate | null;
  verificationReference: string | null;
  /** What a record made with this version needs (R-5.4.1 limits, readings, model, equipment). */
  environmentalLimits: EnvironmentalLimit[];
  readings: { symbol: string; description: string; unit: string; repetitions: number }[];
  measurementModel: { output: string; expression: string; inputs: string[] } | null;
  requiredEquipmentKinds: string[];
  reviewIntervalMonths: number;
}

/**
 * status, derived: withdrawn from its withdrawal date; verified once verified (for a
 * non-standard method only after validation); validated while a non-standard method awaits
 * verification; draft otherwise.
 */
export function methodStatus(m: Pick<MethodVersion, 'withdrawnOn' | 'verifiedOn' | 'validatedOn'>, today: IsoDate): MethodStatus {
  if (m.withdrawnOn && m.withdrawnOn <= today) return 'withdrawn';
  if (m.verifiedOn && m.verifiedOn <= today) return 'verified';
  if (m.validatedOn && m.validatedOn <= today) return 'validated';
  return 'draft';
}

/** records may cite a version only when it is verified and in force. */
export function methodUsable(m: MethodVersion, today: IsoDate): boolean {
  return methodStatus(m, today) === 'verified' && m.effectiveFrom <= today;
}

/** the next currency review is due one interval after the last review (or after it took effect). */
export function nextReviewDue(m: Pick<MethodVersion, 'effectiveFrom' | 'reviewIntervalMonths' | 'withdrawnOn'>, lastReviewedOn: IsoDate | null): IsoDate | null {
  if (m.withdrawnOn) return null;
  return addMonths(lastReviewedOn ?? m.effectiveFrom, m.reviewIntervalMonths);
}

/** a non-standard method is validated before it is verified; a standard method is verified directly. */
export function verificationBreach(m: Pick<MethodVersion, 'type' | 'validatedOn'>, verifiedOn: IsoDate): string | null {
  if (m.type !== 'non-standard') return null;
  if (!m.validatedOn) return 'a non-standard method must be validated before it is verified';
  if (m.validatedOn > verifiedOn) return 'verification cannot precede validation';
  return null;
}

/** The measurement model must parse with exactly the inputs it declares (JJF 1059.1 §4.1). */
export function modelBreach(model: MethodVersion['measurementModel']): string | null {
  if (!model) return null;
  try {
    parseModel(model.expression, model.inputs);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
