import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { parseEvent, PayloadOf, Topics } from '@calchain/contracts';
import { testBrokers, waitUntil } from '@calchain/platform/testing';
import { Json, labDay, QualityUnderTest } from './harness';

type Approved = PayloadOf<'records.record.approved'>;
type Issued = PayloadOf<'certificates.certificate.issued'>;

function approved(n: number, measurementDate: string, itemCode: string): Approved {
  return {
    recordId: randomUUID(), recordNumber: `REC-2026-${String(n).padStart(6, '0')}`, recordVersion: 1, workOrderId: randomUUID(), itemId: randomUUID(), orderNumber: 'WO-2026-0050',
    customerId: 'cust-1', itemDescription: 'outside micrometer', serialNumber: null, itemCode, serviceKind: 'calibration', placeOfWork: 'lab',
    method: { methodId: null, code: itemCode, version: '2008', title: null },
    measurementStandards: [], equipment: [],
    environment: { source: 'recorded-with-record', roomId: null, roomCode: null, conditions: [], withinLimits: true, onSiteConsent: null },
    measuredFrom: `${measurementDate}T01:00:00.000Z`, measuredTo: `${measurementDate}T02:00:00.000Z`, measurementDate,
    results: [{
      resultId: 'r1', quantity: 'error of indication', point: '25 mm', nominal: '25', measuredValue: '25.002', referenceValue: '25.000', error: '0.002', correction: '-0.002',
      unit: 'mm', expandedUncertainty: '0.003', uncertaintyUnit: 'mm', coverageFactor: '2', coverageProbability: '0.95', adjustment: 'not-adjusted', limit: null,
    }],
    budgets: [], adjustmentConsentId: null, remeasurementOf: null, calibratorPersonId: 'cal-person-1', checkerPersonId: 'chk-person-2',
    approvedAt: `${measurementDate}T03:00:00.000Z`, chain: { sequence: n, entryHash: 'c'.repeat(64), algorithm: 'sha256' },
  };
}

function issued(n: number, issuedOn: string): Issued {
  return {
    certificateId: randomUUID(), number: `CAL-2026-${String(n).padStart(6, '0')}`, kind: 'calibration-certificate', recordId: randomUUID(), recordVersion: 1,
    workOrderId: randomUUID(), itemId: randomUUID(), itemCode: 'JJG 21-2008', customerId: 'cust-1', signatoryPersonId: 'sig-person-3',
    issuedAt: `${issuedOn}T04:00:00.000Z`, documents: { json: 'a'.repeat(64), xml: 'b'.repeat(64), pdf: 'c'.repeat(64) }, replaces: null, supplementTo: null,
  };
}

/**
 * Supervision: plans per period and area, a pool of completed jobs fed by records'
 * approvals and certificates' issues, reproducible sampling, results, and findings with a
 * severity in the improvement register; the management-review pack reports it.
 */
