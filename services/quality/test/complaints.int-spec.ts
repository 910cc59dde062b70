import { parseEvent } from '@calchain/contracts';
import { Json, QualityUnderTest } from './harness';

/**
 * Complaints (R-8.3.1..R-8.3.4) on the real service process, PostgreSQL and Kafka: a confidential
 * complainant never appears in events, logs, lists, statistics or regulator views; the published
 * time limit runs, breaches are detected, extensions need reason + agreement in advance; the
 * handling history is an archive.
 */
describe('quality service: complaints (R-8.3)', () => {
  let quality: QualityUnderTest;
  let supervisor: string;
  let handler: string;
  let clerk: string;
  let regulator: string;
  const identity = { name: 'Ouyang Xiaoming', contact: '+86 139 1234 5678', organisation: 'Xinhua Precision Instruments Ltd' };
  const identityValues = [identity.name, identity.contact, identity.organisation, '13912345678', 'Ouyang'];
  const day = 86_400_000;

  beforeAll(async () => {
    quality = await QualityUnderTest.start('quality-complaints');
    supervisor = await quality.token('lab-east', ['quality-supervisor'], 'qs-boss');
    handler = await quality.token('lab-east', ['checker'], 'qs-handler');
    clerk = await quality.token('lab-east', ['intake-clerk'], 'clerk-1');
    regulator = await quality.token('lab-east', ['regulator'], 'reg-1');
    expect((await quality.call('PUT', '/complaint-policy', supervisor, { handlingDays: 10 })).status).toBe(200);
  });

  afterAll(() => quality?.stop());

  const complaint = (over: Record<string, unknown> = {}) => ({
    channel: 'phone',
    category: 'certificate-content',
    subject: 'Wrong serial number on certificate',
    description: 'The certificate shows serial 4711 but the balance is 4717.',
    confidential: true,
    complainant: identity,
    ...over,
  });

  async function registered(over: Record<string, unknown> = {}, assign = true): Promise<Json> {
    const created = await quality.call('POST', '/complaints', clerk, complaint(over));
    expect(created.status).toBe(201);
    if (assign) expect((await quality.call('POST', `/complaints/${created.body.id}/handlers`, supervisor, { handler: 'qs-handler' })).status).toBe(200);
    return created.body;
  }

  function expectRule(response: { status: number; body: Json }, requirement: string, field: string, rule: string) {
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, rule, requirement })]);
  }

  it('R-8.3.1 / R-8.3.2 publishes channels and the handling time limit without a token', async () => {
    const published = await quality.call('GET', '/public/complaint-policy/lab-east', undefined);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ institution: 'lab-east', handlingDays: 10, channels: expect.arrayContaining(['web-form', 'phone', 'mail']) });
    expect((await quality.call('GET', '/public/complaint-policy/lab-elsewhere', undefined)).body.handlingDays).toBe(30);
  });

  it('R-8.3.3 shows a confidential complainant to the assigned handler only', async () => {
    const receipt = await registered();
    expect(receipt).toMatchObject({ number: expect.stringMatching(/^CMP-\d{4}-000001$/), handlingDays: 10, status: 'received' });
    expect(JSON.stringify(receipt)).not.toContain(identity.name);
    expect(new Date(receipt.dueAt).getTime() - new Date(receipt.receivedAt).getTime()).toBe(10 * day);

    const asHandler = await quality.call('GET', `/complaints/${receipt.id}`, handler);
    expect(asHandler.body).toMatchObject({ complainantVisible: true, complainant: identity, status: 'in-handling' });

    const asSupervisor = await quality.call('GET', `/complaints/${receipt.id}`, supervisor);
    expect(asSupervisor.status).toBe(200);
    expect(asSupervisor.body).toMatchObject({ complainantVisible: false, complainant: null });
    expect(asSupervisor.text).not.toContain('Ouyang');

    const outsider = await quality.token('lab-east', ['calibrator'], 'someone-else');
    expect((await quality.call('GET', `/complaints/${receipt.id}`, outsider)).status).toBe(404);
    expect((await quality.call('GET', `/complaints/${receipt.id}`, regulator)).status).toBe(404);

    // Not confidential: quality management sees who complained, regulators still do not.
    const open = await registered({ confidential: false, complainant: { name: 'Chen Jie', contact: 'chen.jie@example.cn', organisation: null } }, false);
    const seen = await quality.call('GET', `/complaints/${open.id}`, supervisor);
    expect(seen.body.complainant).toMatchObject({ name: 'Chen Jie' });
  });

  it('R-8.3.2 records a breached time limit once, raises a finding, and refuses a late extension', async () => {
    const late = await registered({ channel: 'mail', receivedAt: new Date(Date.now() - 11 * day).toISOString() });
    const sweep = await quality.call('POST', '/sweeps', supervisor);
    expect(sweep.status).toBe(200);
    expect(sweep.body).toMatchObject({ skipped: false, breachedComplaints: 1 });
    expect((await quality.call('POST', '/sweeps', supervisor)).body.breachedComplaints).toBe(0);

    const record = await quality.call('GET', `/complaints/${late.id}`, handler);
    expect(record.body).toMatchObject({ overdue: true, breachedAt: expect.any(String) });
    expect(record.body.steps.map((s: Json) => s.kind)).toEqual(['registered', 'handler-assigned', 'time-limit-breached']);

    const finding = (await quality.call('GET', '/findings?source=complaint', supervisor)).body.find((f: Json) => f.sourceRef === late.id);
    expect(finding).toMatchObject({ requirement: 'R-8.3.2', status: 'open', title: expect.stringContaining(late.number) });

    const extension = await quality.call('POST', `/complaints/${late.id}/extensions`, handler, {
      newDueAt: new Date(Date.now() + 5 * day).toISOString(), reason: 'Waiting for the manufacturer', complainantAgreement: { agreedOn: today(), via: 'phone' },
    });
    expectRule(extension, 'R-8.3.2', 'newDueAt', 'extension-in-advance');

    const closed = await quality.call('POST', `/complaints/${late.id}/close`, handler, { outcome: 'not-upheld', resolution: 'Serial number checked against the intake record: correct.' });
    expect(closed.body).toMatchObject({ status: 'closed', withinTimeLimit: false });
  });

  it('R-8.3.2 extends the limit only with a reason and the complainant\'s agreement, made in advance', async () => {
    const c = await registered();
    const newDueAt = new Date(Date.now() + 20 * day).toISOString();
    const agreement = { agreedOn: today(), via: 'phone call with the complainant' };
    expectRule(await quality.call('POST', `/complaints/${c.id}/extensions`, handler, { newDueAt, reason: 'Waiting for the re-calibration of the reference' }),
      'R-8.3.2', 'complainantAgreement', 'complainant-agreement-required');
    expectRule(await quality.call('POST', `/complaints/${c.id}/extensions`, handler, { newDueAt, complainantAgreement: agreement }), 'R-8.3.2', 'reason', 'reason-required');
    expectRule(await quality.call('POST', `/complaints/${c.id}/extensions`, supervisor, { newDueAt, reason: 'Waiting for the re-calibration', complainantAgreement: agreement }),
      'R-8.3.3', 'handler', 'assigned-handler-only');

    const extended = await quality.call('POST', `/complaints/${c.id}/extensions`, handler, { newDueAt, reason: 'Waiting for the re-calibration of the reference', complainantAgreement: agreement });
    expect(extended.status).toBe(200);
    expect(new Date(extended.body.dueAt).toISOString()).toBe(newDueAt);
    expect(extended.body.extensions).toEqual([expect.objectContaining({ agreedOn: today(), agreedVia: agreement.via })]);
    expect(extended.body.overdue).toBe(false);
  });

  it('R-8.3.4 archives every step; an upheld complaint opens a finding and corrective action (R-9.1); a closed complaint no longer changes', async () => {
    const c = await registered();
    expect((await quality.call('POST', `/complaints/${c.id}/steps`, handler, { kind: 'investigation', note: 'Intake record shows 4717: typing error at issue.' })).status).toBe(200);
    expectRule(await quality.call('POST', `/complaints/${c.id}/close`, handler, { outcome: 'upheld', resolution: 'ok' }), 'R-8.3.4', 'resolution', 'resolution-required');
    const closed = await quality.call('POST', `/complaints/${c.id}/close`, handler, {
      outcome: 'upheld', resolution: 'Certificate reissued with the correct serial; complainant informed by phone.', openCorrectiveAction: true,
    });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'upheld', withinTimeLimit: true });
    expect(closed.body.steps.map((s: Json) => s.kind)).toEqual(['registered', 'handler-assigned', 'investigation', 'closed']);
    expectRule(await quality.call('POST', `/complaints/${c.id}/steps`, handler, { kind: 'note', note: 'one more thing' }), 'R-8.3.4', 'status', 'archived');

    const finding = (await quality.call('GET', '/findings?source=complaint', supervisor)).body.find((f: Json) => f.sourceRef === c.id);
    const detail = await quality.call('GET', `/findings/${finding.id}`, supervisor);
    expect(detail.body.correctiveActions).toEqual([expect.objectContaining({ status: 'open', source: 'complaint' })]);

    // Not even direct SQL rewrites the archive (the rows are visible: the tenant is set).
    expect(await quality.database.queryAsTenant('lab-east', `select 1 from quality.complaint_step where complaint_id = $1`, [c.id])).toHaveLength(4);
    await expect(quality.database.queryAsTenant('lab-east', `update quality.complaint_step set note = 'rewritten'`)).rejects.toThrow(/archive/);
    await expect(quality.database.queryAsTenant('lab-east', `delete from quality.complaint_step`)).rejects.toThrow(/archive/);
  });

  it('R-8.3.3 gives regulators statistics and an anonymised list', async () => {
    const stats = await quality.call('GET', '/complaints/statistics', regulator);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ received: 5, closed: 2, timeLimitBreached: 1, closedWithinTimeLimit: 1, extended: 1 });
    expect(stats.body.byChannel).toEqual(expect.arrayContaining([{ key: 'mail', count: 1 }]));
    const list = await quality.call('GET', '/regulator/complaints', regulator);
    expect(list.body).toHaveLength(5);
    expect(Object.keys(list.body[0]).sort()).toEqual(
      ['category', 'channel', 'closedAt', 'dueAt', 'number', 'outcome', 'receivedAt', 'status', 'timeLimitBreached', 'withinTimeLimit'].sort(),
    );
    expect((await quality.call('GET', '/complaints', regulator)).status).toBe(403);
  });

  it('R-8.3.3 the complainant never appears in any event, log line, list, register, statistic or regulator response', async () => {
    const messages = await quality.publishedMessages();
    const types = new Set(messages.map((m) => JSON.parse(m.value).type));
    expect(types).toEqual(new Set([
      'quality.complaint.registered', 'quality.complaint.time-limit-breached', 'quality.complaint.closed', 'quality.finding.raised', 'quality.corrective-action.opened',
    ]));
    for (const m of messages) expect(() => parseEvent(JSON.parse(m.value))).not.toThrow();

    const views = [
      (await quality.call('GET', '/complaints', supervisor)).text,
      (await quality.call('GET', '/complaints/statistics', regulator)).text,
      (await quality.call('GET', '/regulator/complaints', regulator)).text,
      (await quality.call('GET', '/improvements', supervisor)).text,
      (await quality.call('GET', '/findings', regulator)).text,
    ];
    const stored = JSON.stringify(await quality.database.queryAsTenant('lab-east', `select * from quality.complaint`));
    const log = quality.logText();
    expect(log).toMatch(/"url":"\/complaints"/); // requests were logged at debug level
    for (const value of identityValues) {
      expect(messages.filter((m) => m.value.includes(value))).toEqual([]);
      expect(log.includes(value)).toBe(false);
      for (const view of views) expect(view.includes(value)).toBe(false);
      expect(stored.includes(value)).toBe(false);
    }
  });
});

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
