import { randomUUID } from 'node:crypto';

import { ItemStatus } from './item-status';

export type ServiceKind = 'calibration' | 'verification';
export type PlaceOfWork = 'lab' | 'on-site';
/** open: opened directly (no contract); accepted → dispatched → completed: born from an accepted contract. */
export type WorkOrderStatus = 'open' | 'accepted' | 'dispatched' | 'completed' | 'cancelled';

export interface WorkOrderItem {
  id: string;
  position: number;
  description: string;
  serialNumber: string | null;
  serviceKind: ServiceKind;
  methodCode: string | null;
}

/** An item of a work order with where it is. Items of contract work orders have the contract item's id. */
export interface WorkOrderItemView extends WorkOrderItem {
  status: ItemStatus;
  place: PlaceOfWork | null;
  methodVersion: string | null;
  itemCode: string | null;
  promisedDate: string | null;
}

/** A customer's order for work on one or more items (R-6.1.1: content, basis, place, time). */
export interface WorkOrder {
  id: string;
  tenantId: string;
  orderNumber: string;
  customerId: string;
  placeOfWork: PlaceOfWork;
  dueDate: string | null;
  status: 'open';
  createdBy: string;
  createdAt: Date;
  items: WorkOrderItem[];
}

/** A work order as read back: legacy orders and those born from contracts alike. */
export interface WorkOrderView extends Omit<WorkOrder, 'status' | 'items'> {
  status: WorkOrderStatus;
  contractId: string | null;
  contractVersion: number | null;
  section: string | null;
  dispatchedAt: Date | null;
  dispatchedBy: string | null;
  items: WorkOrderItemView[];
}

export interface NewWorkOrder {
  customerId: string;
  placeOfWork: PlaceOfWork;
  dueDate: string | null;
  items: Omit<WorkOrderItem, 'id' | 'position'>[];
}

/** Order numbers are per institution and year, gap-free: WO-2026-000042. */
export function formatOrderNumber(year: number, sequence: number): string {
  return `WO-${year}-${String(sequence).padStart(6, '0')}`;
}

export function openWorkOrder(
  input: NewWorkOrder,
  context: { tenantId: string; createdBy: string; orderNumber: string; now: Date },
): WorkOrder {
  return {
    id: randomUUID(),
    tenantId: context.tenantId,
    orderNumber: context.orderNumber,
    customerId: input.customerId,
    placeOfWork: input.placeOfWork,
    dueDate: input.dueDate,
    status: 'open',
    createdBy: context.createdBy,
    createdAt: context.now,
    items: input.items.map((item, index) => ({ ...item, id: randomUUID(), position: index + 1 })),
  };
}
