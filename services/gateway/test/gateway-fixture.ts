import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Role, Roles } from '@calchain/contracts';
import { LocalPlatform, repoRoot } from '@calchain/platform/testing';
import { DevIssuerKey, loadOrCreateDevIssuerKey } from '../src/identity/dev-issuer';
import { RegistrySeed } from '../src/tenancy/registry-seed';

const run = promisify(execFile);

export const ISSUER = 'calchain-dev-issuer';
export const AUDIENCE = 'calchain-gateway';
export const PUBLIC_LIMIT = 25;
export const MAX_BODY = 20000;

/** Users of the test registry: one per role at lab-a, plus the tenancy cases. */
export const roleUser = (role: Role) => `u-${role}`;

export const seed: RegistrySeed = {
  networks: [
    {
      id: 'net-north',
      name: 'North calibration network',
      institutions: [
        {
          id: 'lab-a',
          name: 'North Metrology Institute',
          legalStatus: 'legal-entity',
          responsiblePersons: [{ name: 'Dr. Ada Meyer', function: 'legal representative' }],
          registrationNumber: 'REG-0001',
          serviceFlow: 'Order → receipt → calibration → check → approval → certificate',
          serviceCommitments: 'Certificates within the agreed time limit.',
          disclosureReviewedOn: '2026-10-01',
          sites: [
            { id: 'a-main', name: 'Main laboratory', address: '1 Gauge Street' },
            { id: 'a-field', name: 'Field unit', address: '2 Gauge Street' },
          ],
        },
        {
          id: 'lab-b',
          name: 'North Metrology Branch',
          legalStatus: 'authorised-by-legal-entity',
          authorisingEntity: 'North Metrology Group Ltd',
          responsiblePersons: [{ name: 'Bo Lind', function: 'branch manager' }],
          sites: [],
        },
      ],
    },
    {
      id: 'net-south',
      name: 'South network',
      institutions: [{ id: 'lab-c', name: 'South Lab', legalStatus: 'legal-entity', responsiblePersons: [{ name: 'C. Ruiz', function: 'director' }], sites: [] }],
    },
  ],
  users: [
    ...Roles.filter((r) => r !== 'regulator').map((role) => ({
      id: roleUser(role), issuer: ISSUER, subject: `sub-${role}`, displayName: role,
      memberships: [{ network: 'net-north', institution: 'lab-a', site: 'a-main', roles: [role] }], jurisdiction: [],
    })),
    { id: roleUser('regulator'), issuer: ISSUER, subject: 'sub-regulator', displayName: 'Regulator', memberships: [], jurisdiction: ['lab-a', 'lab-c'] },
    { id: 'u-clerk-b', issuer: ISSUER, subject: 'sub-clerk-b', displayName: 'Clerk B', memberships: [{ network: 'net-north', institution: 'lab-b', roles: ['intake-clerk'] }], jurisdiction: [] },
    { id: 'u-clerk-c', issuer: ISSUER, subject: 'sub-clerk-c', displayName: 'Clerk C', memberships: [{ network: 'net-south', institution: 'lab-c', roles: ['intake-clerk'] }], jurisdiction: [] },
    { id: 'u-network-admin', issuer: ISSUER, subject: 'sub-network-admin', displayName: 'Network admin', memberships: [{ network: 'net-north', roles: ['administrator', 'intake-clerk'] }], jurisdiction: [] },
  ],
};

export interface GatewayFixture {
  platform: LocalPlatform;
  gateway: string;
  key: DevIssuerKey;
  /** Holds the test's issuer key and registry file; removed afterwards. */
  dir: string;
}

/** intake, records, certificates, equipment, quality and the gateway, with the registry seeded. */
export async function startGateway(label: string, extraEnv: Record<string, string> = {}): Promise<GatewayFixture> {
  const dir = join(repoRoot, '.local', 'test-keys', `${label}-${randomBytes(4).toString('hex')}`);
  const keyFile = join(dir, 'es256.json');
  const key = await loadOrCreateDevIssuerKey(keyFile);
  let platform: LocalPlatform;
  try {
    platform = await LocalPlatform.start(label, ['intake', 'records', 'certificates', 'equipment', 'quality', 'gateway'], {
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
      DEV_ISSUER_KEY_FILE: keyFile,
      PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT),
      RATE_LIMIT_PER_MINUTE: '100000',
      EDGE_IP_RATE_LIMIT_PER_MINUTE: '100000',
      GATEWAY_MAX_BODY_BYTES: String(MAX_BODY),
      CORS_ORIGINS: 'https://portal.example',
      ...extraEnv,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  mkdirSync(dir, { recursive: true });
  const seedFile = join(dir, 'registry.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  try {
    await run(process.execPath, ['-r', './tools/register.js', 'services/gateway/src/main.ts', 'seed', seedFile], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: platform.database.url, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' },
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    await platform.stop();
    throw error;
  }
  return { platform, gateway: platform.service('gateway').url, key, dir };
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  body: any;
}

export async function call(
  gateway: string,
  method: string,
  path: string,
  options: { token?: string; institution?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.institution ? { 'x-calchain-institution': options.institution } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** A token from the gateway's development issuer, asked for as a client would. */
export async function devToken(gateway: string, subject: string): Promise<string> {
  const answer = await call(gateway, 'POST', '/dev-issuer/tokens', { body: { subject } });
  if (answer.status !== 201) throw new Error(`dev token for ${subject}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}
