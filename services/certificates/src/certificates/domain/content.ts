import { CertificateResultLine, PayloadOf } from '@calchain/contracts';

export type ApprovedRecord = PayloadOf<'records.record.approved'>;
export type CertificateKind = 'calibration-certificate' | 'verification-certificate' | 'verification-result-notice' | 'test-report';
export type RuleName = 'simple' | 'guarded' | 'non-binary';
export type Conformity = 'pass' | 'fail' | 'conditional-pass' | 'conditional-fail';

export type ResultLine = CertificateResultLine;

export interface Statement {
  resultId: string;
  point: string;
  limit: string;
  conformity: Conformity;
  rule: RuleName;
  guardBand: string | null;
  /** Clause of the method the limit comes from (method code and version). */
  clause: string;
}

export interface RecalibrationInterval {
  months: number;
  /** R-6.4.2.5: the only two grounds on which an interval may be stated. */
  basis: 'method-recommends' | 'customer-agreed';
  reference: string;
}

/** What a certificate says, independent of its rendering (PDF, DCC XML, JSON). */
export interface CertificateContent {
  kind: CertificateKind;
  /** The work the record documents; with the requested report it decides the kind. */
  serviceKind?: 'calibration' | 'verification';
  institution: { id: string; name: string };
  customerId: string | null;
  /**
   * R-6.4.2.1: the customer as named on the certificate (organisation name and address from the
   * contract review); `null` until intake published it, or for a natural person (id only).
   */
  customer?: CustomerOnCertificate | null;
  record: { recordId: string; recordNumber: string; recordVersion: number; workOrderId: string; orderNumber: string; chainEntryHash: string };
  item: { itemId: string; description: string; serialNumber: string | null; itemCode: string | null };
  method: { code: string; version: string; title: string | null };
  placeOfWork: 'lab' | 'on-site';
  measurementDate: string;
  standards: { standardId: string; code: string | null; name: string | null; validUntil: string | null; certificates: { kind: string; number: string; validUntil: string | null }[] }[];
  equipment: { equipmentId: string; assetNumber: string | null; name: string | null; dueDate: string | null }[];
  environment: { conditions: { quantity: string; value: string | null; unit: string; withinLimits: boolean }[]; withinLimits: boolean };
  results: ResultLine[];
  /** R-6.4.2.3: results left out of the conformity statement, kept here with the reason. */
  omittedFromStatement: { resultId: string; reason: string }[];
  /** `guardBandUnit` when the contract review gave the guard band's unit (units are never converted). */
  decisionRule: { rule: RuleName; guardBand: string | null; guardBandUnit?: string | null; agreedAt: string; contractNumber: string | null } | null;
  statements: Statement[];
  recalibrationInterval: RecalibrationInterval | null;
  /** Person ids, and the printed names each person registered (filled in at issue). */
  persons: { calibrator: string; checker: string; calibratorName?: string | null; checkerName?: string | null };
  remarks: string[];
}

export interface CustomerOnCertificate {
  name: string;
  address: string | null;
}

/** What the customer asked to receive for the item at contract review. */
export type RequestedReport = 'certificate' | 'test-report';

/**
 * a verification whose results fail gets a result notice instead of a
 * certificate; an item whose contract asked for a test report gets a test report.
 */
export function kindFor(serviceKind: 'calibration' | 'verification', anyFailure: boolean, requested: RequestedReport = 'certificate'): CertificateKind {
  if (requested === 'test-report') return 'test-report';
  if (serviceKind === 'calibration') return 'calibration-certificate';
  return anyFailure ? 'verification-result-notice' : 'verification-certificate';
}

/** Numbering series: test reports count in a series of their own, certificates in another. */
export type NumberSeries = 'certificate' | 'test-report';
export const seriesOf = (kind: CertificateKind): NumberSeries => (kind === 'test-report' ? 'test-report' : 'certificate');

export function contentFromRecord(r: ApprovedRecord, institution: { id: string; name: string }, requested: RequestedReport = 'certificate'): CertificateContent {
  return {
    kind: kindFor(r.serviceKind, false, requested),
    serviceKind: r.serviceKind,
    institution,
    customerId: r.customerId,
    record: {
      recordId: r.recordId, recordNumber: r.recordNumber, recordVersion: r.recordVersion, workOrderId: r.workOrderId, orderNumber: r.orderNumber,
      chainEntryHash: r.chain.entryHash,
    },
    item: { itemId: r.itemId, description: r.itemDescription, serialNumber: r.serialNumber, itemCode: r.itemCode },
    method: { code: r.method.code, version: r.method.version, title: r.method.title },
    placeOfWork: r.placeOfWork,
    measurementDate: r.measurementDate,
    standards: r.measurementStandards.map((s) => ({ standardId: s.standardId, code: s.code, name: s.name, validUntil: s.validUntil, certificates: s.certificates })),
    equipment: r.equipment.map((e) => ({ equipmentId: e.equipmentId, assetNumber: e.assetNumber, name: e.name, dueDate: e.dueDate })),
    environment: {
      conditions: r.environment.conditions.map((c) => ({ quantity: c.quantity, value: c.value, unit: c.unit, withinLimits: c.withinLimits })),
      withinLimits: r.environment.withinLimits,
    },
    results: r.results.map((x) => ({ ...x })),
    omittedFromStatement: [],
    decisionRule: null,
    statements: [],
    recalibrationInterval: null,
    persons: { calibrator: r.calibratorPersonId, checker: r.checkerPersonId },
    remarks: [],
  };
}
