import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalPlatform, waitUntil } from '@calchain/platform/testing';

interface SpanLine { service: string; name: string; kind: number; traceId: string; spanId: string; parentSpanId: string | null }

/**
 * Issue 10, tracing: one trace follows a request from the gateway through intake, the outbox,
 * Kafka and into the records service's handler. Services write their finished spans to a file
 * (CALCHAIN_TRACE_FILE) and log at info; the test sends its own traceparent at the edge.
 */
describe('ops: one trace from the gateway through Kafka to records', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calchain-trace-'));
  const traceFile = join(dir, 'spans.jsonl');
  let platform: LocalPlatform;

  beforeAll(async () => {
    platform = await LocalPlatform.start('trace', ['intake', 'records', 'equipment', 'gateway'], { CALCHAIN_TRACE_FILE: traceFile, LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const spans = (): SpanLine[] => (existsSync(traceFile) ? readFileSync(traceFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

  it('carries the trace id in HTTP spans, the outbox envelope, Kafka headers, the consumer span and the log lines', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clerk = await platform.token('lab-east', ['intake-clerk']);
    const response = await fetch(`${platform.service('gateway').url}/api/intake/work-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({
        customerId: 'customer-42', placeOfWork: 'lab', dueDate: '2026-12-20',
        items: [{ description: 'Gauge block 50 mm', serialNumber: 'GB-50', serviceKind: 'calibration', methodCode: 'JJG 146-2011' }],
      }),
    });
    expect(response.status).toBe(201);

    // The consumer span in records continues the trace the outbox wrote into the envelope.
    const traced = await waitUntil(
      async () => spans().filter((s) => s.traceId === traceId),
      (found) => found.some((s) => s.service === 'records' && s.name.endsWith(' process')),
      { what: 'records consumer span in the trace', timeoutMs: 60000 },
    );
    const services = new Set(traced.map((s) => s.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['gateway', 'intake', 'records']));
    // gateway server span → gateway fetch span → intake server span: parent links, not just ids.
    const byId = new Map(traced.map((s) => [s.spanId, s]));
    const intakeServer = traced.find((s) => s.service === 'intake' && s.kind === 1 /* SERVER */)!;
    expect(byId.get(intakeServer.parentSpanId!)?.service).toBe('gateway');
    const consumer = traced.find((s) => s.service === 'records' && s.name.endsWith(' process'))!;
    expect(byId.get(consumer.parentSpanId!)?.service).toBe('intake');
    // Database work of the handler belongs to the same trace (pg instrumentation in records).
    expect(traced.some((s) => s.service === 'records' && s.parentSpanId !== null && s.name.startsWith('pg'))).toBe(true);

    // The stored envelope in intake's outbox and the records' inbox row's event agree.
    const db = new Client({ connectionString: platform.database.url });
    await db.connect();
    try {
      const { rows } = await db.query(`select envelope from intake.outbox_message where envelope->>'traceparent' like $1`, [`00-${traceId}-%`]);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await db.end();
    }

    // Log lines written while handling it carry the trace id (intake's request log, records' handler).
    const logDir = join('.local', 'test-logs', readdirSync(join('.local', 'test-logs')).filter((d) => d.startsWith(`trace-${platform.topicPrefix.slice(-7, -1)}`))[0]);
    const logged = (service: string) => readFileSync(join(logDir, `${service}.log`), 'utf8').split('\n').filter((l) => l.includes(`"traceId":"${traceId}"`));
    expect(logged('intake').length).toBeGreaterThan(0);
    expect(logged('gateway').length).toBeGreaterThan(0);
  });
});
