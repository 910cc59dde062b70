import { Metrics } from './metrics';
import { cached } from './sql-metrics';

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
