import { randomUUID } from 'node:crypto';
import { EventType, parseEvent, PayloadOf, Role, Topics, latestContract } from '@calchain/contracts';
import { KafkaJsBus, MessagePublisher } from '@calchain/platform';
import { LocalPlatform, testBrokers, waitUntil } from '@calchain/platform/testing';

/* eslint-disable @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON */

export interface Reply {
  status: number;
  type: string | null;
  body: any;
}

/**
 * The intake service as a real process on the local stack, plus a real Kafka producer that plays
 * the equipment and quality services: their events are built against @calchain/contracts and
 * published to the same topics (with this run's prefix) that those services use.
 */
export class IntakeHarness {
  private constructor(
    readonly platform: LocalPlatform,
    private readonly publisher: MessagePublisher,
    private readonly viaGateway: boolean,
  ) {}

  /** With `viaGateway`, every call goes through the gateway's /api/intake/… as clients' calls do. */
  static async start(label: string, options: { viaGateway?: boolean } = {}): Promise<IntakeHarness> {
    const platform = await LocalPlatform.start(label, options.viaGateway ? ['intake', 'gateway'] : ['intake']);
    const bus = new KafkaJsBus({ clientId: `${label}-producer`, brokers: testBrokers(), topicPrefix: platform.topicPrefix, log: () => undefined });
    const publisher = bus.publisher();
    await publisher.connect();
    return new IntakeHarness(platform, publisher, options.viaGateway ?? false);
  }

  async stop(): Promise<void> {
    await this.publisher.disconnect().catch(() => undefined);
    await this.platform.stop();
  }

  get url(): string {
    return this.viaGateway ? `${this.platform.service('gateway').url}/api/intake` : this.platform.service('intake').url;
  }

  token(tenant: string, roles: Role[], subject = 'tester'): Promise<string> {
    return this.platform.token(tenant, roles, subject);
  }

  async call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = text;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* plain text (metrics) */
    }
    return { status: response.status, type: response.headers.get('content-type'), body: json };
  }

  /** Publishes one event as its producing service would: a valid envelope on the contract's topic. */
  async publish<T extends EventType>(type: T, tenant: string, aggregateId: string, payload: PayloadOf<T>, occurredAt = new Date()): Promise<string> {
    const contract = latestContract(type)!;
    const envelope = parseEvent({ id: randomUUID(), type, version: contract.version, occurredAt: occurredAt.toISOString(), tenant, aggregateId, traceparent: null, payload });
    await this.publisher.ensureTopics([contract.topic]);
    await this.publisher.publish(contract.topic, [{ key: aggregateId, value: JSON.stringify(envelope), headers: {} }]);
    return envelope.id;
  }

  /** Waits until intake's read model shows what `done` wants (the clerk's view of capability). */
  async waitForCapability(tenant: string, methodCode: string, done: (snapshot: any) => boolean, what: string): Promise<any> {
    const token = await this.token(tenant, ['intake-clerk']);
    return waitUntil(async () => (await this.call('GET', `/capability?methodCode=${encodeURIComponent(methodCode)}`, token)).body, done, { timeoutMs: 30000, what });
  }
}

export const itemTopic = Topics.intakeItems;

/** A lab whose capability for "JJG 146 (2011)" gauge-block calibration is complete on the day. */
export interface LabIds {
  standardId: string;
  equipment: [string, string];
  methodId: string;
  persons: [string, string];
  authorisations: [string, string];
}

export const newLabIds = (): LabIds => ({
  standardId: randomUUID(),
  equipment: [randomUUID(), randomUUID()],
  methodId: randomUUID(),
  persons: [randomUUID(), randomUUID()],
  authorisations: [randomUUID(), randomUUID()],
});

export const METHOD = { code: 'JJG 146', version: '2011' };

