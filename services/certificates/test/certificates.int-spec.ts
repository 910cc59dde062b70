import { randomUUID } from 'node:crypto';
import { labDate } from '../src/certificates/domain/numbering';
import { approvedRecord, result } from './fixtures';
import { CertificatesUnderTest, Json, validateDcc } from './harness';

/**
 * Certificates on the real PostgreSQL and Kafka (R-6.4.x, R-5.1.3, R-6.4.5, R-7.3.2): approved
 * records arrive as events and become drafts, signatories come from quality's authorisation
 * events, and every issued certificate is checked through the public verification endpoint.
 */
describe('certificates service (R-6.4, R-5.1.3, R-6.4.5)', () => {
  const TENANT = 'lab-east';
  const ITEM_CODE = 'JJG 21-2008';
  const PIN = '246810';
  let svc: CertificatesUnderTest;
  let signatory: string;
  let signatoryId: string;
  let manager: string;
  const today = labDate(new Date(), 'Asia/Shanghai');

  beforeAll(async () => {
    svc = await CertificatesUnderTest.start('certificates');
    signatoryId = randomUUID();
    signatory = await svc.token(TENANT, ['authorised-signatory'], signatoryId);
    manager = await svc.token(TENANT, ['technical-manager', 'intake-clerk'], 'tm-1');
    expect((await svc.http().put('/institution').set('authorization', `Bearer ${manager}`).send({ name: '华东计量测试研究院', numberPrefix: 'HD' })).status).toBe(200);
    await grant(signatoryId, ITEM_CODE, true);
    await waitFor(() => svc.database.queryAsTenant(TENANT, `select 1 from certificates.signatory_authorisation where person_id = $1`, [signatoryId]), (r) => r.length === 1, 'signatory read model');
    expect((await svc.http().put('/signatories/me').set('authorization', `Bearer ${signatory}`).send({ printedName: '王建国', pin: PIN })).status).toBe(200);
  });

  afterAll(() => svc?.stop());

  async function grant(personId: string, itemCode: string, qualified: boolean) {
    await svc.publish('quality.authorisation.granted', TENANT, personId, {
      authorisationId: randomUUID(), personId, itemCode, role: 'authorised-signatory', validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: qualified,
    });
  }

  /** Publishes an approved record and waits for its draft. */
  async function draftFor(record = approvedRecord()): Promise<Json> {
    await svc.publish('records.record.approved', TENANT, record.recordId, record);
    const list = await waitFor(async () => (await get(`/certificates?itemId=${record.itemId}`)).body, (l: Json[]) => l.length > 0, 'draft from the approved record');
    return list[0];
  }

  const get = (path: string, token = manager) => svc.http().get(path).set('authorization', `Bearer ${token}`);
  const sign = (id: string, token = signatory, pin = PIN) => svc.http().post(`/certificates/${id}/sign`).set('authorization', `Bearer ${token}`).send({ pin });
  const publicStatus = (number: string) => svc.http().get(`/public/certificates/${TENANT}/${number}`);
  const doc = async (id: string, format: string) => {
    const r = await get(`/certificates/${id}/documents/${format}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return { bytes: r.body as Buffer, sha256: r.headers['x-content-sha256'] as string, status: r.status };
  };

  async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 60000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (done(v)) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  function expectRule(r: { status: number; body: Json; headers: Record<string, string> }, requirement: string, field: string, rule: string) {
    expect(r.status).toBe(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body.requirement).toBe(requirement);
    expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule, requirement })]));
  }

  it('R-6.4 issues an approved record end to end: draft by event, PIN re-authentication, signed PDF/DCC/JSON, public verification', async () => {
    const record = approvedRecord();
    const calibrator = await svc.token(TENANT, ['calibrator'], record.calibratorPersonId);
    expect((await svc.http().put('/staff/me').set('authorization', `Bearer ${calibrator}`).send({ printedName: '陈校准' })).status).toBe(200);
    const draft = await draftFor(record);
    expect(draft).toMatchObject({ status: 'draft', kind: 'calibration-certificate', number: null, itemCode: ITEM_CODE });

    expectRule(await sign(draft.id, signatory, '999999'), 'R-6.4.5', 'pin', 're-authentication');
    const issued = await sign(draft.id);
    expect(issued.status).toBe(200);
    expect(issued.body.number).toMatch(new RegExp(`^HD-${today.slice(0, 4)}-\\d{6}$`));

    const pdf = await doc(draft.id, 'pdf');
    const xml = await doc(draft.id, 'xml');
    const json = await doc(draft.id, 'json');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+WenQuanYiMicroHei/);
    expect(issued.body.documents).toEqual({ pdf: pdf.sha256, xml: xml.sha256, json: json.sha256 });
    const content = JSON.parse(json.bytes.toString());
    expect(content).toMatchObject({ number: issued.body.number, issue: { signatory: { personId: signatoryId, printedName: '王建国', meaning: expect.stringContaining('approved') } } });
    expect(content.signature).toMatchObject({ algorithm: 'Ed25519', value: expect.any(String) });
    expect(content.content.persons).toMatchObject({ calibrator: record.calibratorPersonId, calibratorName: '陈校准', checkerName: null });
    expect(xml.bytes.toString()).toContain('陈校准');
    expect(validateDcc(xml.bytes)).toEqual({ valid: true, output: '' });
    // The validator can fail: a conformity value outside the schema's list is refused.
    expect(validateDcc(xml.bytes.toString().replace('</dcc:customer>', '</dcc:customer><dcc:statements><dcc:statement><dcc:conformity>maybe</dcc:conformity></dcc:statement></dcc:statements>')).valid).toBe(false);

    const status = await publicStatus(issued.body.number);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ exists: true, status: 'valid', signatureValid: true, replacedBy: null, documents: issued.body.documents, signatory: { printedName: '王建国' } });
    expect(JSON.stringify(status.body)).not.toContain(signatoryId);

    const [event] = (await svc.outbox('certificates.certificate.issued')).filter((e) => e.certificateId === draft.id);
    expect(event).toMatchObject({ number: issued.body.number, signatoryPersonId: signatoryId, documents: issued.body.documents, replaces: null });
    const history = (await get(`/certificates/${draft.id}/history`)).body.map((h: Json) => h.action);
    expect(history).toEqual(['draft-created', 'signed-and-issued']);
    // Private keys stay in the key directory; the database holds only public keys.
    const keys = await svc.database.queryAsTenant<{ public_key: string }>(TENANT, `select public_key from certificates.signatory_key`);
    expect(keys.every((k) => k.public_key.includes('PUBLIC KEY'))).toBe(true);
    expect(JSON.stringify(await svc.database.queryAsTenant(TENANT, `select * from certificates.certificate`))).not.toContain('PRIVATE KEY');
  });

  it('R-5.1.3 refuses a signatory not authorised for the item, or without the qualification, and consumes no number', async () => {
    const draft = await draftFor(approvedRecord({ itemCode: 'JJG 99-2006' }));
    const before = await svc.database.queryAsTenant<{ last: number }>(TENANT, `select last from certificates.certificate_number_sequence`);
    expectRule(await sign(draft.id), 'R-5.1.3', 'signatory', 'authorised-signatory');

    const unqualifiedId = randomUUID();
    await grant(unqualifiedId, 'JJG 99-2006', false);
    const unqualified = await svc.token(TENANT, ['authorised-signatory'], unqualifiedId);
    expect((await svc.http().put('/signatories/me').set('authorization', `Bearer ${unqualified}`).send({ printedName: '李四', pin: PIN })).status).toBe(200);
    const refused = await waitFor(() => sign(draft.id, unqualified), (r) => r.body?.errors?.[0]?.rule === 'signatory-qualification', 'qualification read model');
    expectRule(refused, 'R-5.1.3', 'signatory', 'signatory-qualification');
    expect(await svc.database.queryAsTenant(TENANT, `select last from certificates.certificate_number_sequence`)).toEqual(before);
    expect((await get(`/certificates/${draft.id}`)).body).toMatchObject({ status: 'draft', number: null });
  });

  it('R-6.4.2.2 refuses to issue a value without uncertainty and coverage factor (reissue with incomplete results)', async () => {
    const draft = await draftFor();
    const issued = await sign(draft.id);
    const reissue = await svc.http().post(`/certificates/${draft.id}/reissue`).set('authorization', `Bearer ${signatory}`)
      .send({ reason: 'wrong point label', results: [{ ...result(), point: '10.0 mm', expandedUncertainty: null, coverageFactor: null }] });
    expect(reissue.status).toBe(201);
    const refused = await sign(reissue.body.id);
    expectRule(refused, 'R-6.4.2.2', 'results[0].expandedUncertainty', 'value-needs-uncertainty');
    expect(refused.body.errors.map((e: Json) => e.field)).toEqual(['results[0].expandedUncertainty', 'results[0].coverageFactor']);
    expect((await publicStatus(issued.body.number)).body).toMatchObject({ status: 'valid', replacedBy: null });
  });

  it('R-6.4.2.3 states conformity with the agreed decision rule at the guard band, keeps omitted results, and the DCC uses pass/fail/conditionalPass/conditionalFail', async () => {
    const record = approvedRecord({
      serviceKind: 'verification',
      results: [
        result({ resultId: 'p', point: '5 mm', error: '0.001', limit: '±0.005' }),
        result({ resultId: 'cp', point: '10 mm', error: '0.004', limit: '±0.005' }),
        result({ resultId: 'cf', point: '15 mm', error: '-0.006', limit: '±0.005' }),
        result({ resultId: 'f', point: '20 mm', error: '0.009', limit: '±0.005' }),
        result({ resultId: 'o', point: '25 mm', error: '0.001', limit: '±0.005' }),
      ],
    });
    const draft = await draftFor(record);
    expectRule(await sign(draft.id), 'R-6.4.2.3', 'decisionRule', 'decision-rule-agreed');
    // The manual override by the technical manager (the rule normally comes with intake.contract.accepted).
    const rule = await svc.http().put(`/items/${record.itemId}/decision-rule`).set('authorization', `Bearer ${manager}`).send({ rule: 'non-binary', contractNumber: 'HT-2026-7' });
    expect(rule.status).toBe(200);
    const omit = await svc.http().patch(`/certificates/${draft.id}`).set('authorization', `Bearer ${signatory}`).send({ omittedFromStatement: [{ resultId: 'o', reason: 'customer asked for 5–20 mm only' }] });
    expect(omit.status).toBe(200);
    const badInterval = await svc.http().patch(`/certificates/${draft.id}`).set('authorization', `Bearer ${signatory}`).send({ recalibrationInterval: { months: 12, basis: 'because' } });
    expect(badInterval.status).toBe(400);
    expect(badInterval.body.errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining(['recalibrationInterval.basis', 'recalibrationInterval.reference']));

    const issued = await sign(draft.id);
    expect(issued.status).toBe(200);
    expect(issued.body.kind).toBe('verification-result-notice');
    const content = JSON.parse((await doc(draft.id, 'json')).bytes.toString()).content;
    expect(content.statements.map((s: Json) => [s.resultId, s.conformity, s.rule])).toEqual([
      ['p', 'pass', 'non-binary'], ['cp', 'conditional-pass', 'non-binary'], ['cf', 'conditional-fail', 'non-binary'], ['f', 'fail', 'non-binary'],
    ]);
    expect(content.results.map((r: Json) => r.resultId)).toContain('o');
    expect(content.omittedFromStatement).toEqual([{ resultId: 'o', reason: 'customer asked for 5–20 mm only' }]);
    const xml = (await doc(draft.id, 'xml')).bytes;
    expect(validateDcc(xml)).toEqual({ valid: true, output: '' });
    expect([...xml.toString().matchAll(/<dcc:conformity>(\w+)<\/dcc:conformity>/g)].map((m) => m[1])).toEqual(['pass', 'conditionalPass', 'conditionalFail', 'fail']);
    expect(xml.toString()).toContain('ILAC-G8:09/2019 §4.2.3');
  });

  /** intake.contract.accepted v1 as intake publishes it for one in-house item. */
  function contractAccepted(itemId: string, decisionRule: Json, over: { contractId?: string; version?: number; acceptedAt?: string } = {}) {
    return {
      contractId: over.contractId ?? randomUUID(), contractNumber: 'HT-2026-000042', version: over.version ?? 1, reviewId: randomUUID(), customerId: 'cust-1',
      items: [{ itemId, disposition: 'in-house' as const, workOrderId: randomUUID(), section: 'length', promisedDate: '2026-12-10', decisionRule }],
      acceptedAt: over.acceptedAt ?? new Date().toISOString(),
    };
  }
  const ruleOf = async (itemId: string) => (await get(`/items/${itemId}/decision-rule`)).body;

  it('R-6.1.2 R-6.4.2.3 the guarded-acceptance rule agreed at contract review reaches certificates through Kafka (intake.contract.accepted) and decides the statement, without the manual PUT', async () => {
    const record = approvedRecord({
      serviceKind: 'verification',
      results: [
        result({ resultId: 'in', point: '5 mm', error: '0.0035', limit: '±0.005' }),
        result({ resultId: 'band', point: '10 mm', error: '-0.0045', limit: '±0.005' }),
        result({ resultId: 'out', point: '15 mm', error: '0.006', limit: '±0.005' }),
      ],
    });
    const accepted = contractAccepted(record.itemId, { rule: 'guarded', guardBand: '0.001', guardBandUnit: 'mm' });
    await svc.publish('intake.contract.accepted', TENANT, accepted.contractId, accepted);
    const agreed = await waitFor(() => ruleOf(record.itemId), (r: Json) => r.rule !== null, 'agreed rule from intake.contract.accepted');
    expect(agreed.rule).toMatchObject({
      rule: 'guarded', guardBand: '0.001', guardBandUnit: 'mm', contractNumber: 'HT-2026-000042', source: 'contract-review', contractId: accepted.contractId, contractVersion: 1, setBy: 'system:intake-events',
    });
    expect(agreed.log).toEqual([expect.objectContaining({ action: 'agreed', source: 'contract-review', rule: 'guarded', guardBand: '0.001', actor: 'system:intake-events' })]);

    const draft = await draftFor(record);
    expect((await get(`/certificates/${draft.id}`)).body.content.decisionRule).toMatchObject({ rule: 'guarded', guardBand: '0.001' });
    const issued = await sign(draft.id);
    expect(issued.status).toBe(200);
    // Acceptance zone ±(0.005 − 0.001): 0.0035 passes; −0.0045 is in tolerance but inside the guard band, so fails; 0.006 fails.
    expect(issued.body.kind).toBe('verification-result-notice');
    const content = JSON.parse((await doc(draft.id, 'json')).bytes.toString()).content;
    expect(content.statements.map((s: Json) => [s.resultId, s.conformity, s.rule, s.guardBand])).toEqual([
      ['in', 'pass', 'guarded', '0.001'], ['band', 'fail', 'guarded', '0.001'], ['out', 'fail', 'guarded', '0.001'],
    ]);
    expect(content.decisionRule).toMatchObject({ rule: 'guarded', guardBand: '0.001', contractNumber: 'HT-2026-000042' });
    expect((await ruleOf(record.itemId)).log.filter((l: Json) => l.source === 'manual-override')).toEqual([]);
  });

  it('R-6.4.2.3 a rule arriving after the draft reaches the draft; a guard band in another unit is refused at signing, never converted', async () => {
    const record = approvedRecord({ serviceKind: 'verification', results: [result({ resultId: 'x', error: '0.001', limit: '±0.005' })] });
    const draft = await draftFor(record);
    const accepted = contractAccepted(record.itemId, { rule: 'guarded', guardBand: '2', guardBandUnit: 'µm' });
    await svc.publish('intake.contract.accepted', TENANT, accepted.contractId, accepted);
    await waitFor(async () => (await get(`/certificates/${draft.id}`)).body.content.decisionRule, (r: Json) => r !== null, 'draft picks up the agreed rule');
    expectRule(await sign(draft.id), 'R-6.4.2.3', 'decisionRule.guardBandUnit', 'guard-band-unit');
  });

  it('R-6.4.2.3 R-6.1.2 only the technical manager overrides the agreed rule, recorded with reason; an older acceptance keeps the override, a later re-acceptance applies again', async () => {
    const itemId = randomUUID();
    const contractId = randomUUID();
    const v1 = contractAccepted(itemId, { rule: 'simple', guardBand: null, guardBandUnit: null }, { contractId, version: 1, acceptedAt: new Date(Date.now() - 60000).toISOString() });
    const clerkOnly = await svc.token(TENANT, ['intake-clerk'], 'clerk-1');
    const override = { rule: 'non-binary', contractNumber: 'HT-2026-000042', reason: 'customer confirmed non-binary statements in writing' };
    expect((await svc.http().put(`/items/${itemId}/decision-rule`).set('authorization', `Bearer ${clerkOnly}`).send(override)).status).toBe(403);
    const put = await svc.http().put(`/items/${itemId}/decision-rule`).set('authorization', `Bearer ${manager}`).send(override);
    expect(put.status).toBe(200);

    await svc.publish('intake.contract.accepted', TENANT, contractId, v1);
    const kept = await waitFor(() => ruleOf(itemId), (r: Json) => r.log.length === 2, 'older acceptance logged');
    expect(kept.rule).toMatchObject({ rule: 'non-binary', source: 'manual-override', setBy: 'tm-1', reason: override.reason });
    expect(kept.log.map((l: Json) => [l.action, l.source, l.rule, l.actor])).toEqual([
      ['agreed', 'manual-override', 'non-binary', 'tm-1'], ['kept-override', 'contract-review', 'simple', 'system:intake-events'],
    ]);

    const v2 = contractAccepted(itemId, { rule: 'guarded', guardBand: '0.002', guardBandUnit: 'mm' }, { contractId, version: 2 });
    await svc.publish('intake.contract.accepted', TENANT, contractId, v2);
    const reapplied = await waitFor(() => ruleOf(itemId), (r: Json) => r.log.length === 3, 're-acceptance logged');
    expect(reapplied.rule).toMatchObject({ rule: 'guarded', guardBand: '0.002', source: 'contract-review', contractVersion: 2 });
    const stale = contractAccepted(itemId, { rule: 'simple', guardBand: null, guardBandUnit: null }, { contractId, version: 1 });
    await svc.publish('intake.contract.accepted', TENANT, contractId, stale);
    const withdrawn = contractAccepted(itemId, null, { contractId, version: 3 });
    await svc.publish('intake.contract.accepted', TENANT, contractId, withdrawn);
    const last = await waitFor(() => ruleOf(itemId), (r: Json) => r.log.length === 4, 'withdrawal logged');
    expect(last.rule).toBeNull();
    expect(last.log.map((l: Json) => [l.action, l.contractVersion])).toEqual([['agreed', null], ['kept-override', 1], ['agreed', 2], ['withdrawn', 3]]);
    const rows = await svc.database.queryAsTenant(TENANT, `delete from certificates.decision_rule_log where item_id = $1`, [itemId]).catch((e: Error) => e);
    expect(String(rows)).toMatch(/append-only/);
  });

  it('R-6.4.2.5 prints a recalibration interval only with its basis; R-6.4.2.4 before/after results are reported in pairs', async () => {
    const draft = await draftFor(approvedRecord({
      results: [result({ resultId: 'b', adjustment: 'before-adjustment', error: '0.010' }), result({ resultId: 'a', adjustment: 'after-adjustment' })],
      adjustmentConsentId: randomUUID(),
    }));
    const ok = await svc.http().patch(`/certificates/${draft.id}`).set('authorization', `Bearer ${signatory}`)
      .send({ recalibrationInterval: { months: 12, basis: 'customer-agreed', reference: 'contract HT-2026-9 clause 4' } });
    expect(ok.status).toBe(200);
    const issued = await sign(draft.id);
    expect(issued.status).toBe(200);
    const content = JSON.parse((await doc(draft.id, 'json')).bytes.toString()).content;
    expect(content.recalibrationInterval).toEqual({ months: 12, basis: 'customer-agreed', reference: 'contract HT-2026-9 clause 4' });
    expect(content.results.map((r: Json) => r.adjustment)).toEqual(['before-adjustment', 'after-adjustment']);
    expect(validateDcc((await doc(draft.id, 'xml')).bytes).valid).toBe(true);
  });

  it('R-6.4.5 concurrent issues get unique, gap-free numbers', async () => {
    const drafts = await Promise.all(Array.from({ length: 6 }, () => draftFor()));
    const results = await Promise.all(drafts.map((d) => sign(d.id)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    const all = await svc.database.queryAsTenant<{ number_seq: number }>(TENANT, `select number_seq from certificates.certificate where number_seq is not null order by number_seq`);
    const seqs = all.map((r) => r.number_seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.body.number)).size).toBe(6);
  });

  it('R-6.4.5 the public check fails for a PDF with one byte changed and passes for the issued bytes', async () => {
    const draft = await draftFor();
    const { body } = await sign(draft.id);
    const pdf = await doc(draft.id, 'pdf');
    const check = (bytes: Buffer) => svc.http().post(`/public/certificates/${TENANT}/${body.number}/verify`).send({ documentBase64: bytes.toString('base64') });
    expect((await check(pdf.bytes)).body).toMatchObject({ documentMatches: true, matchedFormat: 'pdf', signatureValid: true, status: 'valid' });
    const tampered = Buffer.from(pdf.bytes);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    expect((await check(tampered)).body).toMatchObject({ documentMatches: false, matchedFormat: null });
    expect((await svc.http().get(`/public/certificates/${TENANT}/HD-1999-000001`)).status).toBe(404);
  });

  it('R-6.4.4 supplement keeps the original valid; reissue voids and keeps it; the public endpoint reports each state', async () => {
    const draft = await draftFor();
    const original = (await sign(draft.id)).body;
    const auth = { authorization: `Bearer ${signatory}` };
    expectRule(await svc.http().post(`/certificates/${draft.id}/supplements`).set(auth).send({ reason: 'values wrong', originalWasCorrect: false, remarks: ['x'] }),
      'R-6.4.4.2', 'originalWasCorrect', 'supplement-only-if-correct');
    const sup = await svc.http().post(`/certificates/${draft.id}/supplements`).set(auth).send({ reason: 'add the environmental conditions statement', originalWasCorrect: true, remarks: ['环境条件符合 JJF 1000-2026 要求'] });
    expect(sup.status).toBe(201);
    const supplement = (await sign(sup.body.id)).body;
    expect((await publicStatus(original.number)).body).toMatchObject({ status: 'valid', supplements: [supplement.number], replacedBy: null });
    expect((await publicStatus(supplement.number)).body).toMatchObject({ status: 'valid', supplementTo: { number: original.number } });
    const supXml = (await doc(sup.body.id, 'xml')).bytes;
    expect(validateDcc(supXml).valid).toBe(true);
    expect(supXml.toString()).toContain('<dcc:typeOfChange>amended</dcc:typeOfChange>');

    const re = await svc.http().post(`/certificates/${draft.id}/reissue`).set(auth).send({ reason: 'serial number was wrong', remarks: ['出厂编号更正'] });
    expect(re.status).toBe(201);
    const reissued = (await sign(re.body.id)).body;
    expect((await publicStatus(original.number)).body).toMatchObject({ status: 'void', replacedBy: { number: reissued.number }, signatureValid: true });
    expect((await publicStatus(reissued.number)).body).toMatchObject({ status: 'valid', replaces: { number: original.number } });
    const xml = (await doc(re.body.id, 'xml')).bytes.toString();
    expect(validateDcc(xml)).toEqual({ valid: true, output: '' });
    expect(xml).toContain('<dcc:typeOfChange>substituted</dcc:typeOfChange>');
    expect(xml).toContain(`<dcc:value>${original.documents.pdf}</dcc:value>`);
    expect(JSON.parse((await doc(re.body.id, 'json')).bytes.toString()).content.remarks).toEqual(expect.arrayContaining([expect.stringContaining(`代替证书 No. ${original.number}`)]));
    expect((await svc.outbox('certificates.certificate.voided')).find((e) => e.certificateId === draft.id)).toMatchObject({ replacedBy: { number: reissued.number } });
    // A void certificate cannot be replaced again, and nothing issued can be deleted or rewritten.
    expect((await svc.http().post(`/certificates/${draft.id}/reissue`).set(auth).send({ reason: 'again' })).status).toBe(422);
    await expect(svc.database.queryAsTenant(TENANT, `delete from certificates.certificate where id = $1`, [draft.id])).rejects.toThrow(/never deleted/);
    await expect(svc.database.queryAsTenant(TENANT, `update certificates.certificate set content = '{}' where id = $1`, [draft.id])).rejects.toThrow(/append-only/);
    expect((await doc(draft.id, 'pdf')).status).toBe(200);
  });

  it('R-6.4.4.3 a corrected record version after issue becomes a reissue draft; the stale version cannot be signed', async () => {
    const v1 = approvedRecord();
    const stale = await draftFor(approvedRecord({ ...v1, recordId: randomUUID(), itemId: randomUUID() }));
    const first = await draftFor(v1);
    const original = (await sign(first.id)).body;
    await svc.publish('records.record.approved', TENANT, v1.recordId, { ...v1, recordVersion: 2, serialNumber: 'SN-42A' });
    const corrected = await waitFor(async () => (await get(`/certificates?itemId=${v1.itemId}&status=draft`)).body, (l: Json[]) => l.length === 1, 'reissue draft');
    expect(corrected[0]).toMatchObject({ recordVersion: 2, replaces: first.id, amendmentReason: expect.stringContaining('version 2') });
    const reissued = (await sign(corrected[0].id)).body;
    expect((await publicStatus(original.number)).body).toMatchObject({ status: 'void', replacedBy: { number: reissued.number } });

    await svc.publish('records.record.approved', TENANT, stale.recordId, { ...v1, recordId: stale.recordId, itemId: stale.itemId, recordVersion: 2 });
    await waitFor(async () => (await get(`/certificates?itemId=${stale.itemId}`)).body, (l: Json[]) => l.length === 2, 'second draft');
    expect((await sign(stale.id)).status).toBe(409);
  });

  it('R-7.3.2 keeps issued certificates at least 6 years and retrieves them by number, customer, item and date', async () => {
    const record = approvedRecord({ customerId: 'cust-retrieval' });
    const draft = await draftFor(record);
    const issued = (await sign(draft.id)).body;
    const byNumber = (await get(`/certificates?number=${issued.number}`)).body;
    expect(byNumber).toHaveLength(1);
    expect(Number(byNumber[0].retainUntil.slice(0, 4)) - Number(today.slice(0, 4))).toBeGreaterThanOrEqual(6);
    expect((await get(`/certificates?customerId=cust-retrieval&from=${today}&to=${today}`)).body.map((c: Json) => c.number)).toEqual([issued.number]);
    expect((await get(`/certificates?customerId=cust-retrieval&to=2000-01-01`)).body).toEqual([]);
    expect((await get(`/certificates?itemId=${record.itemId}&status=issued`)).body.map((c: Json) => c.id)).toEqual([draft.id]);
    const other = await svc.token('lab-west', ['technical-manager'], 'tm-west');
    expect((await get(`/certificates?number=${issued.number}`, other)).body).toEqual([]);
  });

  it('R-5.5.3 reverse traceability lists exactly the certificates issued with a standard since its last good check', async () => {
    const standardId = randomUUID();
    const equipmentId = randomUUID();
    const uses = (date: string) => approvedRecord({
      measurementDate: date,
      measurementStandards: [{ standardId, code: 'STD-9', name: '标准装置', validUntil: null, certificates: [] }],
      equipment: [{ equipmentId, assetNumber: 'EQ-9', name: '量块', kind: 'standard-equipment', lastCalibratedOn: '2026-01-10', dueDate: '2027-01-10' }],
    });
    const before = await draftFor(uses('2026-01-05'));
    const inside = await draftFor(uses('2026-02-01'));
    const unrelated = await draftFor(approvedRecord({ measurementDate: '2026-02-01' }));
    for (const d of [before, inside, unrelated]) expect((await sign(d.id)).status).toBe(200);
    const status = {
      equipmentId, assetNumber: 'EQ-9', name: '量块', kind: 'standard-equipment' as const, previousStatus: null, lastCalibratedOn: '2026-01-10', dueDate: '2027-01-10', measurementStandardIds: [standardId],
    };
    await svc.publish('equipment.equipment.status-changed', TENANT, equipmentId, { ...status, status: 'in-service', reason: 'calibrated', usable: true, effectiveOn: '2026-01-10' });
    await svc.publish('equipment.equipment.status-changed', TENANT, equipmentId, {
      ...status, status: 'suspended', previousStatus: 'in-service', reason: 'intermediate-check-failed', usable: false, effectiveOn: '2026-03-01',
    });
    const [listing] = await waitFor(() => svc.outbox('certificates.reverse-traceability.listed'), (l) => l.length > 0, 'reverse traceability listing');
    expect(listing).toMatchObject({ equipmentId, since: '2026-01-10', until: '2026-03-01', reason: 'intermediate-check-failed' });
    expect(listing.certificates.map((c: Json) => c.certificateId)).toEqual([inside.id]);
  });
});
