import { z } from 'zod';

/**
 * The envelope every domain event travels in (architecture brief, "Communication").
 * `aggregateId` is also the Kafka key, so events of one aggregate stay in order.
 */
export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z][a-z0-9-]*){2,}$/, 'type is <context>.<aggregate>.<event>'),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  tenant: z.string().min(1).max(64),
  aggregateId: z.string().min(1).max(200),
  traceparent: z.string().nullable().optional(),
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'payload'> & { payload: P };