export function scopePayload(ids: LabIds, overrides: Partial<PayloadOf<'equipment.measurement-standard.scope-changed'>> = {}): PayloadOf<'equipment.measurement-standard.scope-changed'> {
  return {
    standardId: ids.standardId,
    code: 'STD-L-01',
    name: 'Gauge block calibration standard',
    category: 'enterprise-highest',
    servesSociety: true,
    valid: true,
    invalidReasons: [],
    validUntil: '2035-12-31',
    certificates: [{ kind: 'assessment', number: 'A-1', issuer: 'SAMR', issuedOn: '2023-01-01', validUntil: '2035-12-31' }],
    equipmentIds: ids.equipment,
    items: [
      {
        itemId: randomUUID(),
        name: 'gauge blocks',
        quantity: 'length',
        serviceKinds: ['calibration', 'verification'],
        methodCodes: [METHOD.code],
        ranges: [{ lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.05', unit: 'µm', coverageFactor: '2' } }],
      },
    ],
    ...overrides,
  };
}

export function equipmentPayload(id: string, asset: string, overrides: Partial<PayloadOf<'equipment.equipment.status-changed'>> = {}): PayloadOf<'equipment.equipment.status-changed'> {
  return {
    equipmentId: id,
    assetNumber: asset,
    name: `Equipment ${asset}`,
    kind: 'standard-equipment',
    status: 'in-service',
    previousStatus: null,
    reason: 'calibrated',
    usable: true,
    effectiveOn: '2025-01-01',
    lastCalibratedOn: '2025-01-01',
    dueDate: '2035-01-01',
    measurementStandardIds: [],
    ...overrides,
  };
}

export function methodPayload(id: string, overrides: Partial<PayloadOf<'equipment.method.published'>> = {}): PayloadOf<'equipment.method.published'> {
  return {
    methodId: id,
    code: METHOD.code,
    title: 'Verification regulation of gauge blocks',
    version: METHOD.version,
    type: 'national',
    documentKind: 'verification-regulation',
    status: 'verified',
    usable: true,
    effectiveFrom: '2012-01-01',
    withdrawnOn: null,
    supersededBy: null,
    environmentalLimits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }],
    readings: [],
    measurementModel: null,
    requiredEquipmentKinds: [],
    nextReviewDue: null,
    ...overrides,
  };
}

export function grantPayload(authorisationId: string, personId: string, role: 'calibrator' | 'standard-responsible', qualified: boolean): PayloadOf<'quality.authorisation.granted'> {
  return { authorisationId, personId, itemCode: METHOD.code, role, validFrom: '2024-01-01', validUntil: '2035-12-31', qualifiedForResponsible: qualified };
}

/** Publishes a complete, capable lab for `tenant` and waits until intake has taken it in. */
export async function seedCapableLab(h: IntakeHarness, tenant: string, ids = newLabIds(), opts: { persons?: 1 | 2 } = {}): Promise<LabIds> {
  await h.publish('equipment.equipment.status-changed', tenant, ids.equipment[0], equipmentPayload(ids.equipment[0], 'EQ-1'));
  await h.publish('equipment.equipment.status-changed', tenant, ids.equipment[1], equipmentPayload(ids.equipment[1], 'EQ-2', { dueDate: null }));
  await h.publish('equipment.measurement-standard.scope-changed', tenant, ids.standardId, scopePayload(ids));
  await h.publish('equipment.method.published', tenant, ids.methodId, methodPayload(ids.methodId));
  await h.publish('quality.authorisation.granted', tenant, ids.authorisations[0], grantPayload(ids.authorisations[0], ids.persons[0], 'standard-responsible', true));
  const persons = opts.persons ?? 2;
  if (persons === 2) await h.publish('quality.authorisation.granted', tenant, ids.authorisations[1], grantPayload(ids.authorisations[1], ids.persons[1], 'calibrator', false));
  await h.publish('quality.item-staffing.changed', tenant, METHOD.code, {
    itemCode: METHOD.code, authorisedPersons: persons, hasQualifiedResponsible: true, adequate: persons >= 2, evaluatedOn: '2025-01-01',
  });
  await h.waitForCapability(
    tenant,
    METHOD.code,
    (s) => s.standards?.length === 1 && s.equipment?.length === 2 && s.methods?.length === 1 && s.authorisations?.length === persons && s.staffing?.length === 1,
    `capability of ${tenant}`,
  );
  return ids;
}

