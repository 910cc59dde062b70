import { randomUUID } from 'node:crypto';
import { ContractViolation, parseEvent } from '../index';

const envelope = (type: string, payload: unknown) => ({
  id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), tenant: 'lab-east', aggregateId: 'agg-1', traceparent: null, payload,
});

const scope = () => ({
  standardId: randomUUID(), code: '[2024]GB-001', name: 'Gauge block standard', category: 'enterprise-highest', servesSociety: true, valid: true,
  invalidReasons: [], validUntil: '2026-05-31',
  certificates: [{ kind: 'assessment', number: 'A-1', issuer: 'SAMR', issuedOn: '2024-05-01', validUntil: '2028-04-30' }],
  equipmentIds: [randomUUID()],
  items: [{
    itemId: randomUUID(), name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration'], methodCodes: ['JJG 146-2011'],
    ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } }],
  }],
});

describe('equipment event contracts', () => {
  it('R-4.1.2 accepts a scope with decimal strings and refuses a capability sent as a float', () => {
    expect(parseEvent(envelope('equipment.measurement-standard.scope-changed', scope())).type).toBe('equipment.measurement-standard.scope-changed');
    const floated = scope();
    (floated.items[0].ranges[0].bestMeasurementCapability as Record<string, unknown>).expandedUncertainty = 0.05;
    expect(() => parseEvent(envelope('equipment.measurement-standard.scope-changed', floated))).toThrow(ContractViolation);
  });

  it('R-5.3.2 a status change carries a known status and the usable bit', () => {
    const payload = {
      equipmentId: randomUUID(), assetNumber: 'TH-1', name: 'Thermometer', kind: 'instrument', status: 'overdue', previousStatus: 'due',
      reason: 'calibration-overdue', usable: false, effectiveOn: '2026-08-20', lastCalibratedOn: '2026-02-20', dueDate: '2026-08-19', measurementStandardIds: [],
    };
    expect(parseEvent(envelope('equipment.equipment.status-changed', payload)).payload).toMatchObject({ usable: false });
    expect(() => parseEvent(envelope('equipment.equipment.status-changed', { ...payload, status: 'broken' }))).toThrow(/status/);
  });
});
