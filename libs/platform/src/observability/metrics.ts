import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'calchain_';

export interface MetricSpec<L extends string> {
  /** Must start with `calchain_`; counters must end with `_total`. */
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface GaugeSpec<L extends string> extends MetricSpec<L> {
  /** Called at every scrape; return one value, or one per label set. Keep it a cheap query. */
  collect?: () => Promise<number | { labels: Partial<Record<L, string>>; value: number }[]>;
}

const secondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One Prometheus registry per service process, served at /metrics. The platform registers the
 * HTTP, outbox and consumer metrics; services add their business metrics through `counter`,
 * `gauge` and `histogram` (see docs/development.md, "Metrics").
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly outboxPublished: Counter<'topic' | 'type'>;
  readonly outboxRelayFailures: Counter;
  readonly consumerMessages: Counter<'topic' | 'outcome'>;
  readonly consumerHandlerDuration: Histogram<'topic' | 'outcome'>;
  readonly consumerEventAge: Histogram<'topic'>;
  readonly deadLettered: Counter<'topic' | 'reason'>;

  constructor(readonly service: string) {
    // No `service` label on the series: Prometheus adds it from the target (scrape config or
    // ServiceMonitor relabeling), so `up` and the service's own series share one label.
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = this.histogram({
      name: 'calchain_http_server_request_duration_seconds',
      help: 'HTTP requests served, by method, route template and status code',
      labelNames: ['method', 'route', 'status'],
    });
    this.outboxPublished = this.counter({ name: 'calchain_outbox_published_total', help: 'Events relayed from the outbox to Kafka', labelNames: ['topic', 'type'] });
    this.outboxRelayFailures = this.counter({ name: 'calchain_outbox_relay_failures_total', help: 'Outbox relay rounds that failed (rows stay and are retried)' });
    this.consumerMessages = this.counter({ name: 'calchain_consumer_messages_total', help: 'Kafka messages handled, by topic and outcome', labelNames: ['topic', 'outcome'] });
    this.consumerHandlerDuration = this.histogram({
      name: 'calchain_consumer_handler_duration_seconds',
      help: 'Time to handle one Kafka message (inbox transaction, retries included)',
      labelNames: ['topic', 'outcome'],
    });
    this.consumerEventAge = this.histogram({
      name: 'calchain_consumer_event_age_seconds',
      help: 'Age of an event when its handling finished (end-to-end event lag)',
      labelNames: ['topic'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    });
    this.deadLettered = this.counter({ name: 'calchain_consumer_dead_lettered_total', help: 'Messages sent to the dead-letter topic, by source topic and reason', labelNames: ['topic', 'reason'] });
  }

  /** `collect` (optional) sets the value at scrape time, e.g. a count of append-only rows. */
  counter<L extends string = never>(spec: MetricSpec<L> & { collect?: (this: Counter<L>) => Promise<void> }): Counter<L> {
    check(spec.name);
    if (!spec.name.endsWith('_total')) throw new Error(`counter ${spec.name} must end with _total`);
    return new Counter({ ...spec, labelNames: spec.labelNames ?? [], registers: [this.registry] });
  }

  histogram<L extends string = never>(spec: MetricSpec<L> & { buckets?: number[] }): Histogram<L> {
    check(spec.name);
    return new Histogram({ buckets: secondsBuckets, ...spec, labelNames: spec.labelNames ?? [], registers: [this.registry] });
  }

  gauge<L extends string = never>(spec: GaugeSpec<L>): Gauge<L> {
    check(spec.name);
    const { collect, ...rest } = spec;
    return new Gauge<L>({
      ...rest,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      ...(collect
        ? {
            async collect(this: Gauge<L>) {
              const result = await collect().catch(() => undefined); // a failed query leaves the series out
              this.reset();
              if (result === undefined) return;
              if (typeof result === 'number') this.set(result);
              else for (const { labels, value } of result) this.set(labels as never, value);
            },
          }
        : {}),
    });
  }

  /** Text exposition for /metrics. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

function check(name: string): void {
  if (!name.startsWith(METRIC_PREFIX) || !/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`metric ${name} must be snake_case and start with ${METRIC_PREFIX}`);
}
