import { pendingRecordsFor } from './raw-record';

describe('pending raw records', () => {
  it('R-6.3.1 opens one pending record per ordered item, tied to the event that caused it', () => {
    const records = pendingRecordsFor(
      {
        tenantId: 't1',
        workOrderId: 'wo',
        orderNumber: 'WO-2026-000001',
        items: [
          { itemId: 'i1', description: 'a', serialNumber: null, serviceKind: 'calibration', methodCode: null },
          { itemId: 'i2', description: 'b', serialNumber: 'S', serviceKind: 'verification', methodCode: 'JJG 1' },
        ],
      },
      'ev-1',
      new Date(0),
    );
    expect(records.map((r) => [r.itemId, r.status, r.sourceEventId, r.tenantId])).toEqual([
      ['i1', 'pending', 'ev-1', 't1'],
      ['i2', 'pending', 'ev-1', 't1'],
    ]);
    expect(records[1].created).toMatchObject({ workOrderId: 'wo', serialNumber: 'S', methodCode: 'JJG 1', remeasurementOf: null });
  });
});
