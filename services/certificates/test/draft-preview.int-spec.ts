import { waitUntil } from '@calchain/platform/testing';
import { randomUUID } from 'node:crypto';
import { Role } from '@calchain/contracts';
import { DRAFT_WATERMARK } from '../src/certificates/domain/pdf';
import { approvedRecord, result } from './fixtures';
import { CertificatesUnderTest, Json, pdfText } from './harness';

/**
 * Issue 12 "certificate preview (PDF) and sign" on the real PostgreSQL and Kafka: a draft is
 * rendered as signing would render it, but without number, signature or QR code and marked not
 * valid on every page; nothing is stored and no number is taken (R-6.4.5 gap-free numbering),
 * issued certificates keep their stored PDF, customers never see drafts.
 */
describe('certificates: draft PDF preview (issue 12, R-6.4.5, R-6.4.4, R-7.3.1)', () => {
  const TENANT = 'lab-south';
  const ITEM_CODE = 'JJG 21-2008';
  const PIN = '864213';
  let svc: CertificatesUnderTest;
  let signatory: string;
  let manager: string;

  beforeAll(async () => {
    svc = await CertificatesUnderTest.start('cert-preview');
    manager = await svc.token(TENANT, ['technical-manager'], 'tm-1');
    expect((await svc.http().put('/institution').set('authorization', `Bearer ${manager}`).send({ name: '华南计量测试研究院', numberPrefix: 'HN' })).status).toBe(200);
    const signatoryId = randomUUID();
    await svc.publish('quality.authorisation.granted', TENANT, signatoryId, {
      authorisationId: randomUUID(), personId: signatoryId, itemCode: ITEM_CODE, role: 'authorised-signatory', validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: true,
    });
    await waitUntil(() => svc.database.queryAsTenant(TENANT, `select 1 from certificates.signatory_authorisation where person_id = $1`, [signatoryId]), (r) => r.length === 1, { what: 'signatory read model' });
    signatory = await svc.token(TENANT, ['authorised-signatory'], signatoryId);
    expect((await svc.http().put('/signatories/me').set('authorization', `Bearer ${signatory}`).send({ printedName: '赵签发', pin: PIN })).status).toBe(200);
  });

  afterAll(() => svc?.stop());

  const as = (roles: Role[], subject?: string, customerId?: string) => svc.token(TENANT, roles, subject, customerId);
  const get = (path: string, token = manager) => svc.http().get(path).set('authorization', `Bearer ${token}`);
  const sign = (id: string) => svc.http().post(`/certificates/${id}/sign`).set('authorization', `Bearer ${signatory}`).send({ pin: PIN });
  const binary = async (path: string, token: string) => {
    const r = await get(path, token).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const bytes = r.body as Buffer;
    return { status: r.status, headers: r.headers as Record<string, string>, bytes, problem: /json/.test(r.headers['content-type'] ?? '') ? JSON.parse(bytes.toString()) : null };
  };
  const preview = (id: string, token = signatory) => binary(`/certificates/${id}/preview`, token);

  async function draftFor(record = approvedRecord()): Promise<Json> {
    await svc.publish('records.record.approved', TENANT, record.recordId, record);
    const list = await waitUntil(async () => (await get(`/certificates?itemId=${record.itemId}`)).body, (l: Json[]) => l.length > 0, { what: 'draft from the approved record' });
    return list[0];
  }

  /** Everything signing writes besides the certificate row: none of it may move for a preview. */
  const written = async () => (await svc.database.queryAsTenant<Record<string, number>>(TENANT, `
    select (select count(*)::int from certificates.certificate_document) as documents, (select count(*)::int from certificates.issue_log) as log,
           (select count(*)::int from certificates.outbox_message) as outbox, (select coalesce(sum(last), 0)::int from certificates.certificate_number_sequence) as numbers,
           (select count(*)::int from certificates.document_access_log) as reads, (select count(*)::int from certificates.signatory_key) as keys,
           (select count(*)::int from certificates.institution_ca) as ca`))[0];
  const stored = async (id: string) => (await svc.database.queryAsTenant(TENANT,
    `select status, number, number_seq, content_sha256, pdf_sha256, json_sha256, xml_sha256, signed_by, issued_at, content from certificates.certificate where id = $1`, [id]))[0];
  /** Lines of the text in drawing order, without the stamp (header, footer, one glyph per line of the diagonal band). */
  const lines = (text: string) => text.split('\n').map((l) => l.replace(/\f/g, '').trim()).filter((l) => l.length > 1 && !l.includes(DRAFT_WATERMARK));
  /** What the certificate says up to the calibrator and checker: everything but number, signature and QR. */
  const printedContent = (text: string) => {
    const all = lines(text);
    const end = all.findIndex((l) => l.startsWith('核验员 Checker'));
    if (end < 0) throw new Error(`no calibrator and checker line in:\n${text}`);
    return all.slice(0, end + 1).filter((l) => !l.startsWith('证书编号'));
  };
  const squeeze = (s: string) => s.replace(/\s+/g, '');

  it('R-6.4.5 previews a draft as signing renders it, unnumbered, unsigned and "草稿 — 无效 DRAFT — NOT VALID" on every page; nothing is stored and the next signing gets the next gap-free number', async () => {
    // A verification that fails at one point: signing turns it into a result notice; 40 points fill two pages.
    const record = approvedRecord({
      serviceKind: 'verification',
      results: Array.from({ length: 40 }, (_, i) => result({ resultId: `p${i}`, point: `${i + 1} mm`, error: i === 7 ? '0.009' : '0.001', limit: '±0.005' })),
    });
    expect((await svc.http().put(`/items/${record.itemId}/decision-rule`).set('authorization', `Bearer ${manager}`).send({ rule: 'simple', contractNumber: 'HT-2026-31' })).status).toBe(200);
    const calibrator = await as(['calibrator'], record.calibratorPersonId);
    const checker = await as(['checker'], record.checkerPersonId);
    expect((await svc.http().put('/staff/me').set('authorization', `Bearer ${calibrator}`).send({ printedName: '孙校准' })).status).toBe(200);
    expect((await svc.http().put('/staff/me').set('authorization', `Bearer ${checker}`).send({ printedName: '周核验' })).status).toBe(200);
    const earlier = await draftFor();
    const draft = await draftFor(record);
    expect(draft).toMatchObject({ status: 'draft', kind: 'verification-certificate', number: null });

    const before = await written();
    const beforeRow = await stored(draft.id);
    const answers = await Promise.all([preview(draft.id), preview(draft.id, checker), preview(draft.id, manager)]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/pdf');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-certificate-preview']).toBe('draft');
      expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const text = pdfText(answers[0]!.bytes, 'raw');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(page.split('\n').filter((l) => l.trim() === DRAFT_WATERMARK)).toHaveLength(2); // header and footer
    expect(text).toContain('检定结果通知书'); // the kind signing will give it, not the draft's
    expect(text).toContain('证书编号 No.: （签发时分配 assigned on signing）');
    expect(text).toContain('批准人 Authorised signatory: 待签发 to be signed by an authorised signatory');
    expect(text).toContain('8 mm: 不合格');
    expect(text).toMatch(/核验员 Checker: 周核验\s+校准\/检定员 Calibrator: 孙校准/);
    for (const absent of ['HN-', 'Ed25519', 'X.509', '核验 Verify', 'verify.example', '赵签发', '签发前须更正']) expect(text).not.toContain(absent);

    // Nothing written: no document, log entry, event, number, key or CA; the row is the draft it was.
    expect(await written()).toEqual(before);
    expect(await stored(draft.id)).toEqual(beforeRow);
    expect(beforeRow).toMatchObject({ status: 'draft', number: null, number_seq: null, content_sha256: null, pdf_sha256: null, signed_by: null });

    // Numbers stay gap-free: the two signings take the next two numbers, whatever was previewed.
    const first = await sign(earlier.id);
    const issued = await sign(draft.id);
    expect([first.status, issued.status]).toEqual([200, 200]);
    expect(issued.body.kind).toBe('verification-result-notice');
    const seqs = (await svc.database.queryAsTenant<{ number_seq: number }>(TENANT, `select number_seq from certificates.certificate where number_seq is not null order by number_seq`)).map((r) => r.number_seq);
    expect(seqs).toEqual([before.numbers + 1, before.numbers + 2]);
    expect(issued.body.number).toMatch(new RegExp(`^HN-\\d{4}-${String(before.numbers + 2).padStart(6, '0')}$`));

    // The same content derivation: the signed PDF prints what the preview printed, line for line.
    const signedPdf = await binary(`/certificates/${draft.id}/documents/pdf`, signatory);
    const previewed = printedContent(text);
    expect(previewed.length).toBeGreaterThan(80); // 40 results, 40 statements
    expect(printedContent(pdfText(signedPdf.bytes, 'raw'))).toEqual(previewed);
    expect(pdfText(signedPdf.bytes)).not.toContain(DRAFT_WATERMARK);

    // an issued certificate is not previewed; its PDF is the stored one.
    const refused = await preview(draft.id);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.problem).toMatchObject({ requirement: 'R-6.4.4', errors: [{ field: 'status', rule: 'preview-drafts-only', requirement: 'R-6.4.4' }] });
    expect(refused.problem.detail).toContain(issued.body.number);
  });

  it('R-6.4.2.4 R-6.4.2.3 a draft that cannot be signed yet is still previewed, its blocking issues listed on the PDF', async () => {
    const draft = await draftFor(approvedRecord({
      serviceKind: 'verification',
      results: [result({ resultId: 'b', point: '5 mm', adjustment: 'before-adjustment' }), result({ resultId: 'x', point: '10 mm', limit: '±0.005' })],
    }));
    const shown = await preview(draft.id);
    expect(shown.status).toBe(200);
    const text = squeeze(pdfText(shown.bytes, 'raw'));
    expect(text).toContain(squeeze('签发前须更正 Blocking issues'));
    for (const line of [
      'the point 5 mm has a result only before adjustment; both are reported (R-6.4.2.4, results)',
      'a conformity statement needs the decision rule agreed at contract review (R-6.4.2.3, decisionRule)',
    ]) expect(text).toContain(squeeze(line));
    const refused = await sign(draft.id);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: Json) => [e.field, e.requirement])).toEqual([['results', 'R-6.4.2.4'], ['decisionRule', 'R-6.4.2.3']]);
  });

  it('R-6.4.4.3 a reissue draft is previewed naming the certificate it replaces, which stays valid until the reissue is signed', async () => {
    const original = await draftFor();
    const number = (await sign(original.id)).body.number as string;
    const reissue = await svc.http().post(`/certificates/${original.id}/reissue`).set('authorization', `Bearer ${signatory}`).send({ reason: 'serial number wrong', remarks: ['出厂编号更正'] });
    expect(reissue.status).toBe(201);
    const shown = await preview(reissue.body.id);
    expect(shown.status).toBe(200);
    const text = squeeze(pdfText(shown.bytes, 'raw'));
    expect(text).toContain(squeeze(`本证书代替证书 No. ${number}；证书 No. ${number} 作废。(replaces certificate No. ${number}, which is void)`));
    expect(text).toContain(squeeze(`本证书代替证书 No. ${number}；证书 No. ${number} 作废 (R-6.4.4.3)`));
    expect(await stored(original.id)).toMatchObject({ status: 'issued', number });
    expect((await svc.outbox('certificates.certificate.voided')).filter((e) => e.certificateId === original.id)).toEqual([]);
  });

  it('R-7.3.1 customers never see a draft: refused by role for their own draft as for an unknown id; roles outside the signing queue too', async () => {
    const record = approvedRecord({ customerId: 'cust-preview' });
    const draft = await draftFor(record);
    const customer = await as(['customer'], 'customer-user', 'cust-preview');
    const own = await preview(draft.id, customer);
    expect(own.status).toBe(403);
    expect(own.problem.detail).not.toContain(draft.id);
    expect((await preview(randomUUID(), customer)).status).toBe(403);
    expect((await preview(randomUUID())).status).toBe(404);
    for (const role of ['calibrator', 'intake-clerk', 'quality-supervisor', 'standard-responsible', 'administrator', 'regulator'] as Role[]) {
      expect([role, (await preview(draft.id, await as([role]))).status]).toEqual([role, 403]);
    }
    expect((await svc.http().get(`/certificates/${draft.id}/preview`)).status).toBe(401);
  });
});
