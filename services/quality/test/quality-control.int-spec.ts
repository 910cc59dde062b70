import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { parseEvent, Topics } from '@calchain/contracts';
import { testBrokers, waitUntil } from '@calchain/platform/testing';
import { Json, QualityUnderTest } from './harness';

/**
 * Proficiency testing with scores from @calchain/metrology, control charts with the
 * Western Electric rules, corrective actions to verified closure and the
 * improvement register fed by them and by equipment's intermediate-check failures.
 */
describe('quality service: proficiency testing, control charts, corrective actions (R-5.5, R-9)', () => {
  let quality: QualityUnderTest;
  let supervisor: string;
  let manager: string;
  let calibrator: string;

  beforeAll(async () => {
    quality = await QualityUnderTest.start('quality-qc');
    supervisor = await quality.token('lab-east', ['quality-supervisor'], 'qs-1');
    manager = await quality.token('lab-east', ['technical-manager'], 'tm-2');
    calibrator = await quality.token('lab-east', ['calibrator'], 'cal-7');
  });

  afterAll(() => quality?.stop());

  const round = async (scoring: string) => {
    const created = await quality.call('POST', '/proficiency-rounds', supervisor, {
      scheme: 'proficiency-test', provider: 'NIM', roundCode: `NIM-PT-2026-${scoring}`, itemCode: 'JJG 146-2011', title: 'Gauge block 50 mm', scoring,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  let correctiveActionId: string;
  let findingId: string;

  it('R-5.5.2 an unsatisfactory En result opens a finding and a corrective action', async () => {
    const id = await round('En');
    const result = await quality.call('POST', `/proficiency-rounds/${id}/results`, supervisor, {
      artefact: 'GB-50 central length', unit: 'µm', labValue: '50.00091', labUncertainty: '0.00030', assignedValue: '50.00040', assignedUncertainty: '0.00020',
    });
    expect(result.status).toBe(201);
    // En = 0.00051 / √(0.00030² + 0.00020²) = 1.4144…: unsatisfactory.
    expect(result.body).toMatchObject({ classification: 'unsatisfactory', consequence: 'corrective-action', labValue: '50.00091' });
    expect(result.body.score).toMatch(/^1\.414/);
    ({ correctiveActionId, findingId } = result.body);

    const finding = await quality.call('GET', `/findings/${findingId}`, supervisor);
    expect(finding.body).toMatchObject({ source: 'proficiency-test', requirement: 'R-5.5.2', itemCode: 'JJG 146-2011', severity: 'major', status: 'open' });
    expect(finding.body.correctiveActions).toEqual([expect.objectContaining({ id: correctiveActionId, status: 'open', dueOn: expect.any(String) })]);

    const stored = await quality.database.queryAsTenant<Json>('lab-east', `select lab_value::text, score::text from quality.proficiency_result where id = $1`, [result.body.id]);
    expect(stored[0].lab_value).toBe('50.00091');

    const satisfactory = await quality.call('POST', `/proficiency-rounds/${id}/results`, supervisor, {
      artefact: 'GB-50 variation in length', unit: 'µm', labValue: '0.00012', labUncertainty: '0.00010', assignedValue: '0.00010', assignedUncertainty: '0.00005',
    });
    expect(satisfactory.body).toMatchObject({ classification: 'satisfactory', consequence: 'none', findingId: null });
  });

  it('R-5.5.2 a questionable z-score is a warning in the improvement register, not a finding', async () => {
    const id = await round('z');
    const result = await quality.call('POST', `/proficiency-rounds/${id}/results`, supervisor, {
      artefact: 'GB-100', unit: 'µm', labValue: '100.00025', assignedValue: '100.00000', sigmaPt: '0.00010',
    });
    expect(result.body).toMatchObject({ classification: 'questionable', consequence: 'warning', findingId: null, score: '2.5' });
    const register = (await quality.call('GET', '/improvements?source=proficiency-test', supervisor)).body;
    expect(register.find((e: Json) => e.sourceRef === result.body.id)).toMatchObject({ summary: expect.stringMatching(/^Questionable result/), status: 'open' });
  });

  it('refuses binary floats and missing inputs, naming the field (and R-5.5.2 where the rule says so)', async () => {
    const id = await round('zeta');
    const float = await quality.call('POST', `/proficiency-rounds/${id}/results`, supervisor, { artefact: 'a', unit: 'g', labValue: 1.5, assignedValue: '1.4' });
    expect(float.status).toBe(400);
    expect(float.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'labValue' })]));
    const missing = await quality.call('POST', `/proficiency-rounds/${id}/results`, supervisor, { artefact: 'a', unit: 'g', labValue: '1.5', assignedValue: '1.4', assignedUncertainty: '0.1' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'labUncertainty', rule: 'required-for-zeta', requirement: 'R-5.5.2' })]);
  });

  it('R-9.1 takes the corrective action through root cause, actions and independent verification to closure', async () => {
    const path = `/corrective-actions/${correctiveActionId}`;
    const early = await quality.call('POST', `${path}/verification`, manager, { effective: true, evidence: 'x' });
    expect(early.body.errors).toEqual([expect.objectContaining({ rule: 'not-implemented', requirement: 'R-9.1' })]);
    const vague = await quality.call('POST', `${path}/plan`, supervisor, { rootCause: 'unknown', tasks: [{ description: 'check', owner: 'cal-7' }] });
    expect(vague.body.errors).toEqual([expect.objectContaining({ field: 'rootCause', rule: 'root-cause-required' })]);

    const planned = await quality.call('POST', `${path}/plan`, supervisor, {
      rootCause: 'Temperature of the gauge block not stabilised before comparison (20 min instead of 2 h).',
      tasks: [{ description: 'Amend work instruction WI-146: 2 h stabilisation', owner: 'qs-1' }, { description: 'Re-measure GB-50 and report to the provider', owner: 'cal-7' }],
    });
    expect(planned.body).toMatchObject({ status: 'planned', tasks: [expect.any(Object), expect.any(Object)] });
    const [instruction, remeasure] = planned.body.tasks;

    const notOwner = await quality.call('POST', `${path}/tasks/${instruction.id}/complete`, calibrator, { note: null });
    expect(notOwner.body.errors).toEqual([expect.objectContaining({ rule: 'owner-only' })]);
    expect((await quality.call('POST', `${path}/tasks/${instruction.id}/complete`, supervisor, { note: 'WI-146 rev. 4 issued' })).body.status).toBe('planned');
    expect((await quality.call('POST', `${path}/tasks/${remeasure.id}/complete`, calibrator, { note: 'En = 0.42' })).body.status).toBe('implemented');

    const closeFindingEarly = await quality.call('POST', `/findings/${findingId}/close`, supervisor);
    expect(closeFindingEarly.body.errors).toEqual([expect.objectContaining({ rule: 'corrective-actions-open', requirement: 'R-9.1' })]);

    const selfVerified = await quality.call('POST', `${path}/verification`, supervisor, { effective: true, evidence: 'Re-measurement satisfactory' });
    expect(selfVerified.body.errors).toEqual([expect.objectContaining({ field: 'verifiedBy', rule: 'independent-verification' })]);

    const verified = await quality.call('POST', `${path}/verification`, manager, { effective: true, evidence: 'Re-measurement within En ≤ 1; next round satisfactory' });
    expect(verified.body).toMatchObject({ status: 'closed', verifications: [expect.objectContaining({ verifiedBy: 'tm-2', effective: true })] });
    expect((await quality.call('POST', `/findings/${findingId}/close`, supervisor)).body.status).toBe('closed');

    const register = (await quality.call('GET', '/improvements', supervisor)).body;
    expect(register.find((e: Json) => e.findingId === findingId)).toMatchObject({ status: 'closed', correctiveActionId });
  });

  it('R-5.5.1 a control chart rule firing raises one finding per chart and rule while it is open', async () => {
    const created = await quality.call('POST', '/control-charts', supervisor, {
      itemCode: 'JJG 1036-2022', name: 'Check weight 200 g', checkStandard: 'CW-200-01', quantity: 'mass deviation', unit: 'mg',
      limits: { centre: '0.000', sigma: '0.010' },
    });
    expect(created.status).toBe(201);
    const chart = created.body.id;
    const point = (value: string) => quality.call('POST', `/control-charts/${chart}/points`, calibrator, { value });

    for (const value of ['0.004', '-0.006', '0.012', '-0.002']) expect((await point(value)).body).toMatchObject({ inControl: true, violations: [] });
    const beyond = await point('0.031');
    expect(beyond.body).toMatchObject({ inControl: false, violations: ['WE1'], findingId: expect.any(String) });
    const again = await point('-0.033');
    expect(again.body).toMatchObject({ violations: ['WE1'], findingId: beyond.body.findingId });

    const findings = (await quality.call('GET', '/findings?source=control-chart', supervisor)).body;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ requirement: 'R-5.5.1', itemCode: 'JJG 1036-2022', severity: 'major', title: expect.stringContaining('WE1') });

    // Eight in a row above the centre line: WE4, a second finding for the other rule.
    let last: Json;
    for (const value of ['0.001', '0.002', '0.001', '0.003', '0.002', '0.001', '0.004', '0.002']) last = (await point(value)).body;
    expect(last.violations).toEqual(['WE4']);
    expect((await quality.call('GET', '/findings?source=control-chart', supervisor)).body).toHaveLength(2);
    expect((await quality.call('GET', `/control-charts/${chart}`, supervisor)).body.points).toHaveLength(14);
  });

  it('R-9.2 turns an intermediate-check failure from equipment into a finding in the register, once', async () => {
    const checkId = randomUUID();
    const envelope = {
      id: randomUUID(), type: 'equipment.intermediate-check.failed', version: 1, occurredAt: new Date().toISOString(), tenant: 'lab-east',
      aggregateId: checkId, traceparent: null,
      payload: {
        checkId, equipmentId: randomUUID(), assetNumber: 'EQ-0042', planId: null, performedOn: '2026-03-01', performedBy: 'cal-7',
        results: [{ point: '100 g', reference: '100.0000', observed: '100.0009', deviation: '0.0009', acceptance: '0±0.0005', unit: 'g', passed: false }],
        consequence: 'equipment-suspended',
      },
    };
    parseEvent(envelope);
    const kafka = new Kafka({ clientId: 'quality-test', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const message = { key: checkId, value: JSON.stringify(envelope) };
    // Sent twice: at-least-once delivery must not give two findings.
    await producer.send({ topic: `${quality.topicPrefix}${Topics.equipmentIntermediateChecks}`, messages: [message, message] });
    await producer.disconnect();

    const findings = await waitUntil(
      async () => (await quality.call('GET', '/findings?source=intermediate-check', supervisor)).body,
      (list: Json[]) => list.length >= 1,
      { what: 'finding from the intermediate check', timeoutMs: 60000 },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ sourceRef: checkId, requirement: 'R-5.5.3', title: expect.stringContaining('EQ-0042') });
    const register = (await quality.call('GET', '/improvements?source=intermediate-check', supervisor)).body;
    expect(register).toHaveLength(1);
  });

  it('publishes findings and corrective actions as valid v1 events', async () => {
    const messages = (await quality.publishedMessages()).map((m) => parseEvent(JSON.parse(m.value)));
    const opened = messages.filter((e) => e.type === 'quality.corrective-action.opened');
    expect(opened).toEqual([expect.objectContaining({ aggregateId: correctiveActionId, payload: expect.objectContaining({ findingId, source: 'proficiency-test', requirement: 'R-5.5.2' }) })]);
    expect(messages.filter((e) => e.type === 'quality.corrective-action.closed').map((e) => e.aggregateId)).toEqual([correctiveActionId]);
    const raised = messages.filter((e) => e.type === 'quality.finding.raised').map((e) => (e.payload as Json).source).sort();
    expect(raised).toEqual(['control-chart', 'control-chart', 'intermediate-check', 'proficiency-test']);
  });
  it('R-4.2 controls documents: drafted, approved by someone else, issued; the previous revision becomes obsolete and is kept', async () => {
    const created = await quality.call('POST', '/documents', supervisor, { code: 'WI-146', title: 'Calibration of gauge blocks by comparison', kind: 'work-instruction' });
    expect(created.status).toBe(201);
    const path = `/documents/${created.body.id}`;
    const content = (n: number) => ({ changeSummary: `revision ${n}`, contentRef: `docstore://WI-146/${n}.pdf`, contentSha256: String(n).repeat(64).slice(0, 64) });

    expect((await quality.call('POST', `${path}/revisions`, supervisor, content(1))).body.revisions[0]).toMatchObject({ revision: 1, status: 'draft' });
    const second = await quality.call('POST', `${path}/revisions`, supervisor, content(2));
    expect(second.body.errors).toEqual([expect.objectContaining({ rule: 'one-open-revision', requirement: 'R-4.2' })]);
    expect((await quality.call('POST', `${path}/revisions/1/issue`, supervisor)).body.errors).toEqual([expect.objectContaining({ rule: 'approval-required' })]);
    expect((await quality.call('POST', `${path}/revisions/1/approve`, supervisor)).body.errors).toEqual([expect.objectContaining({ rule: 'independent-approval' })]);
    expect((await quality.call('POST', `${path}/revisions/1/approve`, manager)).body.revisions[0]).toMatchObject({ status: 'approved', approvedBy: 'tm-2' });
    expect((await quality.call('POST', `${path}/revisions/1/issue`, supervisor)).body.current).toMatchObject({ revision: 1, status: 'effective' });

    await quality.call('POST', `${path}/revisions`, manager, content(2));
    await quality.call('POST', `${path}/revisions/2/approve`, supervisor);
    const issued = await quality.call('POST', `${path}/revisions/2/issue`, supervisor);
    expect(issued.body.current).toMatchObject({ revision: 2, status: 'effective' });
    expect(issued.body.revisions.map((r: Json) => [r.revision, r.status])).toEqual([[1, 'obsolete'], [2, 'effective']]);
    expect((await quality.call('GET', '/documents', calibrator)).body).toEqual([expect.objectContaining({ code: 'WI-146', effectiveRevision: 2 })]);
  });

  it('R-9.2 builds the management-review pack from the live data of the period', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const pack = await quality.call('GET', `/management-review/pack?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, manager);
    expect(pack.status).toBe(200);
    expect(pack.body.proficiencyTesting).toEqual(expect.arrayContaining([
      { scheme: 'proficiency-test', scoring: 'En', classification: 'unsatisfactory', count: 1 },
      { scheme: 'proficiency-test', scoring: 'z', classification: 'questionable', count: 1 },
    ]));
    expect(pack.body.controlCharts).toEqual([expect.objectContaining({ name: 'Check weight 200 g', points: 14, outOfControl: 3 })]);
    expect(pack.body.correctiveActions.byStatus).toEqual([{ status: 'closed', count: 1 }]);
    expect(pack.body.findings).toEqual(expect.arrayContaining([
      { source: 'control-chart', severity: 'major', status: 'open', count: 1 },
      { source: 'control-chart', severity: 'minor', status: 'open', count: 1 },
      { source: 'proficiency-test', severity: 'major', status: 'closed', count: 1 },
    ]));
    expect(pack.body.documents).toEqual({ effective: 1, inPreparation: 0 });
    expect(pack.body.complaints).toMatchObject({ received: 0 });
    expect((await quality.call('GET', `/management-review/pack?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, manager)).status).toBe(400);
  });
});
