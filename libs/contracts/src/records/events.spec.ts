import { randomUUID } from 'node:crypto';
import { ContractViolation, parseEvent, PayloadOf, Topics, findContract } from '../index';

const envelope = (type: string, payload: unknown) => ({
  id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), tenant: 'lab-east', aggregateId: 'rec-1', traceparent: null, payload,
});

const approvedExample = (): PayloadOf<'records.record.approved'> => ({
  recordId: randomUUID(), recordNumber: 'RR-2026-000001', recordVersion: 3, workOrderId: randomUUID(), itemId: randomUUID(),
  orderNumber: 'WO-2026-000001', customerId: 'cust-1', itemDescription: 'Gauge block 50 mm', serialNumber: 'GB-50', itemCode: 'GB-CAL',
  serviceKind: 'calibration', placeOfWork: 'lab',
  method: { methodId: randomUUID(), code: 'JJG 146-2011', version: '2011', title: 'Gauge blocks' },
  measurementStandards: [{ standardId: randomUUID(), code: '[2024]GB-001', name: 'Gauge block standard', validUntil: '2028-04-30',
    certificates: [{ kind: 'assessment', number: 'A-1', validUntil: '2028-04-30' }] }],
  equipment: [{ equipmentId: randomUUID(), assetNumber: 'EQ-1', name: 'Comparator', kind: 'standard-equipment', lastCalibratedOn: '2026-01-10', dueDate: '2027-01-09' }],
  environment: { source: 'recorded-with-record', roomId: randomUUID(), roomCode: 'R-101', withinLimits: true, onSiteConsent: null,
    conditions: [{ quantity: 'temperature', value: '20.1', unit: '°C', lower: '19', upper: '21', withinLimits: true }] },
  measuredFrom: '2026-11-26T08:00:00.000Z', measuredTo: '2026-11-26T08:30:00.000Z', measurementDate: '2026-11-26',
  results: [{ resultId: 'L@50', quantity: 'length', point: '50 mm', nominal: '50', measuredValue: '50.00012', referenceValue: '50.00000',
    error: '0.00012', correction: '-0.00012', unit: 'mm', expandedUncertainty: '0.060', uncertaintyUnit: 'µm', coverageFactor: '2',
    coverageProbability: '0.9545', adjustment: 'not-adjusted', limit: null }],
  budgets: [{ resultId: 'L@50', evaluation: 'gum', model: { output: 'L', expression: 'lS + d' }, estimate: '50.00012',
    combinedStandardUncertainty: '0.000030', effectiveDof: 'inf', coverageFactor: '2', coverageProbability: '0.9545', expandedUncertainty: '0.000060',
    components: [{ name: 'lS', estimate: '50', standardUncertainty: '0.00002', distribution: 'normal', sensitivityCoefficient: '1', contribution: '0.00002', dof: 'inf' }],
    budgetHash: 'a'.repeat(64) }],
  adjustmentConsentId: null, remeasurementOf: null, calibratorPersonId: randomUUID(), checkerPersonId: randomUUID(),
  approvedAt: '2026-11-26T09:00:00.000Z', chain: { sequence: 12, entryHash: 'b'.repeat(64), algorithm: 'sha256' },
});

describe('records event contracts', () => {
  it('R-6.3.2 records.record.approved v1 is registered on the record topic and accepts a full record', () => {
    expect(findContract('records.record.approved', 1)?.topic).toBe(Topics.recordsRecords);
    expect(Topics.recordsRecords).toBe('calchain.records.record.v1');
    expect(parseEvent(envelope('records.record.approved', approvedExample())).type).toBe('records.record.approved');
  });

  it('R-6.3.5 refuses a measured value or uncertainty sent as a binary float', () => {
    const floated = approvedExample() as unknown as { results: Record<string, unknown>[] };
    floated.results[0].measuredValue = 50.00012;
    expect(() => parseEvent(envelope('records.record.approved', floated))).toThrow(ContractViolation);
    const floatedU = approvedExample() as unknown as { results: Record<string, unknown>[] };
    floatedU.results[0].expandedUncertainty = 0.06;
    expect(() => parseEvent(envelope('records.record.approved', floatedU))).toThrow(/expandedUncertainty/);
  });

  it('refuses an approval without results or without the chain hash', () => {
    expect(() => parseEvent(envelope('records.record.approved', { ...approvedExample(), results: [] }))).toThrow(/results/);
    expect(() => parseEvent(envelope('records.record.approved', { ...approvedExample(), chain: { sequence: 1, entryHash: 'xyz', algorithm: 'sha256' } }))).toThrow(/entryHash/);
  });

  it('R-8.2 suspicious-data.detected and chain.checkpoint v1 parse', () => {
    const suspicious = {
      detectionId: randomUUID(), recordId: randomUUID(), recordNumber: 'RR-2026-000001', recordVersion: 2, workOrderId: randomUUID(), itemId: randomUUID(),
      orderNumber: 'WO-1', itemCode: null, methodCode: 'JJG 146-2011', methodVersion: '2011', requirement: 'R-8.2', remeasurementRequested: true,
      calibratorPersonId: 'p-1', detectedAt: new Date().toISOString(),
      findings: [{ check: 'outlier-grubbs', subject: 'x', point: '50 mm', values: ['50.9'], statistic: '2.10', critical: '2.02', significance: '0.05', detail: 'Grubbs' }],
    };
    expect(parseEvent(envelope('records.suspicious-data.detected', suspicious)).type).toBe('records.suspicious-data.detected');
    const checkpoint = {
      checkpointId: randomUUID(), fromSequence: 1, toSequence: 10, entryCount: 10, headHash: 'c'.repeat(64), merkleRoot: 'd'.repeat(64),
      previousCheckpointId: null, previousHeadHash: null, algorithm: 'sha256', canonicalisation: 'calchain-canonical-json-v1', createdAt: new Date().toISOString(),
    };
    expect(findContract('records.chain.checkpoint', 1)?.topic).toBe('calchain.records.chain.v1');
    expect(parseEvent(envelope('records.chain.checkpoint', checkpoint)).type).toBe('records.chain.checkpoint');
  });
});
