import { randomUUID } from 'node:crypto';
import { ContractViolation, eventCatalog, parseEvent, parseEventBytes } from './index';

const validCreated = () => ({
  id: randomUUID(),
  type: 'intake.work-order.created',
  version: 1,
  occurredAt: new Date().toISOString(),
  tenant: 'inst-a',
  aggregateId: 'wo-1',
  traceparent: null,
  payload: {
    workOrderId: randomUUID(),
    orderNumber: 'WO-2026-000001',
    customerId: 'cust-1',
    placeOfWork: 'lab',
    dueDate: '2026-12-10',
    items: [
      { itemId: randomUUID(), description: 'Gauge block 50 mm', serialNumber: 'GB-50', serviceKind: 'calibration', methodCode: 'JJG 146-2011' },
    ],
  },
});

describe('event contracts', () => {
  it('accepts a valid work-order.created v1 event', () => {
    const parsed = parseEvent(validCreated());
    expect(parsed.type).toBe('intake.work-order.created');
    expect((parsed.payload as { items: unknown[] }).items).toHaveLength(1);
  });

  it.each([
    ['malformed-json', Buffer.from('{not json')],
    ['invalid-envelope', Buffer.from(JSON.stringify({ ...validCreated(), id: 'not-a-uuid' }))],
    ['unknown-type-or-version', Buffer.from(JSON.stringify({ ...validCreated(), version: 99 }))],
    ['invalid-payload', Buffer.from(JSON.stringify({ ...validCreated(), payload: { workOrderId: 'x' } }))],
  ])('rejects %s with that reason', (reason, bytes) => {
    expect(() => parseEventBytes(bytes)).toThrow(ContractViolation);
    try {
      parseEventBytes(bytes);
    } catch (error) {
      expect((error as ContractViolation).reason).toBe(reason);
    }
  });

  it('rejects a measured value sent as a binary float', () => {
    const event = validCreated();
    (event.payload.items[0] as Record<string, unknown>).nominalRange = 50.0;
    expect(() => parseEvent(event)).toThrow(/nominalRange/);
  });

  it('has exactly one contract per type and version', () => {
    const keys = eventCatalog.map((c) => `${c.type}@${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
