/**
 * The platform's own messaging port. Services and the outbox/inbox code see only these types;
 * the Kafka client behind them (kafkajs today, which is no longer actively maintained) can be
 * replaced by writing another adapter, without touching a service.
 */
export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface MessagePublisher {
  connect(): Promise<void>;
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  ensureTopics(topics: string[]): Promise<void>;
  disconnect(): Promise<void>;
  isConnected(): boolean;
}

/**
 * Delivers messages one at a time per partition. The offset is committed only after `handle`
 * resolves; when it rejects, the same message is delivered again.
 */
export interface MessageSubscriber {
  start(topics: string[], handle: (message: IncomingMessage) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
}

export interface MessageBus {
  publisher(): MessagePublisher;
  subscriber(groupId: string): MessageSubscriber;
}
