import { DataSource } from 'typeorm';
import { EventEnvelope } from '@calchain/contracts';
import { MessagePublisher, OutgoingMessage } from './message-bus';

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize?: number;
  /** Published rows are kept this long for audit and replay, then deleted. */
  retainPublishedDays?: number;
  log: (level: 'error' | 'warn' | 'info', message: string, extra?: object) => void;
  /** Told of every published row and every failed round (metrics). */
  onPublished?: (rows: { topic: string; type: string }[]) => void;
  onFailure?: () => void;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  envelope: EventEnvelope;
}

/**
 * Publishes outbox rows to Kafka in `seq` order and marks them published in the same transaction
 * that locked them. Each round takes a transaction-scoped advisory lock, so with several replicas
 * only one relays at a time and per-aggregate order holds. A crash between the send and the
 * commit re-sends the rows: delivery is at-least-once and consumers' inboxes absorb repeats.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failures = 0;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: MessagePublisher,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Relays now instead of at the next poll (e.g. right after a command committed). */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Stops polling after one last round, so what is committed now is not left behind. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (this.publisher.isConnected()) await this.relayOnce().catch(() => 0);
  }

  /** One round: returns how many rows were published. */
  async relayOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 500;
    const outcome = await this.dataSource.transaction(async (em): Promise<{ published: number; error?: Error; rows?: OutboxRow[] }> => {
      const [{ locked }] = await em.query(`select pg_try_advisory_xact_lock(hashtext('calchain.outbox.' || current_schema())) as locked`);
      if (!locked) return { published: 0 };
      const rows: OutboxRow[] = await em.query(
        `select seq, topic, message_key, envelope from outbox_message
          where published_at is null order by seq limit $1 for update`,
        [batchSize],
      );
      if (rows.length === 0) return { published: 0 };
      const seqs = rows.map((r) => r.seq);
      try {
        for (const [topic, messages] of groupByTopicInOrder(rows)) await this.publisher.publish(topic, messages);
      } catch (error) {
        // Committed (not rolled back) so the failed attempt stays visible to operators.
        await em.query(`update outbox_message set attempts = attempts + 1, last_error = $2 where seq = any($1::bigint[])`, [
          seqs,
          String((error as Error).message).slice(0, 1000),
        ]);
        return { published: 0, error: error as Error };
      }
      await em.query(`update outbox_message set published_at = now(), attempts = attempts + 1, last_error = null where seq = any($1::bigint[])`, [seqs]);
      return { published: rows.length, rows };
    });
    if (outcome.error) {
      this.options.onFailure?.();
      throw outcome.error;
    }
    if (outcome.rows?.length) this.options.onPublished?.(outcome.rows.map((r) => ({ topic: r.topic, type: r.envelope.type })));
    return outcome.published;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async round(): Promise<void> {
    let next = this.options.pollMs;
    try {
      const published = await this.relayOnce();
      this.failures = 0;
      if (published === (this.options.batchSize ?? 500)) next = 0; // more waiting: go on at once
      await this.cleanupPublished();
    } catch (error) {
      this.failures++;
      next = Math.min(10000, this.options.pollMs * 2 ** Math.min(this.failures, 6));
      this.options.log('warn', 'outbox relay round failed; rows stay unpublished and are retried', {
        error: (error as Error).message,
        retryInMs: next,
      });
    }
    if (!this.stopped) this.schedule(next);
  }

  private async cleanupPublished(): Promise<void> {
    if (Date.now() - this.lastCleanup < 3600_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(`delete from outbox_message where published_at < now() - make_interval(days => $1)`, [
      this.options.retainPublishedDays ?? 7,
    ]);
  }

  /** Unpublished rows and the age of the oldest, for readiness and metrics. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `select count(*)::int as pending, coalesce(extract(epoch from now() - min(created_at)), 0)::float as oldest
         from outbox_message where published_at is null`,
    );
    return { pending: row.pending, oldestSeconds: row.oldest };
  }
}

/** Groups rows by topic, keeping seq order inside each topic (order matters per key only). */
function groupByTopicInOrder(rows: OutboxRow[]): Map<string, OutgoingMessage[]> {
  const byTopic = new Map<string, OutgoingMessage[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({
      key: row.message_key,
      value: JSON.stringify(row.envelope),
      headers: {
        'event-id': row.envelope.id,
        'event-type': row.envelope.type,
        'event-version': String(row.envelope.version),
        tenant: row.envelope.tenant,
        ...(row.envelope.traceparent ? { traceparent: row.envelope.traceparent } : {}),
      },
    });
    byTopic.set(row.topic, messages);
  }
  return byTopic;
}
