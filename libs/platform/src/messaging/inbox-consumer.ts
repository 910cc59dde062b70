import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import {
  ContractViolation, deadLetterTopic, EventEnvelope, EventEnvelopeSchema, latestContract, parseEvent,
} from '@calchain/contracts';
import { inTenantTransaction } from '../database/tenant-scope';
import { EventHandler } from './event-handler';
import { IncomingMessage, MessageBus, MessagePublisher, MessageSubscriber } from './message-bus';
import { isTransientError } from './transient-error';

export interface InboxConsumerOptions {
  groupId: string;
  maxAttempts: number;
  log: (level: 'error' | 'warn' | 'info', message: string, extra?: object) => void;
  /** Told of each handled message (metrics); `outcome` is 'retry' when a transient error rejected it. */
  onHandled?: (m: { topic: string; outcome: InboxOutcome | 'retry'; seconds: number; occurredAt?: string }) => void;
  onDeadLettered?: (m: { topic: string; reason: string }) => void;
  /** Runs the handling of one message in a context of its own (tracing continues the producer's trace). */
  around?: <T>(message: IncomingMessage, fn: () => Promise<T>) => Promise<T>;
}

export type InboxOutcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

/**
 * Consumes the topics of its handlers with exactly-once effects:
 * - the event id goes into `inbox_message` in the same transaction as the handler's effects, so
 *   a redelivery finds it and changes nothing;
 * - an invalid message, an unknown version, or a handler that fails `maxAttempts` times goes to
 *   the group's dead-letter topic with the reason, and the partition moves on;
 * - infrastructure errors (database down) are retried without limit and never dead-lettered.
 */
export class InboxConsumer {
  private readonly handlers = new Map<string, EventHandler>();
  private subscriber: MessageSubscriber | undefined;
  readonly counts: Record<InboxOutcome, number> = { applied: 0, duplicate: 0, ignored: 0, 'dead-lettered': 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly publisher: MessagePublisher,
    handlers: EventHandler[],
    private readonly options: InboxConsumerOptions,
  ) {
    for (const handler of handlers) {
      if (this.handlers.has(handler.eventType)) throw new Error(`two handlers for ${handler.eventType}`);
      this.handlers.set(handler.eventType, handler);
    }
  }

  topics(): string[] {
    return [...new Set([...this.handlers.keys()].map((type) => latestContract(type)!.topic))];
  }

  async start(): Promise<void> {
    await this.publisher.ensureTopics([...this.topics(), deadLetterTopic(this.options.groupId)]);
    this.subscriber = this.bus.subscriber(this.options.groupId);
    await this.subscriber.start(this.topics(), (m) => this.process(m).then(() => undefined));
  }

  isRunning(): boolean {
    return this.subscriber?.isRunning() ?? false;
  }

  async stop(): Promise<void> {
    await this.subscriber?.stop();
  }

  /** Handles one delivered message; rejects only on transient errors (the message comes again). */
  async process(message: IncomingMessage): Promise<InboxOutcome> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const around = this.options.around ?? ((_m, fn) => fn());
    let outcome: InboxOutcome;
    try {
      outcome = await around(message, () => this.classifyAndApply(message));
    } catch (error) {
      this.options.onHandled?.({ topic: message.topic, outcome: 'retry', seconds: seconds() });
      throw error;
    }
    this.counts[outcome]++;
    this.options.onHandled?.({ topic: message.topic, outcome, seconds: seconds(), occurredAt: occurredAt(message) });
    return outcome;
  }

  private async classifyAndApply(message: IncomingMessage): Promise<InboxOutcome> {
    let event: EventEnvelope;
    try {
      const raw = JSON.parse(message.value?.toString() ?? 'null');
      const envelope = EventEnvelopeSchema.safeParse(raw);
      // Topics carry every event of an aggregate; types this service does not handle are skipped.
      if (envelope.success && !this.handlers.has(envelope.data.type)) return 'ignored';
      event = parseEvent(raw);
    } catch (error) {
      const reason = error instanceof ContractViolation ? error.reason : 'malformed-json';
      await this.deadLetter(message, reason, (error as Error).message);
      return 'dead-lettered';
    }
    const handler = this.handlers.get(event.type)!;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(event, message, handler);
      } catch (error) {
        if (isTransientError(error)) throw error;
        if (attempt >= this.options.maxAttempts) {
          await this.deadLetter(message, 'handler-failed', (error as Error).message);
          return 'dead-lettered';
        }
        this.options.log('warn', 'event handler failed; retrying', { type: event.type, eventId: event.id, attempt, error: (error as Error).message });
        await sleep(Math.min(5000, 100 * 2 ** attempt));
      }
    }
  }

  private applyOnce(event: EventEnvelope, message: IncomingMessage, handler: EventHandler): Promise<InboxOutcome> {
    return inTenantTransaction(this.dataSource, event.tenant, async (em) => {
      const inserted: unknown[] = await em.query(
        `insert into inbox_message (consumer_group, event_id, type, tenant, topic, kafka_partition, kafka_offset)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning event_id`,
        [this.options.groupId, event.id, event.type, event.tenant, message.topic, message.partition, message.offset],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler.handle(event as never, em); // payload validated against its contract above
      return 'applied';
    });
  }

  private async deadLetter(message: IncomingMessage, reason: string, detail: string): Promise<void> {
    this.options.onDeadLettered?.({ topic: message.topic, reason });
    this.options.log('error', 'message sent to dead-letter topic', {
      reason, topic: message.topic, partition: message.partition, offset: message.offset,
    });
    await this.publisher.publish(deadLetterTopic(this.options.groupId), [
      {
        key: message.key ?? '',
        value: message.value?.toString() ?? '',
        headers: {
          ...message.headers,
          'dlt-reason': reason,
          'dlt-detail': detail.slice(0, 2000),
          'dlt-original-topic': message.topic,
          'dlt-original-partition': String(message.partition),
          'dlt-original-offset': message.offset,
          'dlt-consumer-group': this.options.groupId,
          'dlt-failed-at': new Date().toISOString(),
        },
      },
    ]);
  }
}

function occurredAt(message: IncomingMessage): string | undefined {
  try {
    const at = JSON.parse(message.value?.toString() ?? 'null')?.occurredAt;
    return typeof at === 'string' ? at : undefined;
  } catch {
    return undefined;
  }
}
