import { z } from 'zod';
import { AttachmentBody } from '../../item-handling/api/item-handling.dto';
import { DateText, DecimalText, PageQuery, StoredString, Text } from '../../shared/api/dto';

export const PlanJobBody = z.object({
  contractId: z.uuid(),
  itemIds: z.array(z.uuid()).min(1).max(500),
  siteAddress: Text(500),
  /** outside the institution's region: travel and shipping evidence is required. */
  crossRegion: z.boolean(),
  plannedDate: DateText,
  safetyChecklist: z.array(Text(300)).min(1).max(50).nullable().default(null),
});

export const EnvironmentSentBody = z.object({ channel: z.enum(['written', 'e-mail', 'phone', 'in-person', 'portal']), contactId: z.uuid().nullable().default(null) });

export const SafetyBody = z.object({ acknowledged: z.array(Text(300)).max(50) });

export const ConditionsBody = z.object({
  readings: z.array(z.object({ quantity: Text(50), value: DecimalText, unit: StoredString(30).min(1) })).max(50),
});

export const ImpactBody = z.object({ assessment: Text(5000) });

export const DecisionBody = z.object({ decision: z.enum(['granted', 'refused']) });

export const OnSiteAttachmentBody = AttachmentBody.extend({ kind: z.enum(['travel-ticket', 'accommodation-invoice', 'standard-shipping-note', 'other']) });

export const OnSiteQuery = PageQuery.extend({ contractId: z.uuid().optional(), status: z.enum(['planned', 'measurement-cleared', 'closed']).optional() });
