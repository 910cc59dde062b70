import { z } from 'zod';
import { PageQuery } from '../../shared/api/dto';

/** what is to be done (items, method), where (lab / on-site) and by when. */
export const OpenWorkOrderBody = z.object({
  customerId: z.string().trim().min(1).max(64),
  placeOfWork: z.enum(['lab', 'on-site']),
  dueDate: z.iso.date().nullable().default(null),
  items: z
    .array(
      z.object({
        description: z.string().trim().min(1).max(200),
        serialNumber: z.string().trim().max(100).nullable().default(null),
        serviceKind: z.enum(['calibration', 'verification']),
        methodCode: z.string().trim().max(100).nullable().default(null),
      }),
    )
    .min(1, 'a work order has at least one item')
    .max(500),
});

export const WorkOrderIdParam = z.uuid();

export const WorkOrderQuery = PageQuery.extend({
  contractId: z.uuid().optional(),
  section: z.string().trim().min(1).max(100).optional(),
  status: z.enum(['open', 'accepted', 'dispatched', 'completed', 'cancelled']).optional(),
  customerId: z.string().trim().min(1).max(64).optional(),
});
