import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalPlatform, repoRoot, waitUntil } from '@calchain/platform/testing';

const run = promisify(execFile);

export const NETWORK = 'net-acceptance';
export const EAST = 'acc-east';
export const WEST = 'acc-west';
export const ISSUER = 'calchain-dev-issuer';
export const SERVICES = ['equipment', 'quality', 'records', 'certificates', 'intake', 'gateway'];

export interface Answer {
  status: number;
  contentType: string | null;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- acceptance steps walk arbitrary JSON answers
  body: any;
  text: string;
  /** The body as sent (PDF documents are hashed byte for byte). */
  bytes: Buffer;
}

/** A day in the lab's calendar (Asia/Shanghai, the services' default), offset by whole days. */
export const labDay = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offset * 86_400_000));

/**
 * The whole platform as real processes, reached only through the gateway's HTTP API with tokens of
 * the gateway's development issuer, exactly as a lab network, a regulator or the public would.
 *
 * Two things cannot come through a lab's own API by design and are seeded with the gateway's
 * `seed` command, as an operator does: the first network administrator (someone must hold the
 * keys before the API can be used) and a regulator's jurisdiction (R-4.1.1: a lab never grants it).
 */
export class Scenario {
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly platform: LocalPlatform,
    readonly gateway: string,
    private readonly dir: string,
  ) {}

  static async start(label: string): Promise<Scenario> {
    const dir = join(repoRoot, '.local', 'test-keys', `${label}-${randomBytes(4).toString('hex')}`);
    mkdirSync(join(dir, 'certificate-keys'), { recursive: true });
    let platform: LocalPlatform;
    try {
      platform = await LocalPlatform.start(label, SERVICES, {
        QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
        DEV_ISSUER_KEY_FILE: join(dir, 'es256.json'),
        CERTIFICATES_GENERATE_KEYS: 'true',
        CERTIFICATES_KEY_DIR: join(dir, 'certificate-keys'),
        RATE_LIMIT_PER_MINUTE: '100000',
        EDGE_IP_RATE_LIMIT_PER_MINUTE: '100000',
        // The time-limit breach is looked for on demand (POST /time-limit-promises/sweep), not by a timer.
        INTAKE_TIME_LIMIT_SWEEP_MS: '0',
      });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const scenario = new Scenario(platform, platform.service('gateway').url, dir);
    try {
      await scenario.seedRegistry({
        networks: [{
          id: NETWORK,
          name: 'Acceptance calibration network',
          institutions: [{ id: EAST, name: 'East Metrology Institute', legalStatus: 'legal-entity', responsiblePersons: [{ name: 'Director East', function: 'legal representative' }], sites: [] }],
        }],
        users: [{ id: 'net-admin', issuer: ISSUER, subject: 'net-admin', displayName: 'Network administrator', memberships: [{ network: NETWORK, roles: ['administrator', 'technical-manager'] }], jurisdiction: [] }],
      });
    } catch (error) {
      await scenario.stop();
      throw error;
    }
    return scenario;
  }

  async stop(): Promise<void> {
    await this.platform.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The gateway's own `seed` command (what an operator runs), for what no lab may do itself. */
  async seedRegistry(seed: unknown): Promise<void> {
    const file = join(this.dir, `registry-${randomBytes(3).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify(seed));
    await run(process.execPath, ['-r', './tools/register.js', 'services/gateway/src/main.ts', 'seed', file], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: this.platform.database.url, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' },
    });
  }

  /** A token of the gateway's development issuer for a registry user, asked for as a client would. */
  async token(subject: string): Promise<string> {
    const cached = this.tokens.get(subject);
    if (cached) return cached;
    const answer = await this.raw('POST', '/dev-issuer/tokens', { body: { subject } });
    if (answer.status !== 201) throw new Error(`dev token for ${subject}: ${answer.status} ${answer.text}`);
    this.tokens.set(subject, answer.body.access_token);
    return answer.body.access_token;
  }

  /** A call as the registry user with OIDC subject `subject` (or anonymously with `null`). */
  async as(subject: string | null, method: string, path: string, body?: unknown, institution?: string): Promise<Answer> {
    const token = subject === null ? undefined : await this.token(subject);
    return this.raw(method, path, { token, body, institution });
  }

  async raw(method: string, path: string, options: { token?: string; body?: unknown; institution?: string } = {}): Promise<Answer> {
    const response = await fetch(`${this.gateway}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.institution ? { 'x-calchain-institution': options.institution } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(120_000),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (PDF, XML, Prometheus text): keep the text
    }
    return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, body, text, bytes };
  }

  /** Repeats a read until it shows what `done` wants: the services learn from each other over Kafka. */
  eventually(read: () => Promise<Answer>, done: (a: Answer) => boolean, what: string, timeoutMs = 120_000): Promise<Answer> {
    return waitUntil(read, done, { timeoutMs, intervalMs: 500, what });
  }

  /**
   * Restarts one service on the same port and settings plus `extra` — how the scenario lets the
   * lab's calendar move on (INTAKE_CLOCK_OFFSET_DAYS, honoured only under NODE_ENV=test).
   */
  async restart(name: string, extra: Record<string, string>): Promise<void> {
    const old = this.platform.service(name);
    await old.stop();
    const next = old.withSettings(extra);
    this.platform.services.set(name, next);
    await next.start();
  }
}

/** A problem+json refusal naming the requirement (and, when given, the rule and field). */
export function expectRefusal(answer: Answer, status: number, requirement: string, rule?: string, field?: string): void {
  if (answer.status !== status) throw new Error(`expected ${status} (${requirement}), got ${answer.status}: ${answer.text}`);
  expect(answer.contentType).toMatch(/application\/problem\+json/);
  const matching = (answer.body.errors ?? []).filter(
    (e: { requirement?: string; rule?: string; field?: string }) => e.requirement === requirement && (rule === undefined || e.rule === rule) && (field === undefined || e.field === field),
  );
  if (matching.length === 0) throw new Error(`no error naming ${requirement} ${rule ?? ''} ${field ?? ''}: ${answer.text}`);
}

/** The answer's body when it succeeded (2xx); otherwise a failure that shows the answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- acceptance steps walk arbitrary JSON answers
export function ok(answer: Answer): any {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`expected success, got ${answer.status}: ${answer.text}`);
  return answer.body;
}
