import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Role } from '@calchain/contracts';
import { loadServiceConfig, signAccessToken } from '@calchain/platform';
import { readTopic, TestDatabase, testBrokers, uniqueTopicPrefix } from '@calchain/platform/testing';
import { EquipmentModule } from '../src/equipment.module';
import { ControllableClock } from '../src/shared/clock';

export interface Reply {
  status: number;
  type: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON
  body: any;
  text: string;
}

export interface StoredEvent {
  type: string;
  aggregateId: string;
  tenant: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary JSON
  payload: any;
}

/**
 * The equipment service built in-process on the real local PostgreSQL (a database of its own) and
 * Kafka (a topic prefix of its own), with a controllable clock so tests can let days pass.
 */
export class EquipmentTestApp {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly database: TestDatabase,
    readonly topicPrefix: string,
    readonly clock: ControllableClock,
    private readonly secret: string,
  ) {}

  static async start(label: string, now: string): Promise<EquipmentTestApp> {
    const database = await TestDatabase.create(label);
    const topicPrefix = uniqueTopicPrefix(label);
    const secret = randomBytes(32).toString('hex');
    const clock = new ControllableClock(new Date(now));
    const config = loadServiceConfig(
      { name: 'equipment', defaultPort: 0 },
      {
        PORT: '1',
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '4',
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        JWT_SECRET: secret,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_MS: '100',
      },
    );
    const app = await NestFactory.create(
      EquipmentModule.register(config, { clock, settings: { EQUIPMENT_STATUS_SWEEP_MS: 0, EQUIPMENT_PUBLIC_BASE_URL: 'https://lab.example/status' } }),
      { logger: ['error'] },
    );
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new EquipmentTestApp(app, `http://127.0.0.1:${address.port}`, database, topicPrefix, clock, secret);
  }

  token(tenant: string, roles: Role[], subject = 'staff-1'): Promise<string> {
    return signAccessToken({ tenant, roles, subject }, { secret: this.secret, issuer: 'calchain-local', audience: 'calchain' });
  }

  async call(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, type: response.headers.get('content-type'), body: parsed, text };
  }

  /** Events as the service wrote them (outbox, in commit order), optionally of one type. */
  async events(type?: string): Promise<StoredEvent[]> {
    const rows = await this.database.query<{ envelope: StoredEvent }>(
      `select envelope from equipment.outbox_message ${type ? 'where type = $1' : ''} order by seq`,
      type ? [type] : [],
    );
    return rows.map((r) => r.envelope);
  }

  /** Events as a consumer sees them on Kafka. */
  async kafkaEvents(topic: string, expected: number): Promise<StoredEvent[]> {
    return (await readTopic(`${this.topicPrefix}${topic}`, expected, 20000)).map((m) => JSON.parse(m.value));
  }

  setDate(isoDate: string): void {
    // 10:00 in Shanghai: safely inside the lab's day whatever the machine's zone.
    this.clock.set(`${isoDate}T02:00:00Z`);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.database.drop();
  }
}
