import { z } from 'zod';
import { defineEvent } from '../catalog-define';
import { Topics } from '../topics';

/** A decimal string as measured or reported: never a binary float on the wire. */
const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'decimal string');

export const ServiceKind = z.enum(['calibration', 'verification']);

export const WorkOrderItemV1 = z.object({
  itemId: z.uuid(),
  description: z.string().min(1).max(200),
  serialNumber: z.string().max(100).nullable(),
  serviceKind: ServiceKind,
  methodCode: z.string().max(100).nullable(),
  nominalRange: DecimalString.nullable().optional(),
});

/** intake.work-order.created v1 — no personal data: the customer travels as an id only. */
export const WorkOrderCreatedV1 = z.object({
  workOrderId: z.uuid(),
  orderNumber: z.string().min(1),
  customerId: z.string().min(1),
  placeOfWork: z.enum(['lab', 'on-site']),
  items: z.array(WorkOrderItemV1).min(1),
  dueDate: z.iso.date().nullable(),
});

export const intakeEvents = [
  defineEvent({ type: 'intake.work-order.created', version: 1, topic: Topics.intakeWorkOrders, schema: WorkOrderCreatedV1 }),
] as const;
