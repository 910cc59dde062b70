import { z } from 'zod';
import { OptionalText, PageQuery, StoredString, Text } from '../../shared/api/dto';

const Checklist = z.array(z.object({ name: Text(200), quantity: z.number().int().min(1).max(10000) })).max(100).default([]);
const Documents = z.array(Text(200)).max(100).default([]);

/** A file in the document store, by its content hash (the bytes are not sent through this API). */
export const AttachmentBody = z.object({
  fileName: Text(255),
  mediaType: z.string().trim().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a media type, e.g. image/jpeg'),
  sizeBytes: z.number().int().min(0).max(100_000_000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
  storageRef: Text(500),
});

const Photos = z.array(AttachmentBody.refine((a) => a.mediaType.startsWith('image/'), { message: 'a photo is an image', path: ['mediaType'] })).max(20).default([]);

/** how the item came in and in which state, with its checklist and photos. */
export const ReceiveItemBody = z.object({
  channel: z.enum(['delivered', 'mailed', 'picked-up']),
  condition: Text(2000),
  conditionAcceptable: z.boolean(),
  accessories: Checklist,
  documents: Documents,
  photos: Photos,
});

/** the signed hand-over: what goes back, to whom, where the signature is, and photos of the item as it left. */
export const ReturnItemBody = z.object({
  accessories: Checklist,
  documents: Documents,
  photos: Photos,
  handedOverTo: z.uuid().nullable().default(null),
  receiverDescription: OptionalText(300),
  signatureRef: Text(300),
});

export const AdjustmentBody = z.object({ description: Text(2000) });

export const StateChangeNoticeBody = z.object({
  kind: z.enum(['adjusted', 'repaired', 'damaged', 'other']),
  description: Text(2000),
  channel: z.enum(['written', 'phone', 'e-mail', 'in-person', 'portal']),
  contactId: z.uuid().nullable().default(null),
});

export const IntakeQuery = PageQuery.extend({ contractId: z.uuid().optional(), label: StoredString(40).min(1).optional() });
