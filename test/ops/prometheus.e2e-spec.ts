import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { latestContract, Topics } from '@calchain/contracts';
import { LocalPlatform, repoRoot, testBrokers, waitUntil } from '@calchain/platform/testing';
import { PrometheusServer } from './prometheus-server';

const rulesFile = join(repoRoot, 'deploy/prometheus/rules/calchain.rules.yml');
const dashboardsDir = join(repoRoot, 'deploy/grafana/dashboards');
const dashboards = readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(dashboardsDir, f), 'utf8')) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] } }));
const panelQueries = dashboards.flatMap((d) => d.json.panels.flatMap((p) => p.targets.map((t) => ({ panel: `${d.file}: ${p.title}`, expr: t.expr }))));
interface Rule { alert: string; expr: string }
/** Alerts this test makes fire on purpose (it poisons the records consumer); the rest must be quiet. */
const expectedFiring = new Set(['CalchainMessagesDeadLettered']);

/** Grafana's variables, as Grafana would expand them for "All services". */
const expand = (expr: string) => expr.replace(/\$__rate_interval/g, '30s').replace(/\$service/g, '.*').replace(/\$tenant/g, '.*');
const finite = (v: string) => Number.isFinite(Number(v));

/**
 * Issue 10, dashboards and alerts: a real Prometheus scrapes real services while the test drives
 * traffic; every dashboard panel query must return data, every alert expression must return
 * what a healthy system (with one deliberately poisoned message) should.
 */