describe('quality service: supervision of completed work (R-8.1) and internal audits (R-9.2)', () => {
  let quality: QualityUnderTest;
  let supervisor: string;
  let calibrator: string;
  const tenant = 'lab-sv';

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
    quality = await QualityUnderTest.start('quality-sv');
    supervisor = await quality.token(tenant, ['quality-supervisor'], 'qs-1');
    calibrator = await quality.token(tenant, ['calibrator'], 'cal-person-1');
  });

  afterAll(() => quality?.stop());

  const inPeriod = [approved(1, labDay(-5), 'JJG 21-2008'), approved(2, labDay(-3), 'JJG 21-2008'), approved(3, labDay(-1), 'JJG 21-2008')];
  const otherItem = approved(4, labDay(-2), 'JJG 146-2011');
  const tooOld = approved(5, labDay(-60), 'JJG 21-2008');
  const certificates = [issued(1, labDay(-4)), issued(2, labDay(-2))];
  let planId: string;

  it('R-8.1 pools completed jobs from records and certificates events, once each', async () => {
    const records = [...inPeriod, otherItem, tooOld, inPeriod[0]!].map((r) => ({ type: 'records.record.approved', aggregateId: r.recordId, payload: r }));
    await send(Topics.recordsRecords, records);
    await send(Topics.certificatesCertificates, certificates.map((c) => ({ type: 'certificates.certificate.issued', aggregateId: c.certificateId, payload: c })));
    const pool = await waitUntil(
      () => quality.database.queryAsTenant<{ kind: string; n: number }>(tenant, `select kind, count(*)::int as n from quality.supervision_job group by kind order by kind`),
      (rows) => rows.reduce((n, r) => n + r.n, 0) >= 7,
      { what: 'jobs in the supervision pool', timeoutMs: 60000 },
    );
    expect(pool).toEqual([{ kind: 'certificate', n: 2 }, { kind: 'record', n: 5 }]);
  });

  it('R-8.1 plans per period and area and samples only matching completed jobs, reproducibly', async () => {
    expect((await quality.call('POST', '/supervision-plans', calibrator, { title: 'x', area: 'data', periodFrom: labDay(-30), periodTo: labDay(), sampleSize: 5 })).status).toBe(403);
    const reversed = await quality.call('POST', '/supervision-plans', supervisor, { title: 'x', area: 'data', periodFrom: labDay(), periodTo: labDay(-1), sampleSize: 5 });
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'periodTo', rule: 'period-order', requirement: 'R-8.1' })]);
    const future = await quality.call('POST', '/supervision-plans', supervisor, { title: 'Next quarter', area: 'process', periodFrom: labDay(10), periodTo: labDay(40), itemCode: null, sampleSize: 3 });
    expect((await quality.call('POST', `/supervision-plans/${future.body.id}/sample`, supervisor)).body.errors)
      .toEqual([expect.objectContaining({ rule: 'period-not-started', requirement: 'R-8.1' })]);

    const created = await quality.call('POST', '/supervision-plans', supervisor, {
      title: 'Data checks, micrometers, this month', area: 'data', periodFrom: labDay(-30), periodTo: labDay(), itemCode: 'JJG 21-2008', sampleSize: 5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'planned', area: 'data', sampleSize: 5, samples: [] });
    planId = created.body.id;
    const sampled = await quality.call('POST', `/supervision-plans/${planId}/sample`, supervisor);
    expect(sampled.status).toBe(200);
    // Only the three in-period records of the item: not the other item, not the old one, not a certificate; the repeat counted once.
    expect(sampled.body.samples.map((s: Json) => s.refNumber).sort()).toEqual(['REC-2026-000001', 'REC-2026-000002', 'REC-2026-000003']);
    expect(sampled.body).toMatchObject({ status: 'sampled', summary: { sampled: 3, pending: 3 } });
    // Sampling again draws nothing new: every matching job is in the plan already.
    expect((await quality.call('POST', `/supervision-plans/${planId}/sample`, supervisor)).body.summary.sampled).toBe(3);

    const certs = await quality.call('POST', '/supervision-plans', supervisor, { title: 'Certificates', area: 'certificates', periodFrom: labDay(-30), periodTo: labDay(), itemCode: null, sampleSize: 1 });
    const certSample = (await quality.call('POST', `/supervision-plans/${certs.body.id}/sample`, supervisor)).body;
    expect(certSample.samples).toHaveLength(1);
    expect(certSample.samples[0]).toMatchObject({ kind: 'certificate', refNumber: expect.stringMatching(/^CAL-2026-00000[12]$/) });
  });

  it('R-8.1 records results; a nonconforming sample is a finding with its severity in the register, and the plan completes when all are checked', async () => {
    const plan = (await quality.call('GET', `/supervision-plans/${planId}`, supervisor)).body;
    const [first, second, third] = plan.samples as Json[];
    const path = (s: Json) => `/supervision-plans/${planId}/samples/${s.id}/result`;

    expect((await quality.call('POST', path(first), supervisor, { conforming: true, note: 'Readings and calculations reproduced' })).body.summary).toMatchObject({ conforming: 1 });
    const noSeverity = await quality.call('POST', path(second), supervisor, { conforming: false, title: 'Wrong rounding' });
    expect(noSeverity.status).toBe(422);
    expect(noSeverity.body.errors).toEqual([expect.objectContaining({ field: 'severity', rule: 'finding-details-required', requirement: 'R-8.1' })]);
    const bad = await quality.call('POST', path(second), supervisor, { conforming: false, severity: 'major', title: 'Expanded uncertainty rounded down', note: 'U reported 0.002 mm, budget gives 0.0026 mm' });
    expect(bad.status).toBe(200);
    const findingId = bad.body.samples.find((s: Json) => s.id === second.id).findingId;
    expect(findingId).toEqual(expect.any(String));
    expect((await quality.call('POST', path(second), supervisor, { conforming: true })).body.errors).toEqual([expect.objectContaining({ rule: 'already-checked' })]);

    const early = await quality.call('POST', `/supervision-plans/${planId}/complete`, supervisor);
    expect(early.body.errors).toEqual([expect.objectContaining({ rule: 'samples-pending', requirement: 'R-8.1' })]);
    await quality.call('POST', path(third), supervisor, { conforming: true });
    const completed = await quality.call('POST', `/supervision-plans/${planId}/complete`, supervisor);
    expect(completed.body).toMatchObject({ status: 'completed', completedBy: 'qs-1', summary: { sampled: 3, conforming: 2, nonconforming: 1, pending: 0 } });

    const finding = (await quality.call('GET', `/findings/${findingId}`, supervisor)).body;
    expect(finding).toMatchObject({ source: 'supervision', severity: 'major', requirement: 'R-8.1', sourceRef: second.id, itemCode: 'JJG 21-2008', status: 'open' });
    expect(finding.title).toContain(second.refNumber);
    const register = (await quality.call('GET', '/improvements?source=supervision', supervisor)).body;
    expect(register).toEqual([expect.objectContaining({ findingId, status: 'open' })]);
  });

  it('R-9.2 runs the internal audit programme: scope, findings within it into the register, completion', async () => {
    const year = Number(labDay().slice(0, 4));
    const outside = await quality.call('POST', '/internal-audits', supervisor, { programmeYear: year, title: 'x', scope: ['R-5.1'], plannedOn: `${year + 1}-01-15`, leadAuditor: 'aud-1' });
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'plannedOn', rule: 'outside-programme-year' })]);
    expect((await quality.call('POST', '/internal-audits', calibrator, { programmeYear: year, title: 'x', scope: ['R-5.1'], plannedOn: labDay(), leadAuditor: 'aud-1' })).status).toBe(403);
    const planned = await quality.call('POST', '/internal-audits', supervisor, {
      programmeYear: year, title: 'Personnel and supervision', scope: ['R-5.1', 'R-8.1'], areas: ['length lab'], plannedOn: labDay(), leadAuditor: 'aud-1',
    });
    expect(planned.status).toBe(201);
    const id = planned.body.id;
    expect((await quality.call('POST', `/internal-audits/${id}/findings`, supervisor, { severity: 'minor', title: 'x' })).body.errors)
      .toEqual([expect.objectContaining({ rule: 'not-in-progress' })]);
    expect((await quality.call('POST', `/internal-audits/${id}/start`, supervisor)).body).toMatchObject({ status: 'in-progress', startedOn: labDay() });
    const outOfScope = await quality.call('POST', `/internal-audits/${id}/findings`, supervisor, { severity: 'minor', requirement: 'R-6.4', title: 'Certificate layout' });
    expect(outOfScope.body.errors).toEqual([expect.objectContaining({ field: 'requirement', rule: 'outside-scope', requirement: 'R-9.2' })]);
    const withFinding = await quality.call('POST', `/internal-audits/${id}/findings`, supervisor, {
      severity: 'major', requirement: 'R-5.1.4', title: 'Authorisation records of two calibrators not signed', openCorrectiveAction: { dueOn: labDay(30) },
    });
    expect(withFinding.status).toBe(201);
    expect(withFinding.body.findings).toEqual([expect.objectContaining({ severity: 'major', requirement: 'R-5.1.4', status: 'open' })]);
    const completed = await quality.call('POST', `/internal-audits/${id}/complete`, supervisor, { conclusion: 'System effective apart from one major finding' });
    expect(completed.body).toMatchObject({ status: 'completed', completedOn: labDay() });
    expect((await quality.call('POST', `/internal-audits/${id}/findings`, supervisor, { severity: 'minor', title: 'late' })).status).toBe(422);

    const programme = (await quality.call('GET', `/internal-audits?year=${year}`, supervisor)).body;
    expect(programme).toMatchObject({ year, covered: ['R-5.1', 'R-8.1'], audits: [expect.objectContaining({ id, status: 'completed' })] });
    const register = (await quality.call('GET', '/improvements?source=internal-audit', supervisor)).body;
    expect(register).toEqual([expect.objectContaining({ findingId: withFinding.body.findings[0].id, status: 'in-progress', correctiveActionId: expect.any(String) })]);
  });

  it('R-8.1 reports supervision in the management-review pack and publishes the finding without personal data', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const pack = (await quality.call('GET', `/management-review/pack?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, supervisor)).body;
    expect(pack.supervision).toEqual(expect.arrayContaining([
      { area: 'data', plans: 1, completed: 1, sampled: 3, conforming: 2, nonconforming: 1, pending: 0 },
      { area: 'certificates', plans: 1, completed: 0, sampled: 1, conforming: 0, nonconforming: 0, pending: 1 },
    ]));
    expect(pack.remeasurements).toMatchObject({ opened: 0, openNow: 0 });
    expect(pack.internalAudits).toEqual({ planned: 1, completed: 1, findings: 1, majorOrCritical: 1 });
    expect(pack.notYetCovered).toEqual(['turnaround versus promised time limits (intake)']);

    const published = await quality.publishedMessages();
    const raised = published.map((m) => parseEvent(JSON.parse(m.value))).filter((e) => e.type === 'quality.finding.raised');
    expect(raised).toEqual(expect.arrayContaining([
      expect.objectContaining({ payload: expect.objectContaining({ source: 'supervision', severity: 'major', requirement: 'R-8.1' }) }),
      expect.objectContaining({ payload: expect.objectContaining({ source: 'internal-audit', severity: 'major', requirement: 'R-5.1.4' }) }),
    ]));
    expect(raised).toHaveLength(2);
    for (const m of published) for (const person of ['cal-person-1', 'chk-person-2', 'sig-person-3']) expect(m.value).not.toContain(person);
  });
});
