import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EventType, latestContract, PayloadOf } from '@calchain/contracts';
import { KafkaJsBus, MessagePublisher } from '@calchain/platform';
import { LocalPlatform, repoRoot, testBrokers, waitUntil } from '@calchain/platform/testing';

const run = promisify(execFile);

export const INSTITUTION = 'lab-console';
export const METHOD = { code: 'JJG 146', version: '2011' };
export const SIGNING_PIN = '482913';
/**
 * the complaint policy the lab publishes (quality's PUT /complaint-policy, a full
 * replacement): the disclosure shows these contacts, the complaint form this time limit.
 */
export const COMPLAINT_POLICY = {
  handlingDays: 20, phone: '+86 21 6432 1000', email: 'complaints@east-metrology.example.cn',
  postalAddress: '1 Metrology Road\nQuality office (complaints)', officeHours: '周一至周五 8:30–17:00 Mon–Fri',
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The people of the test institution. Lab staff log in with the gateway's development issuer; the
 * registry user id is forwarded as the token subject, and records and certificates take that as
 * the quality service's person id, so staff ids are UUIDs like quality's.
 */
export const people = {
  clerk: { id: randomUUID(), subject: 'console-clerk', displayName: '窗口 王芳 (clerk)', roles: ['intake-clerk'] },
  calibrator: { id: randomUUID(), subject: 'console-calibrator', displayName: '检定员 李强 (calibrator)', roles: ['calibrator'] },
  checker: { id: randomUUID(), subject: 'console-checker', displayName: '核验员 张敏 (checker)', roles: ['checker'] },
  signatory: { id: randomUUID(), subject: 'console-signatory', displayName: '批准人 陈静 (signatory)', roles: ['authorised-signatory'] },
  manager: { id: randomUUID(), subject: 'console-manager', displayName: '技术负责人 赵刚 (manager)', roles: ['technical-manager', 'standard-responsible', 'quality-supervisor', 'administrator'] },
  regulator: { id: randomUUID(), subject: 'console-regulator', displayName: '监管 周洁 (regulator)', roles: [] as string[] },
} as const;
export type Person = keyof typeof people;

export interface ConsoleStack {
  platform: LocalPlatform;
  gateway: string;
  stop(): Promise<void>;
}

/**
 * All six services and the gateway (serving the built console) on the real local stack, with a
 * registry of the people above, a capable gauge-block lab (method, equipment, standard with scope,
 * room, authorisations), fees, time limits and a signing institution, set up through the gateway's
 * API as the lab's manager would; only quality's authorisation events are produced onto Kafka
 * directly, as the quality service announces them.
 */
export async function startConsoleStack(label = 'console'): Promise<ConsoleStack> {
  const dir = join(repoRoot, '.local', 'test-keys', `${label}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  const platform = await LocalPlatform.start(label, ['intake', 'records', 'certificates', 'equipment', 'quality', 'gateway'], {
    QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
    DEV_ISSUER_KEY_FILE: join(dir, 'es256.json'),
    CERTIFICATES_GENERATE_KEYS: 'true',
    CERTIFICATES_KEY_DIR: join(dir, 'certificate-keys'),
    RATE_LIMIT_PER_MINUTE: '100000',
    EDGE_IP_RATE_LIMIT_PER_MINUTE: '100000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    // The real per-IP limit of the public complaint form: each language files one complaint,
    // minutes apart, so two submissions stay well below it.
    PUBLIC_COMPLAINT_RATE_LIMIT_PER_MINUTE: '5',
  }).catch((error) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const seedFile = join(dir, 'registry.json');
    writeFileSync(seedFile, JSON.stringify(registry()));
    await run(process.execPath, ['-r', './tools/register.js', 'services/gateway/src/main.ts', 'seed', seedFile], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: platform.database.url, JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' },
    });
    await new LabSetup(platform).run();
  } catch (error) {
    await stop();
    throw error;
  }
  return { platform, gateway: platform.service('gateway').url, stop };
}

function registry() {
  const staff = (Object.keys(people) as Person[]).filter((p) => p !== 'regulator');
  return {
    networks: [{
      id: 'net-console', name: 'Console test network',
      institutions: [{
        id: INSTITUTION, name: '华东计量测试研究院 East Metrology Institute', legalStatus: 'legal-entity',
        responsiblePersons: [{ name: '刘主任', function: 'legal representative' }], registrationNumber: 'REG-CONSOLE-1',
        serviceFlow: '委托 → 收样 → 校准 → 核验 → 批准 → 证书', serviceCommitments: '在约定时限内出具证书。', disclosureReviewedOn: day(-10),
        sites: [{ id: 'console-main', name: 'Main laboratory', address: '1 Metrology Road' }],
      }],
    }],
    users: [
      ...staff.map((p) => ({
        id: people[p].id, issuer: 'calchain-dev-issuer', subject: people[p].subject, displayName: people[p].displayName,
        memberships: [{ network: 'net-console', institution: INSTITUTION, site: 'console-main', roles: people[p].roles }], jurisdiction: [],
      })),
      { id: people.regulator.id, issuer: 'calchain-dev-issuer', subject: people.regulator.subject, displayName: people.regulator.displayName, memberships: [], jurisdiction: [INSTITUTION] },
    ],
  };
}

/** A development-issuer token for a registry user, as the console's login page gets it. */
export async function devToken(gateway: string, who: Person): Promise<string> {
  const response = await fetch(`${gateway}/dev-issuer/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: people[who].subject }) });
  if (response.status !== 201) throw new Error(`dev token for ${who}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- setup answers are arbitrary JSON
export async function api(gateway: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

class LabSetup {
  private readonly gateway: string;
  private publisher!: MessagePublisher;

  constructor(private readonly platform: LocalPlatform) {
    this.gateway = platform.service('gateway').url;
  }

  async run(): Promise<void> {
    const manager = await devToken(this.gateway, 'manager');
    const signatory = await devToken(this.gateway, 'signatory');
    const call = (method: string, path: string, body?: unknown) => api(this.gateway, manager, method, path, body);
    const method = await call('POST', '/api/equipment/methods', {
      code: METHOD.code, title: '量块检定规程 Gauge blocks', version: METHOD.version, type: 'national', documentKind: 'verification-regulation', effectiveFrom: '2012-05-01',
      environmentalLimits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }],
      readings: [{ symbol: 'd', description: 'difference to the reference block', unit: 'mm', repetitions: 3 }],
      measurementModel: { output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] },
      requiredEquipmentKinds: ['gauge block comparator'], reviewIntervalMonths: 12,
    });
    await call('POST', `/api/equipment/methods/${method.methodId}/verification`, { on: day(-30), reference: 'VER-CONSOLE' });
    const comparator = await call('POST', '/api/equipment/equipment', {
      assetNumber: 'CMP-001', name: '量块比较仪 Gauge block comparator', kind: 'standard-equipment', equipmentType: 'comparator', location: 'Length lab',
      ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
    });
    await call('POST', `/api/equipment/equipment/${comparator.id}/calibrations`, {
      certificateNumber: 'NIM-2026-001', issuer: 'NIM', calibratedOn: day(-20), reference: { kind: 'external', name: 'NIM', traceableTo: 'national-primary-standard' },
    });
    const standard = await call('POST', '/api/equipment/measurement-standards', {
      code: '[2024]量标准字第001号', name: '量块标准装置 Gauge block standard', category: 'working', servesSociety: false, equipmentIds: [comparator.id],
    });
    for (const kind of ['assessment', 'authorisation']) {
      await call('POST', `/api/equipment/measurement-standards/${standard.standardId}/certificates`, { kind, number: `${kind}-001`, issuer: 'SAMR', issuedOn: day(-100), validUntil: day(900) });
    }
    await call('PUT', `/api/equipment/measurement-standards/${standard.standardId}/scope`, {
      items: [{
        name: 'Gauge blocks', quantity: 'length', serviceKinds: ['calibration', 'verification'], methodCodes: [METHOD.code],
        ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } }],
      }],
    });
    await call('POST', '/api/equipment/rooms', { code: 'L-101', name: '长度实验室 Length lab', limits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }] });
    await call('PUT', '/api/intake/fee-schedule/L-001', { description: '量块 Gauge block', serviceKind: 'calibration', discipline: 'length', unitPrice: '120.00' });
    for (const serviceKind of ['calibration', 'verification']) await call('PUT', '/api/intake/time-limits', { serviceKind, discipline: 'length', workingDays: 7 });
    await call('PUT', '/api/certificates/institution', { name: '华东计量测试研究院', numberPrefix: 'HD' });
    await call('PUT', '/api/quality/complaint-policy', COMPLAINT_POLICY);
    await api(this.gateway, signatory, 'PUT', '/api/certificates/signatories/me', { printedName: '陈静', pin: SIGNING_PIN });
    await this.grantAuthorisations();
    // The contract review reads intake's capability read model: wait until it holds the lab.
    const clerk = await devToken(this.gateway, 'clerk');
    await waitUntil(
      () => api(this.gateway, clerk, 'GET', `/api/intake/capability?methodCode=${encodeURIComponent(METHOD.code)}`),
      (s) => s.standards?.length >= 1 && s.equipment?.length >= 1 && s.methods?.length >= 1 && s.authorisations?.length >= 2 && s.staffing?.length === 1,
      { timeoutMs: 120000, what: 'the capability read model of intake' },
    );
    await waitUntil(
      async () => (await this.platform.database.queryAsTenant<{ valid: boolean }>(INSTITUTION, `select valid from records.rm_standard where standard_id = $1`, [standard.standardId]))[0]?.valid,
      (valid) => valid === true,
      { timeoutMs: 120000, what: 'the standard valid in the records read model' },
    );
  }

  /** quality.authorisation.granted and item staffing, as the quality service announces them. */
  private async grantAuthorisations(): Promise<void> {
    this.publisher = new KafkaJsBus({ clientId: 'console-setup', brokers: testBrokers(), topicPrefix: this.platform.topicPrefix, log: () => undefined }).publisher();
    await this.publisher.connect();
    try {
      const grants = [['calibrator', 'calibrator', false], ['checker', 'checker', false], ['signatory', 'authorised-signatory', true], ['manager', 'standard-responsible', true]] as const;
      for (const [who, role, qualified] of grants) {
        const personId = people[who].id;
        await this.produce('quality.authorisation.granted', personId, {
          authorisationId: randomUUID(), personId, itemCode: METHOD.code, role, validFrom: day(-365), validUntil: day(365), qualifiedForResponsible: qualified,
        });
      }
      await this.produce('quality.item-staffing.changed', METHOD.code, { itemCode: METHOD.code, authorisedPersons: 4, hasQualifiedResponsible: true, adequate: true, evaluatedOn: day(0) });
    } finally {
      await this.publisher.disconnect().catch(() => undefined);
    }
  }

  private async produce<T extends EventType>(type: T, aggregateId: string, payload: PayloadOf<T>): Promise<void> {
    const contract = latestContract(type)!;
    const envelope = { id: randomUUID(), type, version: contract.version, occurredAt: new Date().toISOString(), tenant: INSTITUTION, aggregateId, traceparent: null, payload };
    await this.publisher.ensureTopics([contract.topic]);
    await this.publisher.publish(contract.topic, [{ key: aggregateId, value: JSON.stringify(envelope), headers: {} }]);
  }
}
