/**
 * A raw record is its journal: an append-only list of versioned entries, each chained
 * into the institution's hash chain. The record's state at any version is the fold of its entries
 * up to that version; nothing is ever updated in place, and every version stays retrievable.
 */

export type RecordStatus =
  | 'pending' // created from the work order, not yet dispatched to a section
  | 'dispatched' // dispatched: method version and item code bound, waiting to be opened
  | 'open' // opened by an authorised calibrator: readings are being captured
  | 'submitted' // submitted for review
  | 'returned' // returned by the checker with comments
  | 'suspicious' // suspicious data found on submission: blocked, re-measurement requested
  | 'approved' // approved by a different authorised checker
  | 'remeasured' // superseded by a re-measurement record
  | 'destroyed'; // content destroyed after its retention period, by an approved list

/**
 * The clause a refusal cites when a record is not in the status an action needs: undispatched work
 * a record blocked by suspicious data until it is re-measured, one already
 * approved, superseded or destroyed whose content is final, else the controlled workflow.
 */
export function requirementForStatus(status: RecordStatus): string {
  if (status === 'pending') return 'R-7.1.1';
  if (status === 'suspicious') return 'R-8.2';
  if (status === 'approved' || status === 'remeasured' || status === 'destroyed') return 'R-6.3.4';
  return 'R-4.5';
}

export type ServiceKind = 'calibration' | 'verification';
export type Adjustment = 'not-adjusted' | 'before-adjustment' | 'after-adjustment';

export interface CreatedPayload {
  workOrderId: string;
  orderNumber: string;
  recordNumber: string;
  customerId: string | null;
  placeOfWork: 'lab' | 'on-site';
  itemId: string;
  description: string;
  serialNumber: string | null;
  serviceKind: ServiceKind;
  methodCode: string | null;
  nominalRange: string | null;
  sourceEventId: string | null;
  remeasurementOf: string | null;
  /** True for rows created before the journal existed and adopted into it. */
  adopted?: boolean;
}

export interface DispatchedPayload {
  contractId: string;
  contractVersion: number;
  section: string;
  methodCode: string;
  methodVersion: string;
  itemCode: string;
  place: 'lab' | 'on-site';
  promisedDate: string | null;
  dispatchedBy: string;
  dispatchedAt: string;
  sourceEventId: string;
}

export interface EnvironmentalLimit {
  quantity: string;
  lower: string | null;
  upper: string | null;
  unit: string;
}

export interface MethodReading {
  symbol: string;
  description: string;
  unit: string;
  repetitions: number;
}

export interface MethodSnapshot {
  methodId: string;
  code: string;
  version: string;
  title: string;
  status: string;
  environmentalLimits: EnvironmentalLimit[];
  readings: MethodReading[];
  measurementModel: { output: string; expression: string; inputs: string[] } | null;
}

export interface StandardSnapshot {
  standardId: string;
  code: string;
  name: string;
  validUntil: string | null;
  certificates: { kind: string; number: string; issuer: string; issuedOn: string; validUntil: string }[];
}

export interface EquipmentSnapshot {
  equipmentId: string;
  assetNumber: string;
  name: string;
  kind: string;
  status: string;
  lastCalibratedOn: string | null;
  dueDate: string | null;
}

export interface OnSiteClearanceSnapshot {
  jobId: string;
  conditionsMeetMethod: boolean;
  impactAssessmentId: string | null;
  technicalManagerConsentBy: string | null;
  customerConsentId: string | null;
  clearedAt: string;
}

export interface OpenedPayload {
  calibrator: string;
  authorisationId: string;
  openedOn: string;
  method: MethodSnapshot;
  standards: StandardSnapshot[];
  equipment: EquipmentSnapshot[];
  room: { roomId: string; roomCode: string } | null;
  placeOfWork: 'lab' | 'on-site';
  onSiteClearance: OnSiteClearanceSnapshot | null;
  adjustmentConsentId: string | null;
}

export interface ReadingPayload {
  observationId: string;
  symbol: string;
  point: string;
  nominal: string | null;
  adjustment: Adjustment;
  repeat: number;
  value: string;
  unit: string;
  /** Server stamp. */
  receivedAt: string;
  /** When the calibrator's device says it was read; null when not given. */
  claimedAt: string | null;
  late: boolean;
  lateReason: string | null;
  authorisationId: string;
}

