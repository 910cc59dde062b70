import { addDays, addMonths, IsoDate, minDate } from '@calchain/platform/calendar';

export type EquipmentStatus = 'in-service' | 'due' | 'overdue' | 'suspended' | 'out-of-service' | 'retired';
export type StatusReason =
  | 'calibrated'
  | 'not-subject-to-calibration'
  | 'calibration-due-soon'
  | 'calibration-overdue'
  | 'never-calibrated'
  | 'intermediate-check-failed'
  | 'metrological-confirmation-failed'
  | 'suspended-by-decision'
  | 'removed-from-service'
  | 'retired';

export type SuspensionReason = 'intermediate-check-failed' | 'metrological-confirmation-failed' | 'suspended-by-decision' | 'removed-from-service';

export interface CalibrationTerms {
  calibrationRequired: boolean;
  intervalMonths: number | null;
  dueWarningDays: number;
}

export interface CalibrationFact {
  calibratedOn: IsoDate;
  /** The validity stated on the certificate, if it states one. */
  validUntil: IsoDate | null;
}

/** The facts the status is derived from; nothing here is a status typed by hand. */
export interface StatusFacts extends CalibrationTerms {
  lastCalibration: CalibrationFact | null;
  openSuspensions: { kind: 'suspended' | 'out-of-service'; reasonCode: SuspensionReason; startedOn: IsoDate }[];
  retiredOn: IsoDate | null;
}

export interface DerivedStatus {
  status: EquipmentStatus;
  reason: StatusReason;
  /** May results be produced with it today (records cite it, intake counts it)? */
  usable: boolean;
  lastCalibratedOn: IsoDate | null;
  /** The last day the calibration is valid; overdue from the day after. */
  dueDate: IsoDate | null;
}

/**
 * a calibration stays valid for the equipment's interval, or until the date the
 * certificate itself states if that is earlier. The due date is the last valid day.
 */
export function calibrationValidUntil(terms: Pick<CalibrationTerms, 'intervalMonths'>, calibration: CalibrationFact): IsoDate | null {
  const byInterval = terms.intervalMonths ? addDays(addMonths(calibration.calibratedOn, terms.intervalMonths), -1) : null;
  return minDate(byInterval, calibration.validUntil);
}

/**
 * the lifecycle status on a given day, in order of
 * precedence — retired, out of service, suspended, then the calibration state: overdue after the
 * due date (or never calibrated), due within the warning window, otherwise in service.
 */
export function deriveStatus(facts: StatusFacts, today: IsoDate): DerivedStatus {
  const lastCalibratedOn = facts.lastCalibration?.calibratedOn ?? null;
  const dueDate = facts.calibrationRequired && facts.lastCalibration ? calibrationValidUntil(facts, facts.lastCalibration) : null;
  const result = (status: EquipmentStatus, reason: StatusReason): DerivedStatus => ({
    status,
    reason,
    usable: status === 'in-service' || status === 'due',
    lastCalibratedOn,
    dueDate,
  });

  if (facts.retiredOn && facts.retiredOn <= today) return result('retired', 'retired');
  const open = facts.openSuspensions.filter((s) => s.startedOn <= today).sort((a, b) => a.startedOn.localeCompare(b.startedOn));
  const outOfService = open.find((s) => s.kind === 'out-of-service');
  if (outOfService) return result('out-of-service', 'removed-from-service');
  const suspension = open.find((s) => s.kind === 'suspended');
  if (suspension) return result('suspended', suspension.reasonCode);
  if (!facts.calibrationRequired) return result('in-service', 'not-subject-to-calibration');
  if (!facts.lastCalibration) return result('overdue', 'never-calibrated');
  if (dueDate !== null && today > dueDate) return result('overdue', 'calibration-overdue');
  if (dueDate !== null && today >= addDays(dueDate, -facts.dueWarningDays)) return result('due', 'calibration-due-soon');
  return result('in-service', 'calibrated');
}