describe('ops: dashboards and alerts against a real Prometheus', () => {
  let platform: LocalPlatform;
  let prometheus: PrometheusServer;
  let rules: Rule[] = [];

  beforeAll(async () => {
    PrometheusServer.install();
    // All six services, so every service's business metrics are scraped; records verifies its
    // chain every 2 s here so the tamper-evidence gauges have a result within the test.
    platform = await LocalPlatform.start('prom', ['intake', 'records', 'certificates', 'equipment', 'quality', 'gateway'], {
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'), RECORDS_CHAIN_VERIFY_MS: '2000',
    });
    prometheus = await PrometheusServer.start(
      [...platform.services.values()].map((s) => ({ service: s.name, url: s.url })),
      [rulesFile],
    );
  }, 600_000); // a first run installs Prometheus with apt-get

  afterAll(async () => {
    await prometheus?.stop();
    await platform?.stop();
  });

  it('promtool accepts the alerting rules', () => {
    expect(execFileSync('promtool', ['check', 'rules', rulesFile], { encoding: 'utf8' })).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('every service serves Prometheus text at /metrics without a token', async () => {
    for (const service of platform.services.values()) {
      const response = await fetch(`${service.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(/^# TYPE calchain_outbox_pending_messages gauge$/m);
      expect(text).toMatch(/^# TYPE calchain_http_server_request_duration_seconds histogram$/m);
    }
  });

  it('drives traffic and events, then every panel query returns data and every alert its expected result', async () => {
    const gateway = platform.service('gateway').url;
    const clerk = await platform.token('lab-east', ['intake-clerk']);
    const kafka = new Kafka({ clientId: 'ops-test', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const wave = async () => {
      for (let i = 0; i < 3; i++) {
        const created = await fetch(`${gateway}/api/intake/work-orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            customerId: 'customer-42', placeOfWork: 'lab', dueDate: '2026-12-20',
            items: [{ description: 'Gauge block 50 mm', serialNumber: `GB-${i}`, serviceKind: 'calibration', methodCode: 'JJG 146-2011' }],
          }),
        });
        expect(created.status).toBe(201);
      }
      expect((await fetch(`${gateway}/api/intake/work-orders/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${clerk}` } })).status).toBe(404);
      // Not JSON: the records consumer dead-letters it (and the dead-letter alert must see it).
      await producer.send({ topic: `${platform.topicPrefix}${Topics.intakeWorkOrders}`, messages: [{ key: 'poison', value: 'not json' }] });
    };
    const post = async (path: string, token: string, body: unknown) => {
      const response = await fetch(`${gateway}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(201);
    };
    // Business data in the other services, so each one knows the institution and reports it.
    await post('/api/equipment/equipment', await platform.token('lab-east', ['standard-responsible']), {
      assetNumber: 'THERMO-1', name: 'Room thermometer', kind: 'auxiliary', equipmentType: 'thermometer', location: 'Length lab', ownerSection: 'Length', calibrationRequired: false,
    });
    await post('/api/quality/complaints', clerk, {
      channel: 'phone', category: 'turnaround', subject: 'Certificate late', description: 'The certificate was promised for Monday.', complainant: { name: 'Customer', contact: 'phone' },
    });
    const granted = latestContract('quality.authorisation.granted')!;
    const personId = randomUUID();
    await producer.send({ topic: `${platform.topicPrefix}${granted.topic}`, messages: [{ key: personId, value: JSON.stringify({
      id: randomUUID(), type: 'quality.authorisation.granted', version: granted.version, occurredAt: new Date().toISOString(), tenant: 'lab-east', aggregateId: personId, traceparent: null,
      payload: { authorisationId: randomUUID(), personId, itemCode: 'JJG 146-2011', role: 'authorised-signatory', validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: true },
    }) }] });
    try {
      // Two waves a few scrapes apart: counters exist in the first, so rates see the second.
      await wave();
      await waitUntil(() => prometheus.query('sum(calchain_consumer_dead_lettered_total{service="records"})'), (r) => Number(r[0]?.value[1]) >= 1, { what: 'first poison scraped', timeoutMs: 60000 });
      await wave();
      await waitUntil(
        () => prometheus.query('sum(increase(calchain_consumer_dead_lettered_total{service="records"}[30s])) and sum(increase(calchain_consumer_messages_total{service="records",outcome="applied"}[30s])) > 0'),
        (r) => Number(r[0]?.value[1]) > 0,
        { what: 'second wave scraped', timeoutMs: 60000 },
      );
      // The producer side too: intake's published counter needs two samples for rate/increase,
      // which a loaded machine may not have taken yet when records' counters already have them.
      await waitUntil(
        () => prometheus.query('increase(calchain_outbox_published_total{type="intake.work-order.created"}[1h])'),
        (r) => r.length > 0 && Number.isFinite(Number(r[0].value[1])),
        { what: 'intake publications scraped', timeoutMs: 60000 },
      );
      // Every service reports the institution, and the counters computed from SQL have two samples.
      for (const series of ['calchain_intake_items_received_total', 'calchain_certificates_issued_total', 'calchain_equipment_env_excursions_total']) {
        await waitUntil(() => prometheus.query(`increase(${series}{tenant="lab-east"}[1h])`), (r) => r.length > 0, { what: `${series} scraped twice`, timeoutMs: 90000 });
      }
      await waitUntil(() => prometheus.query('calchain_quality_complaints_open{tenant="lab-east"} >= 1'), (r) => r.length > 0, { what: 'the complaint counted', timeoutMs: 90000 });
      await waitUntil(() => prometheus.query('calchain_records_chain_intact{tenant="lab-east"}'), (r) => r.length > 0, { what: 'a chain verification', timeoutMs: 90000 });
    } finally {
      await producer.disconnect();
    }

    // The business gauges count what the traffic created (R-7.1.1 item flow, R-6.3.4 chain intact);
    // they are computed at scrape time with a few seconds' cache, so the last wave shows a little later.
    const value = async (expr: string, expected: number) =>
      Number((await waitUntil(() => prometheus.query(expr), (r) => Number(r[0]?.value[1]) === expected, { what: expr, timeoutMs: 60000 }).catch(() => prometheus.query(expr)))[0]?.value[1]);
    expect(await value('max(calchain_intake_items{tenant="lab-east",status="accepted"})', 6)).toBe(6);
    expect(await value('max(calchain_intake_items_overdue{tenant="lab-east"})', 0)).toBe(0);
    expect(await value('max(calchain_records{tenant="lab-east",status="pending"})', 6)).toBe(6);
    expect(await value('max(calchain_equipment{tenant="lab-east",status="in-service"})', 1)).toBe(1);
    expect(await value('max(calchain_quality_complaints_open{tenant="lab-east"})', 1)).toBe(1);
    expect(await value('max(calchain_certificates{tenant="lab-east",status="draft"})', 0)).toBe(0);
    expect(await value('min(calchain_records_chain_intact{tenant="lab-east"})', 1)).toBe(1);

    const failures: string[] = [];
    expect(panelQueries.length).toBeGreaterThanOrEqual(40);
    expect(dashboards.map((d) => d.json.uid)).toEqual(expect.arrayContaining(['calchain-turnaround', 'calchain-equipment-environment', 'calchain-quality']));
    for (const { panel, expr } of panelQueries) {
      const result = await prometheus.query(expand(expr));
      if (!result.some((r) => finite(r.value[1]))) failures.push(`${panel}: no finite value from ${expand(expr)} (${JSON.stringify(result).slice(0, 200)})`);
    }

    const groups = await prometheus.api<{ groups: { rules: (Rule & { type: string; health: string; name: string; query: string })[] }[] }>('rules');
    rules = groups.groups.flatMap((g) => g.rules).filter((r) => r.type === 'alerting').map((r) => ({ alert: r.name, expr: r.query, health: r.health })) as Rule[];
    expect(rules.length).toBe(Number(execFileSync('promtool', ['check', 'rules', rulesFile], { encoding: 'utf8' }).match(/SUCCESS: (\d+) rules/)![1]));
    for (const rule of rules as (Rule & { health: string })[]) {
      if (rule.health !== 'ok') failures.push(`${rule.alert}: rule health ${rule.health}`);
      // Every series an alert reads must exist, or "no alert" would only mean "no data".
      for (const name of new Set(rule.expr.match(/\b(calchain_[a-z0-9_]+|nodejs_[a-z0-9_]+|up)\b(?=\s*[{[)>=!<])/g) ?? [])) {
        if ((await prometheus.query(`count(${name})`)).length === 0) failures.push(`${rule.alert}: no series ${name}`);
      }
      const result = await prometheus.query(rule.expr);
      const firing = result.length > 0;
      if (firing !== expectedFiring.has(rule.alert)) {
        failures.push(`${rule.alert}: expected ${expectedFiring.has(rule.alert) ? 'data' : 'an empty result'}, got ${firing ? `data ${JSON.stringify(result).slice(0, 300)}` : 'none'}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
