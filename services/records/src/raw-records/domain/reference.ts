import { EnvironmentalLimit, MethodReading } from './record-state';

/**
 * The local read models of other services' events, as the domain rules see them (rows of the
 * rm_* tables). Each is the full current state its producer announced.
 */
export interface MethodRow {
  methodId: string;
  code: string;
  version: string;
  title: string;
  status: string;
  usable: boolean;
  effectiveFrom: string;
  withdrawnOn: string | null;
  environmentalLimits: EnvironmentalLimit[];
  readings: MethodReading[];
  measurementModel: { output: string; expression: string; inputs: string[] } | null;
  requiredEquipmentKinds: string[];
}

export interface EquipmentRow {
  equipmentId: string;
  assetNumber: string;
  name: string;
  kind: string;
  status: string;
  reason: string;
  usable: boolean;
  effectiveOn: string;
  lastCalibratedOn: string | null;
  dueDate: string | null;
}

export interface ScopeRange {
  lower: string;
  upper: string;
  unit: string;
  bestMeasurementCapability: { expandedUncertainty: string; unit: string; coverageFactor: string };
}

export interface ScopeItem {
  itemId: string;
  name: string;
  quantity: string;
  serviceKinds: string[];
  methodCodes: string[];
  ranges: ScopeRange[];
}

export interface StandardRow {
  standardId: string;
  code: string;
  name: string;
  category: string;
  valid: boolean;
  invalidReasons: string[];
  validUntil: string | null;
  certificates: { kind: string; number: string; issuer: string; issuedOn: string; validUntil: string }[];
  equipmentIds: string[];
  items: ScopeItem[];
}

export interface AuthorisationRow {
  authorisationId: string;
  personId: string;
  itemCode: string;
  role: string;
  validFrom: string;
  validUntil: string;
  endedOn: string | null;
  endReason: string | null;
}

export interface ExcursionRow {
  excursionId: string;
  roomId: string;
  roomCode: string;
  quantity: string;
  unit: string | null;
  lower: string | null;
  upper: string | null;
  value: string | null;
  worstValue: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface OnSiteClearanceRow {
  jobId: string;
  itemIds: string[];
  conditionsMeetMethod: boolean;
  impactAssessmentId: string | null;
  technicalManagerConsentBy: string | null;
  customerConsentId: string | null;
  clearedAt: string;
}
