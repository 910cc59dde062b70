import { z } from 'zod';
import { IsoDate } from '@calchain/platform';
import { PageQuery, StoredString } from '../../shared/api/dto';

/** what is to be done (items, method), where (lab / on-site) and by when. */
export const OpenWorkOrderBody = z.object({
  customerId: StoredString(64).min(1),
  placeOfWork: z.enum(['lab', 'on-site']),
  dueDate: IsoDate.nullable().default(null),
  items: z
    .array(
      z.object({
        description: StoredString(200).min(1),
        serialNumber: StoredString(100).nullable().default(null),
        serviceKind: z.enum(['calibration', 'verification']),
        methodCode: StoredString(100).nullable().default(null),
      }),
    )
    .min(1, 'a work order has at least one item')
    .max(500),
});

export const WorkOrderIdParam = z.uuid();

export const WorkOrderQuery = PageQuery.extend({
  contractId: z.uuid().optional(),
  section: StoredString(100).min(1).optional(),
  status: z.enum(['open', 'accepted', 'dispatched', 'completed', 'cancelled']).optional(),
  customerId: StoredString(64).min(1).optional(),
});
