import { randomBytes, randomUUID } from 'node:crypto';
import { IsoDate } from '@calchain/platform/calendar';

export type EquipmentKind = 'instrument' | 'standard-equipment' | 'reference-material' | 'auxiliary';

/** What the ledger keeps of each piece of equipment. */
export interface EquipmentRecord {
  id: string;
  tenantId: string;
  assetNumber: string;
  name: string;
  kind: EquipmentKind;
  /** The lab's type of equipment ("gauge block set", "digital thermometer"): what methods require. */
  equipmentType: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  measuringRange: string | null;
  location: string;
  ownerSection: string;
  responsibleId: string | null;
  storageConditions: string | null;
  commissionedOn: IsoDate | null;
  calibrationRequired: boolean;
  calibrationIntervalMonths: number | null;
  dueWarningDays: number;
  /** the maximum permissible error the lab requires, judged after each calibration. */
  confirmation: { mpe: string; unit: string | null; rule: 'simple' | 'guarded' } | null;
  retiredOn: IsoDate | null;
  retirementReason: string | null;
  /** Unguessable id the status label's QR code carries (the asset number is guessable). */
  publicId: string;
  createdBy: string;
}

export type NewEquipment = Omit<EquipmentRecord, 'id' | 'tenantId' | 'publicId' | 'createdBy' | 'retiredOn' | 'retirementReason'>;

export interface RuleBreach {
  requirement: string;
  field: string;
  message: string;
}

/**
 * Rules of the ledger on registration and change:
 * - equipment subject to calibration has an interval, so a due date can be derived;
 * - measurement-standard equipment and reference materials are always subject to it;
 * - a confirmation requirement names a positive MPE.
 */
export function ledgerRuleBreaches(e: Pick<NewEquipment, 'kind' | 'calibrationRequired' | 'calibrationIntervalMonths' | 'confirmation'>): RuleBreach[] {
  const breaches: RuleBreach[] = [];
  if ((e.kind === 'standard-equipment' || e.kind === 'reference-material') && !e.calibrationRequired) {
    breaches.push({ requirement: 'R-5.3.2', field: 'calibrationRequired', message: `${e.kind} must be subject to periodic calibration or verification` });
  }
  if (e.calibrationRequired && !e.calibrationIntervalMonths) {
    breaches.push({ requirement: 'R-5.3.2', field: 'calibrationIntervalMonths', message: 'equipment subject to calibration needs a calibration interval' });
  }
  if (e.confirmation && !/^\d+(\.\d+)?$/.test(e.confirmation.mpe)) {
    breaches.push({ requirement: 'R-5.5.4', field: 'confirmation.mpe', message: 'the maximum permissible error is a positive decimal' });
  }
  return breaches;
}

export function newEquipment(input: NewEquipment, context: { tenantId: string; createdBy: string }): EquipmentRecord {
  return {
    ...input,
    id: randomUUID(),
    tenantId: context.tenantId,
    publicId: randomBytes(12).toString('base64url'),
    createdBy: context.createdBy,
    retiredOn: null,
    retirementReason: null,
  };
}