export interface ConditionPayload {
  observationId: string;
  quantity: string;
  value: string;
  unit: string;
  receivedAt: string;
  claimedAt: string | null;
  late: boolean;
  lateReason: string | null;
}

export interface CorrectionPayload {
  observationId: string;
  previousValue: string;
  value: string;
  reason: string;
  authorisationId: string;
}

export interface ReturnedPayload {
  comments: string;
  basisVersion: number;
}

export interface SubmittedPayload {
  basisVersion: number;
  calculationVersion: number;
  outcome: 'submitted' | 'suspicious';
  findings: SuspicionFinding[];
  detectionId: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EnvironmentEvaluation (environment.ts)
  environment: any;
}

export interface SuspicionFinding {
  check: 'outlier-grubbs' | 'outlier-dixon' | 'implausible-value' | 'step-change' | 'check-standard-disagreement';
  subject: string;
  point: string | null;
  values: string[];
  statistic: string | null;
  critical: string | null;
  significance: string | null;
  detail: string;
}

export interface ApprovedPayload {
  basisVersion: number;
  calculationVersion: number;
  checker: string;
  authorisationId: string;
  retentionClass: string;
  retainUntil: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EnvironmentEvaluation (environment.ts)
  environment: any;
}

export interface RemeasurementPayload {
  remeasurementRecordId: string;
  detectionId: string | null;
  reason: string;
  retentionClass: string;
  retainUntil: string;
}

export interface DestroyedPayload {
  destructionListId: string;
  approvedBy: string;
  retainUntil: string;
}

/** One entry of a record's journal as stored (the chain fields omitted). */
export interface JournalEntry {
  id: string;
  seq: number;
  recordVersion: number;
  kind: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- payload shape depends on kind
  payload: any;
  actor: string;
  recordedAt: string;
  entryHash: string;
}

export interface ObservationCorrection {
  version: number;
  previousValue: string;
  value: string;
  reason: string;
  by: string;
  at: string;
}

export interface Observation {
  observationId: string;
  type: 'reading' | 'condition';
  /** Reading symbol or environmental quantity. */
  symbol: string;
  point: string | null;
  nominal: string | null;
  adjustment: Adjustment;
  repeat: number | null;
  unit: string;
  /** The current value: the last correction's, or the original. */
  value: string;
  originalValue: string;
  receivedAt: string;
  claimedAt: string | null;
  late: boolean;
  lateReason: string | null;
  capturedBy: string;
  capturedInVersion: number;
  corrections: ObservationCorrection[];
}

export interface RecordState {
  recordId: string;
  version: number;
  status: RecordStatus;
  created: CreatedPayload | null;
  dispatch: DispatchedPayload | null;
  opening: (OpenedPayload & { version: number; at: string }) | null;
  observations: Observation[];
  /** Last version that changed what was measured (opening, readings, conditions, corrections). */
  contentVersion: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see calculation.ts
  calculation: (any & { version: number; at: string; by: string }) | null;
  submission: (SubmittedPayload & { version: number; at: string; by: string }) | null;
  returns: (ReturnedPayload & { version: number; at: string; by: string })[];
  approval: (ApprovedPayload & { version: number; at: string; entryHash: string; seq: number }) | null;
  remeasurement: (RemeasurementPayload & { version: number; at: string; by: string }) | null;
  destruction: (DestroyedPayload & { version: number; at: string }) | null;
  /** Everyone who wrote into the record: the "job" for the access log. */
  persons: string[];
  firstMeasuredAt: string | null;
  lastMeasuredAt: string | null;
}

export function emptyState(recordId: string): RecordState {
  return {
    recordId, version: 0, status: 'pending', created: null, dispatch: null, opening: null, observations: [], contentVersion: 0,
    calculation: null, submission: null, returns: [], approval: null, remeasurement: null, destruction: null, persons: [],
    firstMeasuredAt: null, lastMeasuredAt: null,
  };
}

