import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Role } from '@calchain/contracts';
import { signAccessToken } from '@calchain/platform';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot, ServiceProcess, TestDatabase, testBrokers, uniqueTopicPrefix, waitUntil } from '@calchain/platform/testing';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary JSON
export type Json = any;

/**
 * The quality service as a real process on the real local PostgreSQL and Kafka, with a database
 * and topic prefix of its own. Unlike LocalPlatform it logs at debug level into a file of its own,
 * so tests can prove that personal data never reaches the log at any level.
 */
export class QualityUnderTest {
  private constructor(
    readonly database: TestDatabase,
    readonly topicPrefix: string,
    private readonly secret: string,
    readonly service: ServiceProcess,
    readonly logFile: string,
  ) {}

  static async start(label: string, env: Record<string, string> = {}): Promise<QualityUnderTest> {
    const database = await TestDatabase.create(label);
    const topicPrefix = uniqueTopicPrefix(label);
    const secret = randomBytes(32).toString('hex');
    const logDir = join(repoRoot, '.local', 'test-logs', `${label}-${topicPrefix.slice(-7, -1)}`);
    const service = new ServiceProcess('quality', await freePort(), {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      JWT_SECRET: secret,
      LOG_LEVEL: 'debug',
      OUTBOX_POLL_MS: '100',
      DATABASE_POOL_SIZE: '4',
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
      ...env,
    }, logDir);
    const quality = new QualityUnderTest(database, topicPrefix, secret, service, join(logDir, 'quality.log'));
    try {
      await service.start();
    } catch (error) {
      await quality.stop();
      throw error;
    }
    return quality;
  }

  token(tenant: string, roles: Role[], subject = 'tester'): Promise<string> {
    return signAccessToken({ tenant, roles, subject }, { secret: this.secret, issuer: 'calchain-local', audience: 'calchain' });
  }

  async call(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; type: string | null; body: Json; text: string }> {
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), body: text ? JSON.parse(text) : null, text };
  }

  /**
   * Every message the service has published so far, from every topic it produces to: waits until
   * the outbox is drained, then reads all topics with one throw-away consumer until it has seen as
   * many messages as the outbox published (plus a short grace period that would show duplicates).
   */
  async publishedMessages(): Promise<{ topic: string; value: string; headers: Record<string, string> }[]> {
    const rows = await waitUntil(
      () => this.database.query<{ topic: string; total: number; pending: number }>(
        `select topic, count(*)::int as total, count(*) filter (where published_at is null)::int as pending from quality.outbox_message group by topic`,
      ),
      (r) => r.every((t) => t.pending === 0),
      { what: 'outbox drained', timeoutMs: 30000 },
    );
    const expected = rows.reduce((n, r) => n + r.total, 0);
    const kafka = new Kafka({ clientId: 'quality-test-reader', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `quality-test-reader-${randomBytes(4).toString('hex')}` });
    const messages: { topic: string; value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: rows.map((r) => `${this.topicPrefix}${r.topic}`), fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
          messages.push({ topic: topic.slice(this.topicPrefix.length), value: message.value?.toString() ?? '', headers });
        },
      });
      await waitUntil(async () => messages.length, (n) => n >= expected, { what: `${expected} messages on Kafka`, timeoutMs: 30000, intervalMs: 100 });
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  logText(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  async stop(): Promise<void> {
    await this.service.stop();
    await this.database.drop();
  }
}

/** Today in the service's default calendar (Asia/Shanghai), and days around it. */
export function labDay(offsetDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + offsetDays)).toISOString().slice(0, 10);
}

export function yearsAgo(years: number, offsetDays = 0): string {
  const [y, m, d] = labDay().split('-').map(Number);
  return new Date(Date.UTC(y! - years, m! - 1, d! + offsetDays)).toISOString().slice(0, 10);
}
