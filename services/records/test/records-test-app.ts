import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventType, latestContract, PayloadOf, Role } from '@calchain/contracts';
import { KafkaJsBus, loadServiceConfig, MessagePublisher, signAccessToken } from '@calchain/platform';
import { readTopic, TestDatabase, testBrokers, uniqueTopicPrefix, waitUntil } from '@calchain/platform/testing';
import { RecordsModule } from '../src/records.module';
import { ControllableClock } from '../src/shared/clock';
import { RecordsSettings } from '../src/shared/records-config';

export interface Reply {
  status: number;
  type: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON
  body: any;
}

export interface StoredEvent {
  id: string;
  type: string;
  aggregateId: string;
  tenant: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON
  payload: any;
}

/**
 * The records service built in-process on the real local PostgreSQL (a database of its own) and
 * Kafka (a topic prefix of its own), with a controllable clock. Other services' events are
 * produced onto their real topics, so they reach the records service through its inbox consumer.
 */
export class RecordsTestApp {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly database: TestDatabase,
    readonly topicPrefix: string,
    readonly clock: ControllableClock,
    private readonly secret: string,
    private readonly publisher: MessagePublisher,
  ) {}

  static async start(label: string, now: string, settings: Partial<RecordsSettings> = {}): Promise<RecordsTestApp> {
    const database = await TestDatabase.create(label);
    const topicPrefix = uniqueTopicPrefix(label);
    const secret = randomBytes(32).toString('hex');
    const clock = new ControllableClock(new Date(now));
    const env = {
      PORT: '1', DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4', KAFKA_BROKERS: testBrokers().join(','), KAFKA_TOPIC_PREFIX: topicPrefix,
      JWT_SECRET: secret, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '100',
    };
    const config = loadServiceConfig({ name: 'records', defaultPort: 0 }, env);
    const app = await NestFactory.create(RecordsModule.register(config, { clock, settings: { RECORDS_CHECKPOINT_MS: 0, ...settings } }), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const publisher = new KafkaJsBus({ clientId: 'records-test-producer', brokers: testBrokers(), topicPrefix, log: () => undefined }).publisher();
    await publisher.connect();
    const instance = new RecordsTestApp(app, `http://127.0.0.1:${address.port}`, database, topicPrefix, clock, secret, publisher);
    await waitUntil(async () => (await fetch(`${instance.url}/ready`)).status, (s) => s === 200, { timeoutMs: 60000, what: 'records ready' });
    return instance;
  }

  /** Databases and the dev-token of the CLI child process use the same settings. */
  get env(): Record<string, string> {
    return { DATABASE_URL: this.database.url, JWT_SECRET: this.secret, KAFKA_TOPIC_PREFIX: this.topicPrefix, LOG_LEVEL: 'warn' };
  }

  token(tenant: string, roles: Role[], subject: string): Promise<string> {
    return signAccessToken({ tenant, roles, subject }, { secret: this.secret, issuer: 'calchain-local', audience: 'calchain' });
  }

  async call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, type: response.headers.get('content-type'), body: parsed };
  }

  /** Produces another service's event onto its topic and waits until the records service applied it. */
  async publish<T extends EventType>(type: T, tenant: string, aggregateId: string, payload: PayloadOf<T>): Promise<string> {
    const contract = latestContract(type)!;
    const id = randomUUID();
    const envelope = { id, type, version: contract.version, occurredAt: new Date().toISOString(), tenant, aggregateId, traceparent: null, payload };
    await this.publisher.ensureTopics([contract.topic]);
    await this.publisher.publish(contract.topic, [{ key: aggregateId, value: JSON.stringify(envelope), headers: {} }]);
    await waitUntil(
      async () => (await this.database.query(`select 1 from records.inbox_message where event_id = $1`, [id])).length,
      (n) => n === 1,
      { timeoutMs: 60000, what: `${type} applied` },
    );
    return id;
  }

  /** Events as the service wrote them (outbox, in commit order), optionally of one type. */
  async events(type?: string): Promise<StoredEvent[]> {
    const rows = await this.database.query<{ envelope: StoredEvent }>(
      `select envelope from records.outbox_message ${type ? 'where type = $1' : ''} order by seq`,
      type ? [type] : [],
    );
    return rows.map((r) => r.envelope);
  }

  async kafkaEvents(topic: string, expected: number): Promise<StoredEvent[]> {
    return (await readTopic(`${this.topicPrefix}${topic}`, expected, 20000)).map((m) => JSON.parse(m.value));
  }

  async stop(): Promise<void> {
    await this.publisher?.disconnect().catch(() => undefined);
    await this.app?.close();
    await this.database.drop();
  }
}
