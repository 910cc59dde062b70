import { IsoDate } from '@calchain/platform/calendar';

/**
 * The local read model of what the institution can do, fed by equipment and quality events
 * (architecture brief, "Communication"): authorised scope of each measurement standard,
 * status of its equipment, the method library and per-item staff
 * authorisations. Contract review reads it through the CapabilityReadModel port.
 */
export type ServiceKind = 'calibration' | 'verification';

export interface AuthorisedRange {
  lower: string;
  upper: string;
  unit: string;
  bestMeasurementCapability: { expandedUncertainty: string; unit: string; coverageFactor: string };
}

export interface AuthorisedItemView {
  itemId: string;
  name: string;
  quantity: string;
  serviceKinds: ServiceKind[];
  methodCodes: string[];
  ranges: AuthorisedRange[];
}

export interface StandardView {
  standardId: string;
  code: string;
  name: string;
  /** As decided by equipment: certificates valid, not suspended, all equipment usable. */
  valid: boolean;
  invalidReasons: string[];
  /** Earliest expiry of the certificates the standard needs; null when one is missing. */
  validUntil: IsoDate | null;
  equipmentIds: string[];
  items: AuthorisedItemView[];
}

export interface EquipmentView {
  equipmentId: string;
  assetNumber: string;
  name: string;
  status: string;
  usable: boolean;
  dueDate: IsoDate | null;
}

export interface MethodView {
  methodId: string;
  code: string;
  version: string;
  title: string;
  status: string;
  usable: boolean;
  effectiveFrom: IsoDate;
  withdrawnOn: IsoDate | null;
  supersededBy: { code: string; version: string } | null;
  environmentalLimits: { quantity: string; lower: string | null; upper: string | null; unit: string }[];
}

export type AuthorisationRole = 'calibrator' | 'checker' | 'standard-responsible' | 'authorised-signatory';

export interface AuthorisationView {
  authorisationId: string;
  personId: string;
  itemCode: string;
  role: AuthorisationRole;
  validFrom: IsoDate;
  validUntil: IsoDate;
  qualifiedForResponsible: boolean;
  /** The authorisation no longer applies from this day (inclusive); null while not revoked. */
  endedOn: IsoDate | null;
}

export interface StaffingView {
  itemCode: string;
  authorisedPersons: number;
  hasQualifiedResponsible: boolean;
  adequate: boolean;
  evaluatedOn: IsoDate;
}

export interface CapabilitySnapshot {
  standards: StandardView[];
  equipment: EquipmentView[];
  methods: MethodView[];
  authorisations: AuthorisationView[];
  staffing: StaffingView[];
}

export const emptySnapshot = (): CapabilitySnapshot => ({ standards: [], equipment: [], methods: [], authorisations: [], staffing: [] });

/** an authorisation applies on `day` within its validity and before it ended. */
export function authorisationActiveOn(a: AuthorisationView, day: IsoDate): boolean {
  return a.validFrom <= day && day <= a.validUntil && (a.endedOn === null || day < a.endedOn);
}
