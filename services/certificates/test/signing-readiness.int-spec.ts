import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Role } from '@calchain/contracts';
import { waitUntil } from '@calchain/platform/testing';
import { approvedRecord, result } from './fixtures';
import { CertificatesUnderTest, Json } from './harness';

/**
 * A signatory is told before typing their PIN whether signing a draft would be refused, and why
 * (R-5.1.3, R-6.4.5, R-6.4.2.x, R-6.4.4), on the real PostgreSQL and Kafka: the refusals are the
 * ones signing gives, in its order, and asking writes nothing.
 */
describe('certificates: signing readiness before the PIN (R-5.1.3, R-6.4.5, R-6.4.2.x, R-6.4.4)', () => {
  const TENANT = 'lab-north';
  const ITEM_CODE = 'JJG 21-2008';
  const OTHER_ITEM = 'JJG 99-2006';
  const PIN = '975310';
  let svc: CertificatesUnderTest;
  let signatory: string;
  let manager: string;

  beforeAll(async () => {
    svc = await CertificatesUnderTest.start('cert-readiness');
    manager = await svc.token(TENANT, ['technical-manager'], 'tm-1');
    expect((await svc.http().put('/institution').set('authorization', `Bearer ${manager}`).send({ name: '华北计量测试研究院', numberPrefix: 'HB' })).status).toBe(200);
    signatory = await signatoryFor(ITEM_CODE, '钱签发');
  });

  afterAll(() => svc?.stop());

  /** A signatory authorised (and qualified) for one item code, with a PIN unless `enrol` is false. */
  async function signatoryFor(itemCode: string, printedName: string, enrol = true): Promise<string> {
    const personId = randomUUID();
    await svc.publish('quality.authorisation.granted', TENANT, personId, {
      authorisationId: randomUUID(), personId, itemCode, role: 'authorised-signatory', validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: true,
    });
    await waitUntil(() => svc.database.queryAsTenant(TENANT, `select 1 from certificates.signatory_authorisation where person_id = $1`, [personId]), (r) => r.length === 1, { what: 'signatory read model' });
    const token = await svc.token(TENANT, ['authorised-signatory'], personId);
    if (enrol) expect((await svc.http().put('/signatories/me').set('authorization', `Bearer ${token}`).send({ printedName, pin: PIN })).status).toBe(200);
    return token;
  }

  const as = (roles: Role[], subject?: string, customerId?: string) => svc.token(TENANT, roles, subject, customerId);
  const get = (path: string, token = manager) => svc.http().get(path).set('authorization', `Bearer ${token}`);
  const readiness = (id: string, token = signatory) => get(`/certificates/${id}/signing-readiness`, token);
  const sign = (id: string, token = signatory, pin = PIN) => svc.http().post(`/certificates/${id}/sign`).set('authorization', `Bearer ${token}`).send({ pin });
  const refusalsOf = (problem: Json) => problem.errors.map(({ requirement, rule, field, message }: Json) => ({ requirement, rule, field, message }));

  async function draftFor(record = approvedRecord()): Promise<Json> {
    await svc.publish('records.record.approved', TENANT, record.recordId, record);
    const list = await waitUntil(async () => (await get(`/certificates?itemId=${record.itemId}`)).body, (l: Json[]) => l.length > 0, { what: 'draft from the approved record' });
    return list[0];
  }

  /** Everything signing or a PIN check writes: none of it may move for a readiness check. */
  const written = async () => ({
    counts: (await svc.database.queryAsTenant<Record<string, number>>(TENANT, `
      select (select count(*)::int from certificates.certificate) as certificates, (select count(*)::int from certificates.issue_log) as log,
             (select count(*)::int from certificates.outbox_message) as outbox, (select count(*)::int from certificates.certificate_document) as documents,
             (select coalesce(sum(last), 0)::int from certificates.certificate_number_sequence) as numbers, (select count(*)::int from certificates.signatory_key) as keys,
             (select count(*)::int from certificates.institution_ca) as ca, (select coalesce(sum(failed_tries), 0)::int from certificates.signatory_profile) as failedTries`))[0],
    rows: await svc.database.queryAsTenant(TENANT, `select id, status, number, content_sha256, content from certificates.certificate order by id`),
    keyFiles: readdirSync(svc.keyDir).sort(),
  });

  it('R-5.1.3 a draft for its authorised signatory: canSign, no refusals; for a signatory not authorised for the item: refused with the rule signing then refuses with; nothing is written', async () => {
    const draft = await draftFor();
    const before = await written();
    const ready = await readiness(draft.id);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ certificateId: draft.id, status: 'draft', canSign: true, refusals: [] });

    const outsider = await signatoryFor(OTHER_ITEM, '孙外项');
    const refused = await readiness(draft.id, outsider);
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      certificateId: draft.id, status: 'draft', canSign: false,
      refusals: [{ requirement: 'R-5.1.3', rule: 'authorised-signatory', field: 'signatory', message: `no current authorised-signatory authorisation for ${ITEM_CODE}` }],
    });
    // Asking, as often as anyone likes, takes no number, logs and publishes nothing, creates no key.
    await Promise.all([readiness(draft.id), readiness(draft.id, outsider), readiness(draft.id)]);
    expect(await written()).toEqual(before);

    const signed = await sign(draft.id, outsider);
    expect(signed.status).toBe(422);
    expect(signed.body).toMatchObject({ requirement: 'R-5.1.3' });
    expect(refusalsOf(signed.body)).toEqual(refused.body.refusals);
    expect((await sign(draft.id)).status).toBe(200);
  });

  it('R-5.1.3 R-6.4.2.4 R-6.4.2.3 lists every refusal in signing\'s order; signing refuses with the first, and the content breaches together', async () => {
    const draft = await draftFor(approvedRecord({
      serviceKind: 'verification',
      results: [result({ resultId: 'b', point: '5 mm', adjustment: 'before-adjustment' }), result({ resultId: 'x', point: '10 mm', limit: '±0.005' })],
    }));
    const outsider = await signatoryFor(OTHER_ITEM, '周外项');
    const outsiders = await readiness(draft.id, outsider);
    expect(outsiders.body.canSign).toBe(false);
    expect(outsiders.body.refusals.map((r: Json) => [r.requirement, r.rule, r.field])).toEqual([
      ['R-5.1.3', 'authorised-signatory', 'signatory'], ['R-6.4.2.4', 'before-after-pair', 'results'], ['R-6.4.2.3', 'decision-rule-agreed', 'decisionRule'],
    ]);
    expect(refusalsOf((await sign(draft.id, outsider)).body)).toEqual(outsiders.body.refusals.slice(0, 1));

    const own = await readiness(draft.id);
    expect(own.body.refusals).toEqual(outsiders.body.refusals.slice(1));
    const signed = await sign(draft.id);
    expect(signed.status).toBe(422);
    expect(refusalsOf(signed.body)).toEqual(own.body.refusals);
  });

  it('R-6.4.5 a signatory without a PIN, or with a PIN locked after wrong ones, is told before typing it', async () => {
    const draft = await draftFor();
    const unenrolled = await signatoryFor(ITEM_CODE, '吴无口令', false);
    const first = await readiness(draft.id, unenrolled);
    expect(first.body).toMatchObject({ canSign: false, refusals: [{ requirement: 'R-6.4.5', rule: 're-authentication', field: 'pin', message: 'the signatory has not enrolled a signing PIN' }] });
    expect(refusalsOf((await sign(draft.id, unenrolled)).body)).toEqual(first.body.refusals);

    expect((await svc.http().put('/signatories/me').set('authorization', `Bearer ${unenrolled}`).send({ printedName: '吴无口令', pin: PIN })).status).toBe(200);
    expect((await readiness(draft.id, unenrolled)).body).toMatchObject({ canSign: true, refusals: [] });
    for (let i = 0; i < 5; i++) expect((await sign(draft.id, unenrolled, '000000')).body.detail).toBe('the signing PIN is wrong');
    const locked = await readiness(draft.id, unenrolled);
    expect(locked.body.refusals).toEqual([{ requirement: 'R-6.4.5', rule: 're-authentication', field: 'pin', message: 'signing is locked after repeated wrong PINs; re-enrol with the technical manager' }]);
    expect(refusalsOf((await sign(draft.id, unenrolled)).body)).toEqual(locked.body.refusals);
  });

  it('R-6.4.4 an issued certificate cannot be signed again: canSign false with the not-a-draft refusal, which signing answers as a 409', async () => {
    const draft = await draftFor();
    const issued = await sign(draft.id);
    expect(issued.status).toBe(200);
    const answer = await readiness(draft.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      certificateId: draft.id, status: 'issued', canSign: false,
      refusals: [{ requirement: 'R-6.4.4', rule: 'sign-drafts-only', field: 'status', message: `certificate ${issued.body.number} is already issued` }],
    });
    const again = await sign(draft.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ requirement: 'R-6.4.4', detail: `certificate ${issued.body.number} is already issued` });
    expect(refusalsOf(again.body)).toEqual(answer.body.refusals);
  });

  it('R-7.3.1 only who may sign asks: customers, regulators and the rest of the signing queue are refused by role; an unknown id is 404', async () => {
    const record = approvedRecord({ customerId: 'cust-readiness' });
    const draft = await draftFor(record);
    const customer = await as(['customer'], 'customer-user', 'cust-readiness');
    const own = await readiness(draft.id, customer);
    expect(own.status).toBe(403);
    // Refused by role whatever the id: the answer says nothing of which drafts exist.
    const unknown = await readiness(randomUUID(), customer);
    expect([unknown.status, unknown.body.detail]).toEqual([403, own.body.detail]);
    for (const role of ['regulator', 'checker', 'technical-manager', 'calibrator', 'administrator'] as Role[]) {
      expect([role, (await readiness(draft.id, await as([role]))).status]).toEqual([role, 403]);
    }
    expect((await readiness(randomUUID())).status).toBe(404);
    expect((await readiness('not-a-uuid')).status).toBe(400);
    expect((await svc.http().get(`/certificates/${draft.id}/signing-readiness`)).status).toBe(401);
  });

  it('is documented in the OpenAPI document with the roles it requires', async () => {
    const doc = (await svc.http().get('/openapi.json')).body;
    expect(doc.paths['/certificates/{id}/signing-readiness'].get).toMatchObject({ 'x-required-roles': ['authorised-signatory'] });
  });
});