/** Fee schedule, time limits and a customer with one contact, through the API. */
export async function seedInstitution(h: IntakeHarness, tenant: string, workingDays = 5): Promise<{ customerId: string; contactId: string }> {
  const admin = await h.token(tenant, ['administrator']);
  expect((await h.call('PUT', '/fee-schedule/L-001', admin, { description: 'Gauge block, grade 1', serviceKind: 'calibration', discipline: 'length', unitPrice: '120.00' })).status).toBe(200);
  for (const serviceKind of ['calibration', 'verification']) {
    expect((await h.call('PUT', '/time-limits', admin, { serviceKind, discipline: 'length', workingDays })).status).toBe(200);
  }
  const customer = await h.call('POST', '/customers', admin, { code: `C-${randomUUID().slice(0, 8)}`, name: 'Precision Parts Co.' });
  expect(customer.status).toBe(201);
  const contact = await h.call('POST', `/customers/${customer.body.id}/contacts`, admin, { name: 'Li Lei', phone: '+86 10 1234 5678' });
  expect(contact.status).toBe(201);
  return { customerId: customer.body.id, contactId: contact.body.id };
}

export function itemBody(overrides: Record<string, unknown> = {}) {
  return {
    instrumentType: 'Gauge block',
    manufacturer: 'Mitutoyo',
    model: 'BM1-50',
    serialNumber: 'GB-50',
    accuracyClass: 'grade 1',
    range: { lower: '0.5', upper: '100', unit: 'mm' },
    requiredUncertainty: { value: '0.10', unit: 'µm' },
    serviceKind: 'calibration',
    methodCode: METHOD.code,
    methodVersion: METHOD.version,
    discipline: 'length',
    place: 'lab',
    feeCode: 'L-001',
    ...overrides,
  };
}

export const consent = (givenOn: string, contactId: string | null = null) => ({ decision: 'granted', form: 'written', givenOn, contactId, reference: 'signed form F-1' });

export const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** records.record.approved as the records service publishes it (only the fields intake reads matter). */
export function recordApprovedPayload(itemId: string, workOrderId: string, orderNumber: string): PayloadOf<'records.record.approved'> {
  const now = new Date().toISOString();
  return {
    recordId: randomUUID(), recordNumber: 'RR-2026-000001', recordVersion: 1, workOrderId, itemId, orderNumber, customerId: null,
    itemDescription: 'Gauge block', serialNumber: 'GB-50', itemCode: METHOD.code, serviceKind: 'calibration', placeOfWork: 'lab',
    method: { methodId: null, code: METHOD.code, version: METHOD.version, title: null },
    measurementStandards: [], equipment: [],
    environment: { source: 'recorded-with-record', roomId: null, roomCode: null, conditions: [], withinLimits: true, onSiteConsent: null },
    measuredFrom: now, measuredTo: now, measurementDate: now.slice(0, 10),
    results: [{
      resultId: 'r1', quantity: 'length', point: '50 mm', nominal: '50', measuredValue: '50.00012', referenceValue: '50.00000', error: '0.00012',
      correction: '-0.00012', unit: 'mm', expandedUncertainty: '0.05', uncertaintyUnit: 'µm', coverageFactor: '2', coverageProbability: '0.95',
      adjustment: 'not-adjusted', limit: null,
    }],
    budgets: [], adjustmentConsentId: null, remeasurementOf: null, calibratorPersonId: 'cal-1', checkerPersonId: 'chk-1', approvedAt: now,
    chain: { sequence: 1, entryHash: 'a'.repeat(64), algorithm: 'sha256' },
  };
}

/**
 * Events intake produced and its relay has published to Kafka (published_at set), read from the
 * outbox: the same envelopes that went to the topic, without joining a consumer group per check.
 */
export async function publishedEvents(h: IntakeHarness, typePrefix: string, expected: number): Promise<any[]> {
  return waitUntil(
    async () =>
      (
        await h.platform.database.query<{ envelope: any }>(
          `select envelope from intake.outbox_message where type like $1 || '%' and published_at is not null order by seq`,
          [typePrefix],
        )
      ).map((r) => r.envelope),
    (rows) => rows.length >= expected,
    { timeoutMs: 15000, what: `${expected} published ${typePrefix} events` },
  );
}

/** certificates.certificate.issued as the certificates service publishes it. */
export function certificateIssuedPayload(itemId: string, workOrderId: string, recordId: string): PayloadOf<'certificates.certificate.issued'> {
  return {
    certificateId: randomUUID(), number: 'JZ-2026-000001', kind: 'calibration-certificate', recordId, recordVersion: 1, workOrderId, itemId,
    itemCode: METHOD.code, customerId: null, signatoryPersonId: 'sig-1', issuedAt: new Date().toISOString(),
    documents: { json: 'a'.repeat(64), xml: 'b'.repeat(64), pdf: 'c'.repeat(64) }, replaces: null, supplementTo: null,
  };
}
