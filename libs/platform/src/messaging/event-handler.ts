import { EntityManager } from 'typeorm';
import { EventEnvelope, EventType, PayloadOf } from '@calchain/contracts';

/**
 * A service's reaction to one event type. `handle` runs inside the inbox transaction, with the
 * event's tenant set for row-level security: write effects through `em` only, so they commit
 * together with the record that the event was processed.
 */
export interface EventHandler<T extends EventType = EventType> {
  readonly eventType: T;
  handle(event: EventEnvelope<PayloadOf<T>>, em: EntityManager): Promise<void>;
}
