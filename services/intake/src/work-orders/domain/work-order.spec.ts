import { formatOrderNumber, openWorkOrder } from './work-order';

describe('work order', () => {
  it('formats gap-free order numbers per year', () => {
    expect(formatOrderNumber(2026, 42)).toBe('WO-2026-000042');
  });

  it('R-6.1.1 opens an order with numbered items, each with its own id', () => {
    const order = openWorkOrder(
      {
        customerId: 'c-1',
        placeOfWork: 'lab',
        dueDate: null,
        items: [
          { description: 'Gauge block', serialNumber: '1', serviceKind: 'calibration', methodCode: 'JJF 1001' },
          { description: 'Balance', serialNumber: null, serviceKind: 'verification', methodCode: null },
        ],
      },
      { tenantId: 't', createdBy: 'u', orderNumber: 'WO-2026-000001', now: new Date() },
    );
    expect(order.items.map((i) => i.position)).toEqual([1, 2]);
    expect(new Set(order.items.map((i) => i.id)).size).toBe(2);
    expect(order.status).toBe('open');
  });
});
