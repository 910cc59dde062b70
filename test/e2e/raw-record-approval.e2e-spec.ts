import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { parseEvent, Topics } from '@calchain/contracts';
import { KafkaJsBus, MessagePublisher } from '@calchain/platform';
import { LocalPlatform, readTopic, repoRoot, testBrokers, waitUntil } from '@calchain/platform/testing';
import { eventProducer, gatewayCall, gaugeBlockEquipment } from '../support/gateway-journey';

const run = promisify(execFile);

/**
 * Issue 6, "done when": a raw record goes from dispatched to approved through the gateway with the
 * rules enforced by the records service, on real processes, PostgreSQL and Kafka. The method,
 * equipment and measurement standard come from the real equipment service (its events reach
 * records over Kafka); intake's dispatch and quality's authorisations are produced onto their
 * topics as those services would. Then a row is changed directly in SQL and the verification
 * command names it.
 */
describe('raw record: dispatched → approved through the gateway (records, equipment, gateway)', () => {
  const tenant = 'lab-e2e';
  const itemCode = 'GB-CAL-E2E';
  let platform: LocalPlatform;
  let gateway: string;
  let publisher: MessagePublisher;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    platform = await LocalPlatform.start('records-e2e', ['equipment', 'records', 'gateway']);
    gateway = platform.service('gateway').url;
    publisher = new KafkaJsBus({ clientId: 'e2e-producer', brokers: testBrokers(), topicPrefix: platform.topicPrefix, log: () => undefined }).publisher();
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect().catch(() => undefined);
    await platform?.stop();
  });

  const call = gatewayCall(() => gateway);
  const produce = eventProducer(() => publisher, tenant);

  const applied = (type: string, minimum: number) =>
    waitUntil(
      async () => (await platform.database.query<{ n: number }>(`select count(*)::int as n from records.inbox_message where type = $1`, [type]))[0].n,
      (n) => n >= minimum,
      { timeoutMs: 90000, what: `${type} applied by records` },
    );

  it('R-6.3 runs the whole record through the gateway, publishes records.record.approved, and the command catches a tampered row', async () => {
    const keeper = await platform.token(tenant, ['standard-responsible', 'technical-manager'], 'tm-e2e');
    const calibratorId = randomUUID();
    const checkerId = randomUUID();
    const calibrator = await platform.token(tenant, ['calibrator'], calibratorId);
    const checker = await platform.token(tenant, ['checker'], checkerId);

    // Equipment service: a verified method, calibrated comparator, valid standard with its scope.
    const { methodId, comparatorId, standardId } = await gaugeBlockEquipment(call, keeper, {
      suffix: 'E2E', day,
      environmentalLimits: [{ quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }, { quantity: 'relative-humidity', lower: null, upper: '70', unit: '%RH' }],
    });

    // Quality's authorisations and intake's work order, as those services announce them.
    for (const [personId, role] of [[calibratorId, 'calibrator'], [checkerId, 'checker']] as const) {
      await produce('quality.authorisation.granted', personId, {
        authorisationId: randomUUID(), personId, itemCode, role, validFrom: day(-365), validUntil: day(365), qualifiedForResponsible: false,
      });
    }
    const workOrderId = randomUUID();
    const itemId = randomUUID();
    await produce('intake.work-order.created', workOrderId, {
      workOrderId, orderNumber: 'WO-2026-990001', customerId: 'customer-e2e', placeOfWork: 'lab', dueDate: day(20),
      items: [{ itemId, description: 'Gauge block 50 mm', serialNumber: 'GB-E2E-50', serviceKind: 'calibration', methodCode: 'JJG 146-2011' }],
    });
    await produce('intake.work-order.dispatched', workOrderId, {
      workOrderId, orderNumber: 'WO-2026-990001', contractId: randomUUID(), contractVersion: 1, section: 'length', dueDate: day(20),
      items: [{ itemId, serviceKind: 'calibration', methodCode: 'JJG 146-2011', methodVersion: '2011', itemCode, place: 'lab', promisedDate: day(20) }],
      dispatchedBy: 'clerk-e2e', dispatchedAt: new Date().toISOString(),
    });
    await applied('equipment.measurement-standard.scope-changed', 1);
    await waitUntil(
      async () => (await platform.database.query<{ n: number }>(`select count(*)::int as n from records.inbox_message where type in ('equipment.method.published', 'intake.work-order.dispatched', 'quality.authorisation.granted')`))[0].n,
      (n) => n >= 2 + 1 + 2,
      { timeoutMs: 90000, what: 'method, dispatch and authorisations applied' },
    );
    await waitUntil(
      async () => (await platform.database.queryAsTenant<{ valid: boolean }>(tenant, `select valid from records.rm_standard where standard_id = $1`, [standardId]))[0]?.valid,
      (valid) => valid === true,
      { timeoutMs: 90000, what: 'the standard valid in the records read model' },
    );

    const [record] = (await call('GET', `/api/records/raw-records?workOrderId=${workOrderId}`, calibrator)).body;
    expect(record).toMatchObject({ status: 'dispatched', itemCode, methodVersion: '2011' });
    const id = record.id;

    const unauthorised = await call('POST', `/api/records/raw-records/${id}/open`, await platform.token(tenant, ['calibrator'], randomUUID()), { standardIds: [standardId], equipmentIds: [comparatorId], roomId: randomUUID(), roomCode: 'L-1' });
    expect(unauthorised.status).toBe(422);
    expect(unauthorised.body.errors[0].requirement).toBe('R-5.1.4');

    const opened = await call('POST', `/api/records/raw-records/${id}/open`, calibrator, { standardIds: [standardId], equipmentIds: [comparatorId], roomId: randomUUID(), roomCode: 'L-1' });
    expect(opened.status).toBe(200);
    expect(opened.body.method).toMatchObject({ methodId: methodId, code: 'JJG 146-2011', status: 'verified' });
    expect((await call('POST', `/api/records/raw-records/${id}/readings`, calibrator, {
      readings: ['0.00011', '0.00012', '0.00011', '0.00013', '0.00012'].map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value })),
    })).status).toBe(201);
    expect((await call('POST', `/api/records/raw-records/${id}/conditions`, calibrator, {
      conditions: [{ quantity: 'temperature', value: '20.3', unit: '°C' }, { quantity: 'relative-humidity', value: '46', unit: '%RH' }],
    })).status).toBe(201);
    const calc = await call('POST', `/api/records/raw-records/${id}/calculation`, calibrator, {
      quantity: 'length', unit: 'mm', uncertaintyUnit: 'µm', outputKind: 'value', p: '0.9545',
      inputs: { lS: { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate of the reference block' } },
    });
    expect(calc.status).toBe(200);
    expect(calc.body.bmc[0].outcome).toBe('ok');
    expect((await call('POST', `/api/records/raw-records/${id}/submit`, calibrator)).body.status).toBe('submitted');
    const approved = await call('POST', `/api/records/raw-records/${id}/approve`, checker);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const [message] = await readTopic(`${platform.topicPrefix}${Topics.recordsRecords}`, 1, 30000);
    const event = parseEvent(JSON.parse(message.value));
    expect(event).toMatchObject({ type: 'records.record.approved', tenant, aggregateId: id });
    expect(event.payload).toMatchObject({
      recordId: id, serialNumber: 'GB-E2E-50', method: { methodId: methodId, version: '2011' },
      measurementStandards: [{ standardId, code: '[2024]GB-E2E' }], equipment: [{ equipmentId: comparatorId, assetNumber: 'CMP-E2E' }],
      calibratorPersonId: calibratorId, checkerPersonId: checkerId,
    });

    const supervisor = await platform.token(tenant, ['quality-supervisor'], 'qs-e2e');
    expect((await call('GET', '/api/records/chain/verification', supervisor)).body.intact).toBe(true);
    const [reading] = await platform.database.queryAsTenant<{ id: string; seq: string }>(tenant, `select id, seq from records.record_entry where record_id = $1 and kind = 'reading' order by seq limit 1`, [id]);
    await platform.database.query(`alter table records.record_entry disable trigger record_entry_append_only`);
    await platform.database.queryAsTenant(tenant, `update records.record_entry set payload = jsonb_set(payload, '{value}', '"0.00010"') where id = $1`, [reading.id]);
    await platform.database.query(`alter table records.record_entry enable trigger record_entry_append_only`);
    const verdict = await run(process.execPath, ['-r', './tools/register.js', 'services/records/src/main.ts', 'verify-chain'], {
      cwd: repoRoot, env: { ...process.env, DATABASE_URL: platform.database.url, JWT_SECRET: 'x'.repeat(32) },
    }).then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    expect(verdict.code).toBe(2);
    expect(verdict.stdout).toContain(`${tenant}: BROKEN — first broken entry: #${reading.seq} reading of record ${id}`);
  });
});
