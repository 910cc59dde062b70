import { RecordState } from './record-state';

/**
 * The raw_record row is a projection of the journal, kept for search. It is rewritten
 * from the fold after every append, and the chain check recomputes it: a row changed directly in
 * SQL no longer matches its journal.
 */
export interface RecordProjection {
  status: string;
  currentVersion: number;
  headHash: string | null;
  recordNumber: string | null;
  customerId: string | null;
  placeOfWork: string | null;
  nominalRange: string | null;
  itemCode: string | null;
  methodCode: string | null;
  methodVersion: string | null;
  methodId: string | null;
  section: string | null;
  promisedDate: string | null;
  calibrator: string | null;
  checker: string | null;
  persons: string[];
  roomId: string | null;
  roomCode: string | null;
  standardIds: string[];
  equipmentIds: string[];
  openedAt: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  measuredFrom: string | null;
  measuredTo: string | null;
  retentionClass: string | null;
  retainUntil: string | null;
  remeasurementOf: string | null;
  remeasuredBy: string | null;
  blockedBy: { check: string; subject: string; detail: string }[];
  destroyedAt: string | null;
}

export function projectionOf(s: RecordState, headHash: string | null): RecordProjection {
  const calc = s.calculation as { bmc?: { resultId: string; outcome: string; detail: string }[]; version: number } | null;
  const blockedBy: RecordProjection['blockedBy'] = [];
  if (calc?.bmc) for (const b of calc.bmc.filter((b) => b.outcome !== 'ok')) blockedBy.push({ check: b.outcome, subject: b.resultId, detail: b.detail });
  if (s.status === 'suspicious' && s.submission) for (const f of s.submission.findings) blockedBy.push({ check: f.check, subject: f.subject, detail: f.detail });
  return {
    status: s.status,
    currentVersion: s.version,
    headHash,
    recordNumber: s.created?.recordNumber ?? null,
    customerId: s.created?.customerId ?? null,
    placeOfWork: s.opening?.placeOfWork ?? s.dispatch?.place ?? s.created?.placeOfWork ?? null,
    nominalRange: s.created?.nominalRange ?? null,
    itemCode: s.dispatch?.itemCode ?? null,
    methodCode: s.opening?.method.code ?? s.dispatch?.methodCode ?? s.created?.methodCode ?? null,
    methodVersion: s.opening?.method.version ?? s.dispatch?.methodVersion ?? null,
    methodId: s.opening?.method.methodId ?? null,
    section: s.dispatch?.section ?? null,
    promisedDate: s.dispatch?.promisedDate ?? null,
    calibrator: s.opening?.calibrator ?? null,
    checker: s.approval?.checker ?? null,
    persons: [...s.persons].sort(),
    roomId: s.opening?.room?.roomId ?? null,
    roomCode: s.opening?.room?.roomCode ?? null,
    standardIds: s.opening?.standards.map((x) => x.standardId) ?? [],
    equipmentIds: s.opening?.equipment.map((x) => x.equipmentId) ?? [],
    openedAt: s.opening?.at ?? null,
    submittedAt: s.submission?.at ?? null,
    approvedAt: s.approval?.at ?? null,
    measuredFrom: s.firstMeasuredAt,
    measuredTo: s.lastMeasuredAt,
    retentionClass: s.approval?.retentionClass ?? s.remeasurement?.retentionClass ?? null,
    retainUntil: s.approval?.retainUntil ?? s.remeasurement?.retainUntil ?? null,
    remeasurementOf: s.created?.remeasurementOf ?? null,
    remeasuredBy: s.remeasurement?.remeasurementRecordId ?? null,
    blockedBy,
    destroyedAt: s.destruction?.at ?? null,
  };
}
