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
    // No number or address published (only the time limit was set): the channels that need none.
    expect(published.body).toMatchObject({ institution: 'lab-east', handlingDays: 10, channels: ['web-form', 'in-person'] });
    expect((await quality.call('GET', '/public/complaint-policy/lab-elsewhere', undefined)).body.handlingDays).toBe(30);
  });

  describe('R-8.3.1 published contacts and handling flow', () => {
    let westSupervisor: string;
    const policy = {
      handlingDays: 15,
      phone: '+86 (21) 6432-1000',
      email: 'complaints@west-metrology.example.cn',
      postalAddress: '上海市徐汇区计量路 1 号 质量管理部（投诉） 200030',
      officeHours: '周一至周五 8:30–17:00 Mon–Fri',
      flow: ['登记投诉并告知编号 Register and give a reference', '指定处理人调查核实 Investigate', '答复投诉人并归档 Answer and archive'],
    };
    const published = async (institution = 'lab-west') => {
      const answer = await quality.call('GET', `/public/complaint-policy/${institution}`, undefined);
      expect(answer.status).toBe(200);
      return answer.body;
    };

    beforeAll(async () => {
      westSupervisor = await quality.token('lab-west', ['quality-supervisor'], 'qs-west');
    });

    it('R-8.3.1 publishes phone, e-mail, postal address, office hours and the institution\'s own flow, with every channel they make usable', async () => {
      const set = await quality.call('PUT', '/complaint-policy', westSupervisor, policy);
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ ...policy, publishedOn: today() });

      expect(await published()).toEqual({
        institution: 'lab-west',
        channels: ['web-form', 'phone', 'mail', 'email', 'in-person'],
        contacts: { phone: policy.phone, email: policy.email, postalAddress: policy.postalAddress, officeHours: policy.officeHours },
        flow: policy.flow,
        flowKind: 'institution-text',
        handlingDays: 15,
        publishedOn: today(),
      });
      // Institution data, yet still kept out of the log like any request body.
      for (const value of [policy.phone, policy.email, policy.postalAddress]) expect(quality.logText().includes(value)).toBe(false);
    });

    it('R-8.3.1 refuses a malformed contact or flow with 400 problem+json naming the field, and nothing changes', async () => {
      const before = await published();
      const refused: [Record<string, unknown>, string][] = [
        [{ email: 'complaints at example.cn' }, 'email'],
        [{ email: 'complaints@west-.example.cn' }, 'email'], // a domain label ending in '-' (schemathesis)
        [{ email: ` ${policy.email}` }, 'email'], // kept as sent or refused, never quietly changed
        [{ phone: 'call the front desk' }, 'phone'],
        [{ phone: '1234' }, 'phone'],
        [{ postalAddress: 'x'.repeat(301) }, 'postalAddress'],
        [{ officeHours: '' }, 'officeHours'],
        [{ flow: ['Only one step'] }, 'flow'],
        [{ flow: ['Register', 'x'] }, 'flow.1'],
        [{ flow: Array.from({ length: 13 }, (_, i) => `Step ${i + 1}`) }, 'flow'],
        [{ handlingDays: undefined }, 'handlingDays'],
      ];
      for (const [change, field] of refused) {
        const answer = await quality.call('PUT', '/complaint-policy', westSupervisor, { ...policy, ...change });
        expect([field, answer.status]).toEqual([field, 400]);
        expect(answer.type).toMatch(/^application\/problem\+json/);
        expect(answer.body.errors).toEqual([expect.objectContaining({ field })]);
      }
      // A nested or misspelt field is refused, not ignored: PUT replaces the policy and would clear what it meant to set.
      const nested = await quality.call('PUT', '/complaint-policy', westSupervisor, { handlingDays: 15, contacts: { phone: policy.phone } });
      expect(nested.status).toBe(400);
      expect(nested.body.errors).toEqual([expect.objectContaining({ rule: 'unrecognized_keys', message: expect.stringContaining('contacts') })]);
      expect(await published()).toEqual(before);
    });

    it('R-8.3.1 PUT replaces the whole policy: a contact or flow left out is no longer published', async () => {
      expect((await quality.call('PUT', '/complaint-policy', westSupervisor, { handlingDays: 20, phone: '021 6432 1000' })).status).toBe(200);
      expect(await published()).toEqual({
        institution: 'lab-west',
        channels: ['web-form', 'phone', 'in-person'],
        contacts: { phone: '021 6432 1000', email: null, postalAddress: null, officeHours: null },
        flow: ['received', 'handler-assigned', 'investigated', 'extension-agreed-in-advance', 'answered', 'closed-archived'],
        flowKind: 'default-codes',
        handlingDays: 20,
        publishedOn: today(),
      });
    });

    it('R-8.3.1 an institution that published nothing offers the web form and a visit, with the default flow as codes', async () => {
      expect(await published('lab-elsewhere')).toEqual({
        institution: 'lab-elsewhere',
        channels: ['web-form', 'in-person'],
        contacts: { phone: null, email: null, postalAddress: null, officeHours: null },
        flow: ['received', 'handler-assigned', 'investigated', 'extension-agreed-in-advance', 'answered', 'closed-archived'],
        flowKind: 'default-codes',
        handlingDays: 30,
        publishedOn: null,
      });
    });
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
