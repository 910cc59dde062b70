import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { EventType, findContract, parseEvent, PayloadOf, Role } from '@calchain/contracts';
import { loadServiceConfig, signAccessToken } from '@calchain/platform';
import { repoRoot, TestDatabase, testBrokers, uniqueTopicPrefix } from '@calchain/platform/testing';
import { CertificatesModule } from '../src/certificates.module';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary JSON
export type Json = any;

/** The DCC 3.3.0 schemas shared beside the repository (`../shared/schemas/dcc`). */
export const DCC_SCHEMA_DIR = join(repoRoot, '..', 'shared', 'schemas', 'dcc');
export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** System packages the service and its tests need (CI installs them too): installed only when missing. */
export function ensureSystemPackages(): void {
  const missing = [
    ['xmllint', 'libxml2-utils', () => existsSync('/usr/bin/xmllint')],
    ['CJK font', 'fonts-wqy-microhei', () => existsSync(CJK_FONT)],
    ['pdftotext', 'poppler-utils', () => existsSync('/usr/bin/pdftotext')],
  ].filter(([, , present]) => !(present as () => boolean)());
  if (missing.length) {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing.map(([, pkg]) => pkg as string)], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
}

/** Validates a DCC document with xmllint against the DCC 3.3.0 schema; returns xmllint's verdict. */
export function validateDcc(xml: Buffer | string): { valid: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dcc-'));
  const file = join(dir, 'dcc.xml');
  writeFileSync(file, xml);
  try {
    const output = execFileSync('xmllint', ['--nonet', '--noout', '--schema', join(DCC_SCHEMA_DIR, 'dcc.xsd'), file], {
      env: { ...process.env, XML_CATALOG_FILES: join(DCC_SCHEMA_DIR, 'catalog.xml') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { valid: true, output: output.toString() };
  } catch (error) {
    const e = error as { stderr?: Buffer };
    return { valid: false, output: e.stderr?.toString() ?? String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of a PDF as poppler's pdftotext extracts it (what a reader copies out of the document);
 * `raw`: in the order it was drawn, so text laid over the page (a watermark) never splits a line. Pages end in \f.
 */
export function pdfText(pdf: Buffer, order: 'reading' | 'raw' = 'reading'): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(order === 'raw' ? ['-raw'] : []), file, '-'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Publishes an event as its producer would: validated against the catalog, keyed by aggregate. */
export async function publishEvent<T extends EventType>(topicPrefix: string, type: T, tenant: string, aggregateId: string, payload: PayloadOf<T>): Promise<void> {
  const contract = findContract(type, 1)!;
  const envelope = { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), tenant, aggregateId, traceparent: null, payload };
  parseEvent(envelope);
  const topic = `${topicPrefix}${contract.topic}`;
  const kafka = new Kafka({ clientId: 'certificates-test', brokers: testBrokers(), logLevel: logLevel.NOTHING });
  // The topic may not exist yet when the in-process consumer is still joining: create it first.
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true }).catch(() => false);
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ key: aggregateId, value: JSON.stringify(envelope) }] });
  await producer.disconnect();
}

/** The certificates service in-process on the real local PostgreSQL and Kafka, with a database, topic prefix and key directory of its own. */
export class CertificatesUnderTest {
  private constructor(
    readonly app: INestApplication,
    readonly database: TestDatabase,
    readonly topicPrefix: string,
    readonly keyDir: string,
    private readonly secret: string,
    readonly url: string,
  ) {}

  static async start(label: string): Promise<CertificatesUnderTest> {
    ensureSystemPackages();
    const database = await TestDatabase.create(label);
    const topicPrefix = uniqueTopicPrefix(label);
    const secret = randomBytes(32).toString('hex');
    const keyDir = mkdtempSync(join(tmpdir(), 'cert-keys-'));
    const env = {
      PORT: '1', DATABASE_URL: database.url, KAFKA_BROKERS: testBrokers().join(','), KAFKA_TOPIC_PREFIX: topicPrefix, JWT_SECRET: secret,
      LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '100', DATABASE_POOL_SIZE: '6',
    };
    const config = loadServiceConfig({ name: 'certificates', defaultPort: 1 }, env);
    const app = await NestFactory.create(
      CertificatesModule.register(config, { keyDir, generateKeys: true, publicBaseUrl: 'https://verify.example/api/certificates', timeZone: 'Asia/Shanghai' }),
      { logger: false },
    );
    // A real listening socket: supertest on a bare server opens one ephemeral server per request,
    // which resets connections under concurrent requests.
    await app.listen(0, '127.0.0.1');
    return new CertificatesUnderTest(app, database, topicPrefix, keyDir, secret, await app.getUrl());
  }

  token(tenant: string, roles: Role[], subject: string = randomUUID(), customerId?: string): Promise<string> {
    return signAccessToken({ tenant, roles, subject, ...(customerId ? { customerId } : {}) }, { secret: this.secret, issuer: 'calchain-local', audience: 'calchain' });
  }

  http() {
    return request(this.url);
  }

  publish<T extends EventType>(type: T, tenant: string, aggregateId: string, payload: PayloadOf<T>): Promise<void> {
    return publishEvent(this.topicPrefix, type, tenant, aggregateId, payload);
  }

  async outbox(type: string): Promise<Json[]> {
    return (await this.database.query<{ envelope: Json }>(`select envelope from certificates.outbox_message where type = $1 order by seq`, [type])).map((r) => r.envelope.payload);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.database?.drop();
    rmSync(this.keyDir, { recursive: true, force: true });
  }
}
