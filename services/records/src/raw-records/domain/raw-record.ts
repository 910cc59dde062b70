import { randomUUID } from 'node:crypto';
import { CreatedPayload } from './record-state';

export type { RecordStatus as RawRecordStatus } from './record-state';

export interface OrderedItem {
  itemId: string;
  description: string;
  serialNumber: string | null;
  serviceKind: 'calibration' | 'verification';
  methodCode: string | null;
  nominalRange?: string | null;
}

/** every item of an order gets its own record, waiting for measurements. */
export function pendingRecordsFor(
  order: { tenantId: string; workOrderId: string; orderNumber: string; customerId?: string | null; placeOfWork?: 'lab' | 'on-site'; items: OrderedItem[] },
  sourceEventId: string,
  now: Date,
): { id: string; tenantId: string; status: 'pending'; sourceEventId: string; createdAt: Date; itemId: string; created: Omit<CreatedPayload, 'recordNumber'> }[] {
  return order.items.map((item) => ({
    id: randomUUID(),
    tenantId: order.tenantId,
    itemId: item.itemId,
    status: 'pending',
    sourceEventId,
    createdAt: now,
    created: {
      workOrderId: order.workOrderId,
      orderNumber: order.orderNumber,
      customerId: order.customerId ?? null,
      placeOfWork: order.placeOfWork ?? 'lab',
      itemId: item.itemId,
      description: item.description,
      serialNumber: item.serialNumber,
      serviceKind: item.serviceKind,
      methodCode: item.methodCode,
      nominalRange: item.nominalRange ?? null,
      sourceEventId,
      remeasurementOf: null,
    },
  }));
}
