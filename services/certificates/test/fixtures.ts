import { randomUUID } from 'node:crypto';
import { PayloadOf } from '@calchain/contracts';

export type ApprovedRecord = PayloadOf<'records.record.approved'>;
type Result = ApprovedRecord['results'][number];

export function result(over: Partial<Result> = {}): Result {
  return {
    resultId: 'r1', quantity: '示值误差', point: '10 mm', nominal: '10', measuredValue: '10.002', referenceValue: '10.000', error: '0.002', correction: '-0.002',
    unit: 'mm', expandedUncertainty: '0.003', uncertaintyUnit: 'mm', coverageFactor: '2', coverageProbability: '0.95', adjustment: 'not-adjusted', limit: null, ...over,
  };
}

/** An approved record as records.record.approved v1 carries it. */
export function approvedRecord(over: Partial<ApprovedRecord> = {}): ApprovedRecord {
  return {
    recordId: randomUUID(), recordNumber: `R-${randomUUID().slice(0, 6)}`, recordVersion: 1, workOrderId: randomUUID(), itemId: randomUUID(), orderNumber: 'WO-2026-0001',
    customerId: 'cust-1', itemDescription: '外径千分尺 outside micrometer', serialNumber: 'SN-42', itemCode: 'JJG 21-2008', serviceKind: 'calibration', placeOfWork: 'lab',
    method: { methodId: randomUUID(), code: 'JJF 1000-2026', version: '2026', title: '千分尺校准规范' },
    measurementStandards: [{ standardId: randomUUID(), code: 'STD-1', name: '量块标准装置', validUntil: '2027-01-01', certificates: [{ kind: 'calibration', number: 'NIM-1', validUntil: '2027-01-01' }] }],
    equipment: [{ equipmentId: randomUUID(), assetNumber: 'EQ-1', name: '量块', kind: 'standard-equipment', lastCalibratedOn: '2026-01-01', dueDate: '2027-01-01' }],
    environment: { source: 'recorded-with-record', roomId: null, roomCode: null, conditions: [{ quantity: 'temperature', value: '20.1', unit: '℃', lower: '18', upper: '22', withinLimits: true }], withinLimits: true, onSiteConsent: null },
    measuredFrom: '2026-03-01T01:00:00.000Z', measuredTo: '2026-03-01T02:00:00.000Z', measurementDate: '2026-03-01',
    results: [result()], budgets: [], adjustmentConsentId: null, remeasurementOf: null, calibratorPersonId: randomUUID(), checkerPersonId: randomUUID(),
    approvedAt: '2026-03-01T03:00:00.000Z', chain: { sequence: 1, entryHash: 'a'.repeat(64), algorithm: 'sha256' },
    ...over,
  };
}
