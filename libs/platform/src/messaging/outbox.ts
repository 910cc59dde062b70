import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventType, latestContract, parseEvent, PayloadOf } from '@calchain/contracts';

export interface NewEvent<T extends EventType> {
  type: T;
  tenant: string;
  aggregateId: string;
  payload: PayloadOf<T>;
}

/**
 * Writes domain events into the service's outbox table inside the caller's transaction, so an
 * event exists exactly when the state change it reports was committed.
 * Write the state change first and the event after it, so that two transactions on one aggregate
 * (serialised by the aggregate's row lock) get outbox sequence numbers in commit order.
 */
export class Outbox {
  constructor(private readonly traceparent: () => string | null = () => null) {}

  async add<T extends EventType>(em: EntityManager, event: NewEvent<T>): Promise<EventEnvelope<PayloadOf<T>>> {
    const contract = latestContract(event.type);
    if (!contract) throw new Error(`no contract for event type ${event.type}`);
    // Validated on produce: an invalid payload is a bug in this service and fails its transaction.
    const envelope = parseEvent({
      id: randomUUID(),
      type: event.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      tenant: event.tenant,
      aggregateId: event.aggregateId,
      traceparent: this.traceparent(),
      payload: event.payload,
    }) as EventEnvelope<PayloadOf<T>>;
    await em.query(
      `insert into outbox_message (id, topic, message_key, type, tenant, envelope) values ($1, $2, $3, $4, $5, $6)`,
      [envelope.id, contract.topic, envelope.aggregateId, envelope.type, envelope.tenant, JSON.stringify(envelope)],
    );
    return envelope;
  }
}
