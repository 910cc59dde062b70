import { Consumer, Kafka, logLevel, LogEntry, Partitioners, Producer, IHeaders } from 'kafkajs';
import { IncomingMessage, MessageBus, MessagePublisher, MessageSubscriber, OutgoingMessage } from '../message-bus';

export interface KafkaBusOptions {
  clientId: string;
  brokers: string[];
  /** Namespaces every topic (one cluster, several environments or test runs). */
  topicPrefix: string;
  partitions?: number;
  log: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: object) => void;
}

const levelName = { [logLevel.ERROR]: 'error', [logLevel.WARN]: 'warn', [logLevel.INFO]: 'info', [logLevel.DEBUG]: 'debug' } as const;

/** The kafkajs adapter of the platform's MessageBus port. */
export class KafkaJsBus implements MessageBus {
  private readonly kafka: Kafka;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
      logCreator: () => (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        options.log(levelName[entry.level as keyof typeof levelName] ?? 'info', `kafka: ${message}`, extra);
      },
    });
  }

  topic(name: string): string {
    return `${this.options.topicPrefix}${name}`;
  }

  publisher(): MessagePublisher {
    return new KafkaJsPublisher(this.kafka, this.options, (t) => this.topic(t));
  }

  /** Messages on each topic not yet committed by the group (summed over partitions), for metrics. */
  async consumerLag(groupId: string, topics: string[]): Promise<Record<string, number>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const lag: Record<string, number> = {};
      const committed = await admin.fetchOffsets({ groupId: `${this.options.topicPrefix}${groupId}`, topics: topics.map((t) => this.topic(t)) });
      for (const { topic, partitions } of committed) {
        let total = 0n;
        for (const end of await admin.fetchTopicOffsets(topic)) {
          const offset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          // No commit yet: everything from the low watermark on is still to be consumed.
          total += BigInt(end.high) - BigInt(offset === '-1' ? end.low : offset);
        }
        lag[topic.slice(this.options.topicPrefix.length)] = Number(total);
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  subscriber(groupId: string): MessageSubscriber {
    return new KafkaJsSubscriber(this.kafka, `${this.options.topicPrefix}${groupId}`, (t) => this.topic(t));
  }
}

class KafkaJsPublisher implements MessagePublisher {
  private producer: Producer | undefined;
  private connected = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: KafkaBusOptions,
    private readonly topic: (name: string) => string,
  ) {}

  async connect(): Promise<void> {
    // Idempotent producer: broker-side de-duplication of retried sends, and order kept per
    // partition (kafkajs requires a single in-flight request for that).
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    this.producer.on('producer.disconnect', () => (this.connected = false));
    this.producer.on('producer.connect', () => (this.connected = true));
    await this.producer.connect();
    this.connected = true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (!this.producer) throw new Error('publisher not connected');
    await this.producer.send({ topic: this.topic(topic), acks: -1, messages });
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...new Set(topics.map(this.topic))].filter((t) => !existing.has(t));
      if (missing.length) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3 })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
    this.connected = false;
  }
}

class KafkaJsSubscriber implements MessageSubscriber {
  private consumer: Consumer | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topic: (name: string) => string,
  ) {}

  async start(topics: string[], handle: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const prefixed = new Map(topics.map((t) => [this.topic(t), t]));
    this.consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      // A handler that keeps failing on infrastructure errors is retried by restarting the
      // consumer from the last committed offset, never by skipping the message.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10000, restartOnFailure: async () => true },
    });
    const crashed = this.consumer;
    this.consumer.on('consumer.crash', (event) => {
      this.running = false;
      // kafkajs restarts only after retriable errors. A consumer paused past its session timeout
      // comes back to "the coordinator is not aware of this member" (non-retriable) and would stay
      // down for good, consuming nothing: start a fresh one from the committed offsets instead.
      if (!event.payload.restart && !this.stopped) void this.restartAfterFatalCrash(crashed, topics, handle);
    });
    this.consumer.on('consumer.group_join', () => (this.running = true));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...prefixed.keys()], fromBeginning: true });
    const consumer = this.consumer;
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ topic, partition, message }) => {
        await handle({
          topic: prefixed.get(topic) ?? topic,
          partition,
          offset: message.offset,
          key: message.key ? message.key.toString() : null,
          value: message.value,
          headers: decodeHeaders(message.headers),
        });
        // Committed only after the handler's transaction: a crash in between redelivers the
        // message, and the inbox makes the second delivery a no-op.
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    this.running = true;
  }

  isRunning(): boolean {
    return this.running;
  }

  private async restartAfterFatalCrash(crashed: Consumer, topics: string[], handle: (message: IncomingMessage) => Promise<void>): Promise<void> {
    for (let attempt = 1; !this.stopped && this.consumer === crashed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 500 * attempt)));
      if (this.stopped || this.consumer !== crashed) return;
      try {
        await crashed.disconnect().catch(() => undefined);
        await this.start(topics, handle);
        return;
      } catch {
        // Kafka still away: the next attempt waits longer.
        if (this.consumer !== crashed) await this.consumer?.disconnect().catch(() => undefined);
        this.consumer = crashed;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    await this.consumer?.disconnect(); // leaves the group, so partitions move at once
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return out;
}
