import { randomUUID } from 'node:crypto';

/** A raw record's life; only `pending` exists until measurements are captured (issue: records). */
export type RawRecordStatus = 'pending';

export interface RawRecord {
  id: string;
  tenantId: string;
  workOrderId: string;
  orderNumber: string;
  itemId: string;
  description: string;
  serialNumber: string | null;
  serviceKind: 'calibration' | 'verification';
  methodCode: string | null;
  status: RawRecordStatus;
  sourceEventId: string;
  createdAt: Date;
}

export interface OrderedItem {
  itemId: string;
  description: string;
  serialNumber: string | null;
  serviceKind: 'calibration' | 'verification';
  methodCode: string | null;
}

/** every item of an order gets its own record, waiting for measurements. */
export function pendingRecordsFor(
  order: { tenantId: string; workOrderId: string; orderNumber: string; items: OrderedItem[] },
  sourceEventId: string,
  now: Date,
): RawRecord[] {
  return order.items.map((item) => ({
    id: randomUUID(),
    tenantId: order.tenantId,
    workOrderId: order.workOrderId,
    orderNumber: order.orderNumber,
    ...item,
    status: 'pending',
    sourceEventId,
    createdAt: now,
  }));
}