/** Applies one journal entry; the fold of all entries is the record. */
export function apply(state: RecordState, e: JournalEntry): RecordState {
  const s: RecordState = { ...state, version: e.recordVersion, observations: state.observations, persons: state.persons };
  const person = (id: string) => {
    if (!id.startsWith('system:') && !s.persons.includes(id)) s.persons = [...s.persons, id];
  };
  if (e.payload === null) {
    // Destroyed content: the entry and who wrote it remain, what it said does not.
    if (!['created', 'dispatched', 'remeasurement-opened', 'destroyed'].includes(e.kind)) person(e.actor);
    return s;
  }
  switch (e.kind) {
    case 'created':
      s.created = e.payload;
      s.status = 'pending';
      break;
    case 'dispatched':
      s.dispatch = e.payload;
      if (s.status === 'pending') s.status = 'dispatched';
      break;
    case 'opened':
      s.opening = { ...e.payload, version: e.recordVersion, at: e.recordedAt };
      s.status = 'open';
      s.contentVersion = e.recordVersion;
      person(e.actor);
      break;
    case 'reading':
    case 'condition': {
      const p = e.payload as ReadingPayload & ConditionPayload;
      const reading = e.kind === 'reading';
      s.observations = [
        ...s.observations,
        {
          observationId: p.observationId, type: e.kind, symbol: reading ? p.symbol : p.quantity, point: reading ? p.point : null,
          nominal: reading ? p.nominal : null, adjustment: reading ? p.adjustment : 'not-adjusted', repeat: reading ? p.repeat : null,
          unit: p.unit, value: p.value, originalValue: p.value, receivedAt: p.receivedAt, claimedAt: p.claimedAt, late: p.late,
          lateReason: p.lateReason, capturedBy: e.actor, capturedInVersion: e.recordVersion, corrections: [],
        },
      ];
      s.contentVersion = e.recordVersion;
      if (reading) {
        const at = p.late && p.claimedAt ? p.claimedAt : p.receivedAt;
        if (!s.firstMeasuredAt || at < s.firstMeasuredAt) s.firstMeasuredAt = at;
        if (!s.lastMeasuredAt || at > s.lastMeasuredAt) s.lastMeasuredAt = at;
      }
      person(e.actor);
      break;
    }
    case 'correction': {
      const p = e.payload as CorrectionPayload;
      s.observations = s.observations.map((o) =>
        o.observationId === p.observationId
          ? { ...o, value: p.value, corrections: [...o.corrections, { version: e.recordVersion, previousValue: p.previousValue, value: p.value, reason: p.reason, by: e.actor, at: e.recordedAt }] }
          : o,
      );
      s.contentVersion = e.recordVersion;
      person(e.actor);
      break;
    }
    case 'calculated':
      s.calculation = { ...e.payload, version: e.recordVersion, at: e.recordedAt, by: e.actor };
      person(e.actor);
      break;
    case 'submitted':
      s.submission = { ...e.payload, version: e.recordVersion, at: e.recordedAt, by: e.actor };
      s.status = e.payload.outcome === 'suspicious' ? 'suspicious' : 'submitted';
      person(e.actor);
      break;
    case 'returned':
      s.returns = [...s.returns, { ...e.payload, version: e.recordVersion, at: e.recordedAt, by: e.actor }];
      s.status = 'returned';
      person(e.actor);
      break;
    case 'approved':
      s.approval = { ...e.payload, version: e.recordVersion, at: e.recordedAt, entryHash: e.entryHash, seq: e.seq };
      s.status = 'approved';
      person(e.actor);
      break;
    case 'remeasurement-opened':
      s.remeasurement = { ...e.payload, version: e.recordVersion, at: e.recordedAt, by: e.actor };
      s.status = 'remeasured';
      break;
    case 'destroyed':
      s.destruction = { ...e.payload, version: e.recordVersion, at: e.recordedAt };
      s.status = 'destroyed';
      break;
    default:
      throw new Error(`unknown journal entry kind ${e.kind}`);
  }
  return s;
}

export function fold(recordId: string, entries: readonly JournalEntry[], upToVersion = Number.MAX_SAFE_INTEGER): RecordState {
  return entries.filter((e) => e.recordVersion <= upToVersion).sort((a, b) => a.recordVersion - b.recordVersion).reduce(apply, emptyState(recordId));
}

/** The current observations of the record's readings (not conditions). */
export const readingsOf = (s: RecordState) => s.observations.filter((o) => o.type === 'reading');
export const conditionsOf = (s: RecordState) => s.observations.filter((o) => o.type === 'condition');
