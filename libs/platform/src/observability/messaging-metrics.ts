import { Metrics } from './metrics';

export interface MessagingMetricSources {
  backlog: () => Promise<{ pending: number; oldestSeconds: number }>;
  /** Unconsumed messages per topic for this service's consumer group (absent: no consumer). */
  consumerLag?: () => Promise<Record<string, number>>;
}

/** Gauges read at scrape time: outbox backlog, relay lag and the consumer group's lag. */
export function registerMessagingMetrics(metrics: Metrics, sources: MessagingMetricSources): void {
  const backlog = cached(sources.backlog);
  metrics.gauge({ name: 'calchain_outbox_pending_messages', help: 'Outbox rows not yet published to Kafka', collect: async () => (await backlog()).pending });
  metrics.gauge({
    name: 'calchain_outbox_oldest_pending_seconds',
    help: 'Age of the oldest unpublished outbox row (relay lag); 0 when the outbox is empty',
    collect: async () => (await backlog()).oldestSeconds,
  });
  const lag = sources.consumerLag && cached(sources.consumerLag);
  if (lag) {
    metrics.gauge({
      name: 'calchain_consumer_lag_messages',
      help: 'Messages on the topic not yet committed by this service\'s consumer group',
      labelNames: ['topic'],
      collect: async () => Object.entries(await lag()).map(([topic, value]) => ({ labels: { topic }, value })),
    });
  }
}

/** Shares one query between the gauges of a scrape and between scrapes a few seconds apart. */
function cached<T>(load: () => Promise<T>, ttlMs = 5000): () => Promise<T> {
  let value: { at: number; result: Promise<T> } | undefined;
  return () => {
    if (!value || Date.now() - value.at > ttlMs) {
      const result = load();
      value = { at: Date.now(), result };
      result.catch(() => (value = undefined));
    }
    return value.result;
  };
}
