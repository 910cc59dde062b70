import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { KafkaJsBus, MessagePublisher } from '@calchain/platform';
import { LocalPlatform, testBrokers, waitUntil } from '@calchain/platform/testing';
import { eventProducer, gatewayCall, gaugeBlockEquipment } from '../support/gateway-journey';

interface SpanLine { service: string; name: string; kind: number; traceId: string; spanId: string; parentSpanId: string | null }

/**
 * Issue 10, tracing ("done when": one trace spans gateway → intake → records → certificates).
 * The test is a client whose journey has one trace: it sends the same trace id (its own root span)
 * with the requests of the journey — the work order at intake, the approval at records, the
 * signature at certificates — and every event those requests cause carries it through the outbox
 * envelope and Kafka headers into the consumers. Services write finished spans to a file
 * (CALCHAIN_TRACE_FILE). Equipment set-up, quality's authorisations and intake's dispatch are
 * outside the journey (dispatch needs an accepted contract; it is produced as intake would).
 */
describe('ops: one trace from the gateway through intake, records and certificates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calchain-trace-'));
  const traceFile = join(dir, 'spans.jsonl');
  const keyDir = join(dir, 'keys');
  const tenant = 'lab-east';
  const itemCode = 'GB-CAL-TRACE';
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  let platform: LocalPlatform;
  let publisher: MessagePublisher;

  beforeAll(async () => {
    platform = await LocalPlatform.start('trace', ['intake', 'records', 'certificates', 'equipment', 'gateway'], {
      CALCHAIN_TRACE_FILE: traceFile, LOG_LEVEL: 'info', CERTIFICATES_GENERATE_KEYS: 'true', CERTIFICATES_KEY_DIR: keyDir,
    });
    publisher = new KafkaJsBus({ clientId: 'trace-producer', brokers: testBrokers(), topicPrefix: platform.topicPrefix, log: () => undefined }).publisher();
    await publisher.connect();
  }, 600_000); // five services starting on a loaded machine

  afterAll(async () => {
    await publisher?.disconnect().catch(() => undefined);
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const spans = (): SpanLine[] => (existsSync(traceFile) ? readFileSync(traceFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

  const call = gatewayCall(() => platform.service('gateway').url);
  const produce = eventProducer(() => publisher, tenant);

  /** Equipment in place and the standard valid in records' read model. */
  async function equipmentInPlace(): Promise<{ standardId: string; comparatorId: string }> {
    const keeper = await platform.token(tenant, ['standard-responsible', 'technical-manager'], 'tm-trace');
    const { standardId, comparatorId } = await gaugeBlockEquipment(call, keeper, { suffix: 'TRACE', day });
    await waitUntil(
      async () => (await platform.database.queryAsTenant<{ valid: boolean }>(tenant, `select valid from records.rm_standard where standard_id = $1`, [standardId]))[0]?.valid,
      (valid) => valid === true,
      { timeoutMs: 120000, what: 'the standard valid in the records read model' },
    );
    return { standardId, comparatorId };
  }

  it('R-6.3 / R-6.4 follows one request journey: work order, approved record, issued certificate — spans of all four services in one trace, parent links across every Kafka hop', async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const { standardId, comparatorId } = await equipmentInPlace();
    const [calibratorId, checkerId, signatoryId] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [personId, role] of [[calibratorId, 'calibrator'], [checkerId, 'checker'], [signatoryId, 'authorised-signatory']] as const) {
      await produce('quality.authorisation.granted', personId, {
        authorisationId: randomUUID(), personId, itemCode, role, validFrom: day(-365), validUntil: day(365), qualifiedForResponsible: role === 'authorised-signatory',
      });
    }
    const calibrator = await platform.token(tenant, ['calibrator'], calibratorId);
    const checker = await platform.token(tenant, ['checker'], checkerId);
    const signatory = await platform.token(tenant, ['authorised-signatory'], signatoryId);
    const pin = '58203917';
    expect((await call('PUT', '/api/certificates/signatories/me', signatory, { printedName: '李明', pin })).status).toBe(200);

    // 1. gateway → intake: the work order; intake's event opens the pending record in records.
    const clerk = await platform.token(tenant, ['intake-clerk']);
    const created = await call('POST', '/api/intake/work-orders', clerk, {
      customerId: 'customer-42', placeOfWork: 'lab', dueDate: day(20),
      items: [{ description: 'Gauge block 50 mm', serialNumber: 'GB-50', serviceKind: 'calibration', methodCode: 'JJG 146-2011' }],
    }, traceparent);
    expect(created.status).toBe(201);
    const workOrderId: string = created.body.id;
    const itemId: string = created.body.items[0].id;
    await produce('intake.work-order.dispatched', workOrderId, {
      workOrderId, orderNumber: created.body.orderNumber, contractId: randomUUID(), contractVersion: 1, section: 'length', dueDate: day(20),
      items: [{ itemId, serviceKind: 'calibration', methodCode: 'JJG 146-2011', methodVersion: '2011', itemCode, place: 'lab', promisedDate: day(20) }],
      dispatchedBy: 'clerk-trace', dispatchedAt: new Date().toISOString(),
    });
    const record = await waitUntil(
      async () => (await call('GET', `/api/records/raw-records?workOrderId=${workOrderId}`, calibrator)).body[0],
      (r) => r?.status === 'dispatched',
      { timeoutMs: 120000, what: 'the record dispatched in records' },
    );

    // 2. gateway → records: the record is measured and approved; records.record.approved → certificates.
    const id = record.id;
    const opened = await waitUntil(
      () => call('POST', `/api/records/raw-records/${id}/open`, calibrator, { standardIds: [standardId], equipmentIds: [comparatorId], roomId: randomUUID(), roomCode: 'L-1' }),
      (r) => r.status !== 422 || !JSON.stringify(r.body).includes('R-5.1.4'),
      { timeoutMs: 120000, what: 'the calibrator authorisation in records' },
    );
    expect(opened.status).toBe(200);
    expect((await call('POST', `/api/records/raw-records/${id}/readings`, calibrator, {
      readings: ['0.00011', '0.00012', '0.00011', '0.00013', '0.00012'].map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value })),
    })).status).toBe(201);
    expect((await call('POST', `/api/records/raw-records/${id}/conditions`, calibrator, {
      conditions: [{ quantity: 'temperature', value: '20.3', unit: '°C' }],
    })).status).toBe(201);
    expect((await call('POST', `/api/records/raw-records/${id}/calculation`, calibrator, {
      quantity: 'length', unit: 'mm', uncertaintyUnit: 'µm', outputKind: 'value', p: '0.9545',
      inputs: { lS: { estimate: '50.00002', u: { halfWidth: '0.00006', dist: 'normal', k: '2' }, source: 'certificate of the reference block' } },
    })).status).toBe(200);
    expect((await call('POST', `/api/records/raw-records/${id}/submit`, calibrator)).body.status).toBe('submitted');
    const approved = await waitUntil(
      () => call('POST', `/api/records/raw-records/${id}/approve`, checker, undefined, traceparent),
      (r) => r.status !== 422 || !JSON.stringify(r.body).includes('R-5.1.4'),
      { timeoutMs: 60000, what: 'the checker authorisation in records' },
    );
    expect(approved.status).toBe(200);

    // 3. certificates: the draft from the event, signed through the gateway; its event reaches intake.
    const manager = await platform.token(tenant, ['technical-manager']);
    const [draft] = await waitUntil(
      async () => (await call('GET', `/api/certificates/certificates?itemId=${itemId}`, manager)).body,
      (list) => Array.isArray(list) && list.length === 1,
      { timeoutMs: 120000, what: 'the certificate draft from records.record.approved' },
    );
    const signed = await waitUntil(
      () => call('POST', `/api/certificates/certificates/${draft.id}/sign`, signatory, { pin }, traceparent),
      (r) => r.status !== 422,
      { timeoutMs: 120000, what: 'the signatory authorisation in certificates' },
    );
    expect(signed.status).toBe(200);
    expect(signed.body.number).toMatch(/-\d{4}-\d{6}$/);

    const traced = await waitUntil(
      async () => spans().filter((s) => s.traceId === traceId),
      (found) => found.some((s) => s.service === 'intake' && s.name.endsWith('certificates.certificate.v1 process')),
      { what: 'intake consuming certificates.certificate.issued in the trace', timeoutMs: 120000 },
    );
    expect([...new Set(traced.map((s) => s.service))].sort()).toEqual(['certificates', 'gateway', 'intake', 'records']);
    const byId = new Map(traced.map((s) => [s.spanId, s]));
    const parentService = (s: SpanLine | undefined) => (s?.parentSpanId ? byId.get(s.parentSpanId)?.service : undefined);
    const consumer = (service: string, topic: string) => traced.find((s) => s.service === service && s.kind === 4 /* CONSUMER */ && s.name.includes(topic));
    // gateway → intake over HTTP (gateway server span → gateway fetch span → intake server span).
    expect(parentService(traced.find((s) => s.service === 'intake' && s.kind === 1 /* SERVER */))).toBe('gateway');
    // intake → records over Kafka, records → certificates over Kafka, certificates → intake over Kafka.
    expect(parentService(consumer('records', 'intake.work-order'))).toBe('intake');
    expect(parentService(consumer('certificates', 'records.record'))).toBe('records');
    expect(parentService(consumer('intake', 'certificates.certificate'))).toBe('certificates');
    // gateway → records and gateway → certificates over HTTP, for the approval and the signature.
    expect(traced.filter((s) => s.kind === 1 && ['records', 'certificates'].includes(s.service)).map(parentService)).toEqual(expect.arrayContaining(['gateway', 'gateway']));
    // The certificates handler's database work belongs to the trace (pg instrumentation).
    expect(traced.some((s) => s.service === 'certificates' && s.name.startsWith('pg'))).toBe(true);

    // The stored envelopes carry it: intake's work order event and certificates' issued event.
    const db = new Client({ connectionString: platform.database.url });
    await db.connect();
    try {
      for (const [schema, type] of [['intake', 'intake.work-order.created'], ['records', 'records.record.approved'], ['certificates', 'certificates.certificate.issued']]) {
        const { rows } = await db.query(`select 1 from ${schema}.outbox_message where type = $1 and envelope->>'traceparent' like $2`, [type, `00-${traceId}-%`]);
        expect({ schema, type, found: rows.length > 0 }).toEqual({ schema, type, found: true });
      }
    } finally {
      await db.end();
    }

    // Log lines written while handling it carry the trace id, in every service of the journey.
    const logDir = join('.local', 'test-logs', readdirSync(join('.local', 'test-logs')).filter((d) => d.startsWith(`trace-${platform.topicPrefix.slice(-7, -1)}`))[0]);
    const logged = (service: string) => readFileSync(join(logDir, `${service}.log`), 'utf8').split('\n').filter((l) => l.includes(`"traceId":"${traceId}"`));
    for (const service of ['gateway', 'intake', 'records', 'certificates']) expect({ service, lines: logged(service).length > 0 }).toEqual({ service, lines: true });
  }, 900_000);
});
