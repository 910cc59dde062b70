import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { parseEvent, Topics } from '@calchain/contracts';
import { testBrokers, waitUntil } from '@calchain/platform/testing';
import { Json, QualityUnderTest } from './harness';

/**
 * Customer satisfaction: a survey per returned item from intake's events, responses with
 * classified feedback, indices per period, site and discipline, and low scores or criticism in the
 * improvement register, without comments ever leaving the service.
 */
describe('quality service: customer satisfaction (R-9.1)', () => {
  let quality: QualityUnderTest;
  let supervisor: string;
  let calibrator: string;
  const tenant = 'lab-cs';
  const itemIds = [randomUUID(), randomUUID(), randomUUID()];

  const send = async (topic: string, events: { type: string; aggregateId: string; payload: unknown }[]) => {
    const messages = events.map((e) => {
      const envelope = { id: randomUUID(), version: 1, occurredAt: new Date().toISOString(), tenant, traceparent: null, ...e };
      parseEvent(envelope);
      return { key: e.aggregateId, value: JSON.stringify(envelope) };
    });
    const kafka = new Kafka({ clientId: 'quality-test', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: `${quality.topicPrefix}${topic}`, messages });
    await producer.disconnect();
  };

  beforeAll(async () => {
    quality = await QualityUnderTest.start('quality-cs');
    supervisor = await quality.token(tenant, ['quality-supervisor'], 'qs-1');
    calibrator = await quality.token(tenant, ['calibrator'], 'cal-1');
  });

  afterAll(() => quality?.stop());

  let surveys: Json[];

  it('R-9.1 opens one survey per returned item, knowing the discipline from the approved record', async () => {
    // The approved record of the first item tells quality its discipline (item code).
    const recordId = randomUUID();
    const record = {
      recordId, recordNumber: 'REC-2026-000201', recordVersion: 1, workOrderId: randomUUID(), itemId: itemIds[0], orderNumber: 'WO-2026-0070',
      customerId: null, itemDescription: 'balance', serialNumber: null, itemCode: 'JJG 1036-2008', serviceKind: 'verification', placeOfWork: 'lab',
      method: { methodId: null, code: 'JJG 1036-2008', version: '2008', title: null }, measurementStandards: [], equipment: [],
      environment: { source: 'recorded-with-record', roomId: null, roomCode: null, conditions: [], withinLimits: true, onSiteConsent: null },
      measuredFrom: new Date().toISOString(), measuredTo: new Date().toISOString(), measurementDate: new Date().toISOString().slice(0, 10),
      results: [{ resultId: 'r1', quantity: 'error', point: '100 g', nominal: '100', measuredValue: '100.0002', referenceValue: '100.0000', error: '0.0002', correction: '-0.0002', unit: 'g', expandedUncertainty: '0.0003', uncertaintyUnit: 'g', coverageFactor: '2', coverageProbability: '0.95', adjustment: 'not-adjusted', limit: '±0.001' }],
      budgets: [], adjustmentConsentId: null, remeasurementOf: null, calibratorPersonId: 'cal-1', checkerPersonId: 'chk-2', approvedAt: new Date().toISOString(),
      chain: { sequence: 1, entryHash: 'd'.repeat(64), algorithm: 'sha256' },
    };
    await send(Topics.recordsRecords, [{ type: 'records.record.approved', aggregateId: recordId, payload: record }]);
    await waitUntil(() => quality.database.queryAsTenant<Json>(tenant, `select 1 from quality.supervision_job`), (r) => r.length === 1, { what: 'record pooled', timeoutMs: 60000 });

    const returned = itemIds.map((itemId, i) => ({
      type: 'intake.item.returned', aggregateId: itemId,
      payload: { itemId, contractId: randomUUID(), returnId: randomUUID(), label: `L-2026-00${i + 1}`, returnedAt: new Date().toISOString(), withinTimeLimit: i !== 2 },
    }));
    await send(Topics.intakeItems, [...returned, returned[0]!]);
    surveys = await waitUntil(
      async () => (await quality.call('GET', '/satisfaction-surveys', supervisor)).body,
      (list: Json[]) => list.length >= 3,
      { what: 'three surveys', timeoutMs: 60000 },
    );
    await new Promise((r) => setTimeout(r, 1000));
    surveys = (await quality.call('GET', '/satisfaction-surveys?status=awaiting-response', supervisor)).body;
    expect(surveys).toHaveLength(3);
    expect(surveys.find((s: Json) => s.itemId === itemIds[0])).toMatchObject({ discipline: 'JJG 1036-2008', status: 'awaiting-response' });
    expect(surveys.find((s: Json) => s.itemId === itemIds[2])).toMatchObject({ discipline: null, withinTimeLimit: false });
    expect((await quality.call('GET', '/satisfaction-surveys', calibrator)).status).toBe(403);
  });

  it('R-9.1 records responses once; a low score or criticism is a finding in the register, praise is not', async () => {
    const byItem = (i: number) => surveys.find((s: Json) => s.itemId === itemIds[i]).id as string;
    const good = await quality.call('POST', `/satisfaction-surveys/${byItem(0)}/response`, supervisor, {
      channel: 'web-form', site: 'Main lab', overall: 5, timeliness: 5, service: 4, reportQuality: 5, classification: 'praise', comment: 'Fast and clear',
    });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ status: 'answered', overall: 5, site: 'Main lab', findingId: null });
    expect((await quality.call('POST', `/satisfaction-surveys/${byItem(0)}/response`, supervisor, { channel: 'phone', overall: 1, classification: 'criticism' })).body.errors)
      .toEqual([expect.objectContaining({ rule: 'already-answered', requirement: 'R-9.1' })]);
    const float = await quality.call('POST', `/satisfaction-surveys/${byItem(1)}/response`, supervisor, { channel: 'phone', overall: 4.5, classification: 'neutral' });
    expect(float.status).toBe(400);

    const low = await quality.call('POST', `/satisfaction-surveys/${byItem(1)}/response`, supervisor, {
      channel: 'phone', site: 'Main lab', overall: 2, classification: 'criticism', comment: 'Certificate arrived with the wrong address of Mr Wang',
    });
    expect(low.body.findingId).toEqual(expect.any(String));
    const late = await quality.call('POST', `/satisfaction-surveys/${byItem(2)}/response`, supervisor, { channel: 'email', site: 'North site', overall: 3, classification: 'suggestion' });
    expect(late.body.findingId).toBeNull();

    const finding = (await quality.call('GET', `/findings/${low.body.findingId}`, supervisor)).body;
    expect(finding).toMatchObject({ source: 'satisfaction', severity: 'minor', requirement: 'R-9.1', sourceRef: byItem(1) });
    expect(JSON.stringify(finding)).not.toContain('Mr Wang');
    const register = (await quality.call('GET', '/improvements?source=satisfaction', supervisor)).body;
    expect(register).toEqual([expect.objectContaining({ findingId: low.body.findingId })]);
  });

  it('R-9.1 computes satisfaction indices per period, site and discipline as decimal strings', async () => {
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    const bySite = (await quality.call('GET', `/satisfaction/indices?from=${from}&to=${to}&by=site`, supervisor)).body;
    expect(bySite).toEqual([
      { group: 'Main lab', surveys: 2, responses: 2, index: '3.50', lowScores: 1, praise: 1, suggestion: 0, criticism: 1, neutral: 0 },
      { group: 'North site', surveys: 1, responses: 1, index: '3.00', lowScores: 0, praise: 0, suggestion: 1, criticism: 0, neutral: 0 },
    ]);
    const byDiscipline = (await quality.call('GET', `/satisfaction/indices?from=${from}&to=${to}&by=discipline`, supervisor)).body;
    expect(byDiscipline).toEqual([
      expect.objectContaining({ group: '(unknown)', responses: 2, index: '2.50' }),
      expect.objectContaining({ group: 'JJG 1036-2008', responses: 1, index: '5.00' }),
    ]);
    const byMonth = (await quality.call('GET', `/satisfaction/indices?from=${from}&to=${to}`, supervisor)).body;
    expect(byMonth.reduce((n: number, r: Json) => n + r.responses, 0)).toBe(3);
    expect((await quality.call('GET', `/satisfaction/indices?from=${to}&to=${from}`, supervisor)).status).toBe(400);
  });

  it('R-9.1 reports satisfaction in the management-review pack; no comment leaves the service in events or logs', async () => {
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
    const pack = (await quality.call('GET', `/management-review/pack?from=${from}&to=${to}`, supervisor)).body;
    expect(pack.satisfaction).toEqual({ surveys: 3, responses: 3, index: '3.33', lowScores: 1, criticism: 1 });
    const published = await quality.publishedMessages();
    expect(published.some((m) => m.value.includes('"source":"satisfaction"'))).toBe(true);
    for (const m of published) expect(m.value).not.toContain('Mr Wang');
    expect(quality.logText()).not.toContain('Mr Wang');
  });
});
