import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@calchain/contracts';
import { signAccessToken } from '../auth/caller';
import { TestDatabase } from './test-database';
import { testBrokers, uniqueTopicPrefix } from './test-kafka';
import { repoRoot, ServiceProcess } from './service-process';

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Some of the platform's services as real processes on the real local stack, isolated from other
 * runs by a database and a Kafka topic prefix of their own.
 */
export class LocalPlatform {
  private constructor(
    readonly database: TestDatabase,
    readonly topicPrefix: string,
    private readonly secret: string,
    readonly services: Map<string, ServiceProcess>,
  ) {}

  /** `env` adds service-specific settings (e.g. a data key) to what every service gets. */
  static async start(label: string, names: string[], extraEnv: Record<string, string> = {}): Promise<LocalPlatform> {
    const database = await TestDatabase.create(label);
    const topicPrefix = uniqueTopicPrefix(label);
    const secret = randomBytes(32).toString('hex');
    const ports = new Map<string, number>();
    for (const name of names) ports.set(name, await freePort());
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      REDIS_KEY_PREFIX: topicPrefix, // one platform's rate buckets are not another's (they share one Redis)
      JWT_SECRET: secret,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '100',
      DATABASE_POOL_SIZE: '5',
      ...extraEnv,
    };
    for (const [name, port] of ports) env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
    const logDir = join(repoRoot, '.local', 'test-logs', `${label}-${topicPrefix.slice(-7, -1)}`);
    const services = new Map(names.map((n) => [n, new ServiceProcess(n, ports.get(n)!, env, logDir)]));
    const platform = new LocalPlatform(database, topicPrefix, secret, services);
    try {
      for (const service of services.values()) await service.start();
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return platform;
  }

  service(name: string): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not part of this platform`);
    return service;
  }

  token(tenant: string, roles: Role[], subject = 'tester'): Promise<string> {
    return signAccessToken({ tenant, roles, subject }, { secret: this.secret, issuer: 'calchain-local', audience: 'calchain' });
  }

  async stop(): Promise<void> {
    for (const service of [...this.services.values()].reverse()) await service.stop();
    await this.database.drop();
  }
}

/** Stops and starts the local Kafka broker with the project's own script. */
export const broker = {
  stop: () => run('bash', [join(repoRoot, 'deploy/local/kafka.sh'), 'stop']),
  start: () => run('bash', [join(repoRoot, 'deploy/local/kafka.sh'), 'start']),
};
