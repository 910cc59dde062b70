import { waitUntil } from '@calchain/platform/testing';
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { labDate } from '../src/certificates/domain/numbering';
import { approvedRecord } from './fixtures';
import { CertificatesUnderTest, Json, pdfText, validateDcc } from './harness';

/**
 * Issue 7 gaps on the real PostgreSQL and Kafka: the customer organisation on the certificate
 * (R-6.4.2.1), X.509 certificates of the signing keys, test reports with their own
 * numbering, the archive access log and customers seeing only their
 * own certificates (R-7.3.1 confidentiality).
 */
describe('certificates: customer, X.509, test reports, access log (R-6.4.2.1, R-6.4.5, R-7.3.1)', () => {
  const TENANT = 'lab-north';
  const ITEM_CODE = 'JJG 21-2008';
  const PIN = '135790';
  const CUSTOMER_A = randomUUID();
  const CUSTOMER_B = randomUUID();
  let svc: CertificatesUnderTest;
  let signatory: string;
  let signatoryId: string;
  let manager: string;
  const today = labDate(new Date(), 'Asia/Shanghai');

  beforeAll(async () => {
    svc = await CertificatesUnderTest.start('cert-gaps');
    signatoryId = randomUUID();
    signatory = await enrolSignatory(signatoryId, '王建国');
    manager = await svc.token(TENANT, ['technical-manager'], 'tm-1');
    expect((await svc.http().put('/institution').set('authorization', `Bearer ${manager}`).send({ name: '北方计量测试研究院', numberPrefix: 'NB' })).status).toBe(200);
  });

  afterAll(() => svc?.stop());

  async function enrolSignatory(personId: string, name: string): Promise<string> {
    await svc.publish('quality.authorisation.granted', TENANT, personId, {
      authorisationId: randomUUID(), personId, itemCode: ITEM_CODE, role: 'authorised-signatory', validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: true,
    });
    await waitUntil(() => svc.database.queryAsTenant(TENANT, `select 1 from certificates.signatory_authorisation where person_id = $1`, [personId]), (r) => r.length === 1, { what: 'signatory read model', timeoutMs: 90000 });
    const token = await svc.token(TENANT, ['authorised-signatory'], personId);
    expect((await svc.http().put('/signatories/me').set('authorization', `Bearer ${token}`).send({ printedName: name, pin: PIN })).status).toBe(200);
    return token;
  }

  const get = (path: string, token = manager) => svc.http().get(path).set('authorization', `Bearer ${token}`);
  const sign = (id: string, token = signatory) => svc.http().post(`/certificates/${id}/sign`).set('authorization', `Bearer ${token}`).send({ pin: PIN });
  const doc = async (id: string, format: string, token = manager) => {
    const r = await get(`/certificates/${id}/documents/${format}`, token).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return { bytes: r.body as Buffer, status: r.status };
  };
  const accessRows = (certificateId: string) =>
    svc.database.queryAsTenant<Json>(TENANT, `select format, channel, actor, actor_roles, customer_id, outcome from certificates.document_access_log where certificate_id = $1 order by id`, [certificateId]);

  /** intake.contract.accepted v1 as intake publishes it now: the customer organisation and, per item, the requested report. */
  async function acceptContract(itemId: string, customerId: string, customer: { name: string; address: string | null } | null, report?: 'certificate' | 'test-report') {
    const contractId = randomUUID();
    await svc.publish('intake.contract.accepted', TENANT, contractId, {
      contractId, contractNumber: 'HT-2026-000100', version: 1, reviewId: randomUUID(), customerId, customer,
      items: [{ itemId, disposition: 'in-house', workOrderId: randomUUID(), section: 'length', promisedDate: '2026-12-10', ...(report ? { report } : {}) }],
      acceptedAt: new Date().toISOString(),
    });
    await waitUntil(() => svc.database.queryAsTenant(TENANT, `select 1 from certificates.contract_item where item_id = $1`, [itemId]), (r) => r.length === 1, { what: 'contract item read model', timeoutMs: 90000 });
  }

  async function issuedFor(customerId: string, customer: { name: string; address: string | null } | null, report?: 'certificate' | 'test-report', token = signatory) {
    const record = approvedRecord({ customerId });
    await acceptContract(record.itemId, customerId, customer, report);
    await svc.publish('records.record.approved', TENANT, record.recordId, record);
    const [draft] = await waitUntil(async () => (await get(`/certificates?itemId=${record.itemId}`)).body, (l: Json[]) => l.length > 0, { what: 'draft', timeoutMs: 90000 });
    const issued = await sign(draft.id, token);
    expect(issued.status).toBe(200);
    return { id: draft.id as string, draft, number: issued.body.number as string, kind: issued.body.kind as string, record };
  }

  it('R-6.4.2.1 names the customer organisation (from intake.contract.accepted) on the PDF, in the DCC (dcc:customer, schema-valid) and in the JSON', async () => {
    const customer = { name: '沈阳精密机械有限公司', address: '辽宁省沈阳市和平区南京北街 8 号' };
    const c = await issuedFor(CUSTOMER_A, customer);
    const text = pdfText((await doc(c.id, 'pdf')).bytes);
    expect(text).toContain(customer.name);
    expect(text).toContain(customer.address);
    expect(text).not.toContain(CUSTOMER_A);
    const xml = (await doc(c.id, 'xml')).bytes;
    expect(validateDcc(xml)).toEqual({ valid: true, output: '' });
    expect(xml.toString()).toMatch(new RegExp(`<dcc:customer><dcc:name><dcc:content lang="zh">${customer.name}</dcc:content></dcc:name><dcc:location><dcc:countryCode>CN</dcc:countryCode><dcc:further><dcc:content lang="zh">${customer.address}</dcc:content></dcc:further></dcc:location></dcc:customer>`));
    const json = JSON.parse((await doc(c.id, 'json')).bytes.toString());
    expect(json.content).toMatchObject({ customerId: CUSTOMER_A, customer });
    expect((await get(`/certificates/${c.id}`)).body).toMatchObject({ customerId: CUSTOMER_A });

    // A natural person as customer: no name travels, the certificate names the customer by id.
    const person = await issuedFor(randomUUID(), null);
    expect(JSON.parse((await doc(person.id, 'json')).bytes.toString()).content.customer).toBeNull();
    expect(validateDcc((await doc(person.id, 'xml')).bytes).valid).toBe(true);
  });

  it('R-6.4.2.1 a contract accepted after the draft puts the customer on the draft before signing', async () => {
    const record = approvedRecord({ customerId: CUSTOMER_A });
    await svc.publish('records.record.approved', TENANT, record.recordId, record);
    const [draft] = await waitUntil(async () => (await get(`/certificates?itemId=${record.itemId}`)).body, (l: Json[]) => l.length > 0, { what: 'draft', timeoutMs: 90000 });
    expect((await get(`/certificates/${draft.id}`)).body.content.customer).toBeNull();
    await acceptContract(record.itemId, CUSTOMER_A, { name: '大连港务计量站', address: null });
    const content = await waitUntil(async () => (await get(`/certificates/${draft.id}`)).body.content, (c: Json) => c.customer !== null, { what: 'customer on the draft', timeoutMs: 90000 });
    expect(content.customer).toEqual({ name: '大连港务计量站', address: null });
  });

  it('R-6.4.5 each signing key has an X.509 certificate issued by the institution CA; verification reports subject, serial and validity and fails with a different certificate', async () => {
    const c = await issuedFor(CUSTOMER_A, { name: '鞍山钢铁计量室', address: null });
    const json = JSON.parse((await doc(c.id, 'json')).bytes.toString());
    const leaf = new x509.X509Certificate(json.signature.certificate);
    const ca = new x509.X509Certificate(json.signature.issuerCertificate);
    expect(leaf.subject).toContain('CN=王建国');
    expect(leaf.subject).toContain('O=北方计量测试研究院');
    expect(leaf.issuer).toBe(ca.subject);
    expect(await ca.verify({ signatureOnly: true })).toBe(true);
    expect(await leaf.verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);
    // The certificate certifies exactly the key that signed.
    const leafKey = Buffer.from(leaf.publicKey.rawData).toString('base64');
    expect(json.signature.publicKey.replace(/-----[A-Z ]+-----|\s/g, '')).toBe(leafKey);
    expect(json.issue.signatory.certificateSerial).toBe(leaf.serialNumber);

    const status = (await svc.http().get(`/public/certificates/${TENANT}/${c.number}`)).body;
    expect(status).toMatchObject({
      signatureValid: true,
      signatory: { certificate: { subject: leaf.subject, issuer: ca.subject, serialNumber: leaf.serialNumber, chainValid: true, validAtSigning: true, matchesDocument: true } },
    });
    expect(new Date(status.signatory.certificate.notBefore).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(status.signatory.certificate.notAfter).getTime()).toBeGreaterThan(Date.now());
    expect(pdfText((await doc(c.id, 'pdf')).bytes)).toContain(leaf.serialNumber);

    // A second signatory's certificate is genuine (same CA) but certifies another key: put in the
    // place of the first one's, verification fails.
    const otherId = randomUUID();
    const other = await enrolSignatory(otherId, '刘芳');
    const o = await issuedFor(CUSTOMER_A, null, undefined, other);
    const otherCert = JSON.parse((await doc(o.id, 'json')).bytes.toString()).signature.certificate;
    expect(otherCert).not.toBe(json.signature.certificate);
    await svc.database.queryAsTenant(TENANT, `update certificates.signatory_key set certificate_pem = $2 where key_id = $1`, [json.signature.keyId, otherCert]);
    const forged = (await svc.http().get(`/public/certificates/${TENANT}/${c.number}`)).body;
    expect(forged).toMatchObject({ signatureValid: false, signatory: { certificate: { chainValid: true, matchesDocument: false, subject: expect.stringContaining('CN=刘芳') } } });
    await svc.database.queryAsTenant(TENANT, `update certificates.signatory_key set certificate_pem = $2 where key_id = $1`, [json.signature.keyId, json.signature.certificate]);
    expect((await svc.http().get(`/public/certificates/${TENANT}/${c.number}`)).body.signatureValid).toBe(true);

    // Private keys (signatories' and the CA's) never reach the database.
    for (const table of ['signatory_key', 'institution_ca', 'certificate']) {
      expect(JSON.stringify(await svc.database.queryAsTenant(TENANT, `select * from certificates.${table}`))).not.toContain('PRIVATE KEY');
    }
    await expect(svc.database.queryAsTenant(TENANT, `update certificates.institution_ca set certificate_pem = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('R-6.4.3 R-6.4.5 an item whose contract requests a test report gets a test report, in its own numbering series, with its own template', async () => {
    const t1 = await issuedFor(CUSTOMER_A, { name: '抚顺石化检测中心', address: null }, 'test-report');
    expect(t1.draft.kind).toBe('test-report');
    expect(t1.kind).toBe('test-report');
    const year = today.slice(0, 4);
    expect(t1.number).toBe(`NB-TR-${year}-000001`);
    const cert = await issuedFor(CUSTOMER_A, null, 'certificate');
    expect(cert.kind).toBe('calibration-certificate');
    expect(cert.number).toMatch(new RegExp(`^NB-${year}-\\d{6}$`));
    const t2 = await issuedFor(CUSTOMER_A, null, 'test-report');
    expect(t2.number).toBe(`NB-TR-${year}-000002`);
    const series = await svc.database.queryAsTenant<Json>(TENANT, `select series, last from certificates.certificate_number_sequence order by series`);
    expect(series.find((s: Json) => s.series === 'test-report').last).toBe(2);

    const text = pdfText((await doc(t1.id, 'pdf')).bytes);
    expect(text).toContain('检测报告');
    expect(text).toContain('检测结果 Test results');
    expect(text).toContain('检测依据 Test method');
    const certText = pdfText((await doc(cert.id, 'pdf')).bytes);
    expect(certText).toContain('校准证书');
    expect(certText).not.toContain('检测报告');
    const json = JSON.parse((await doc(t1.id, 'json')).bytes.toString());
    expect(json.content.kind).toBe('test-report');
    expect(json.content.remarks.join(' ')).toContain('DCC 3.3.0 has no test-report type');
    const xml = (await doc(t1.id, 'xml')).bytes;
    expect(validateDcc(xml)).toEqual({ valid: true, output: '' });
    expect(xml.toString()).toContain('检测报告 test report');
    expect((await svc.http().get(`/public/certificates/${TENANT}/${t1.number}`)).body).toMatchObject({ kind: 'test-report', status: 'valid', signatureValid: true });
    const [event] = (await svc.outbox('certificates.certificate.issued')).filter((e) => e.certificateId === t1.id);
    expect(event).toMatchObject({ kind: 'test-report', number: t1.number });
  });

  it('R-7.3.1 logs every document read (who, when, what, tenant) append-only, not failed reads; public verification without personal data; the log is for quality supervisors and administrators', async () => {
    const c = await issuedFor(CUSTOMER_A, { name: '本溪计量所', address: null });
    expect(await accessRows(c.id)).toEqual([]);
    for (const format of ['pdf', 'xml', 'json']) expect((await doc(c.id, format)).status).toBe(200);
    const customerA = await svc.token(TENANT, ['customer'], 'portal-user-a', CUSTOMER_A);
    expect((await doc(c.id, 'pdf', customerA)).status).toBe(200);
    expect((await svc.http().get(`/public/certificates/${TENANT}/${c.number}`)).status).toBe(200);

    // Failed reads write nothing: an unknown id, a draft without documents, another customer.
    const record = approvedRecord({ customerId: CUSTOMER_A });
    await svc.publish('records.record.approved', TENANT, record.recordId, record);
    const [draft] = await waitUntil(async () => (await get(`/certificates?itemId=${record.itemId}`)).body, (l: Json[]) => l.length > 0, { what: 'draft', timeoutMs: 90000 });
    expect((await doc(draft.id, 'pdf')).status).toBe(404);
    expect((await doc(randomUUID(), 'pdf')).status).toBe(404);
    const customerB = await svc.token(TENANT, ['customer'], 'portal-user-b', CUSTOMER_B);
    expect((await doc(c.id, 'pdf', customerB)).status).toBe(404);
    expect((await svc.http().get(`/public/certificates/${TENANT}/NB-1999-000001`)).status).toBe(404);

    const rows = await accessRows(c.id);
    expect(rows.map((r: Json) => [r.format, r.channel, r.actor])).toEqual([
      ['pdf', 'staff', 'tm-1'], ['xml', 'staff', 'tm-1'], ['json', 'staff', 'tm-1'], ['pdf', 'customer', 'portal-user-a'], ['public-verification', 'public', null],
    ]);
    expect(rows[3]).toMatchObject({ customer_id: CUSTOMER_A, actor_roles: ['customer'] });
    expect(rows[4]).toMatchObject({ customer_id: null, actor_roles: [], outcome: 'status:issued' });
    expect(await accessRows(draft.id)).toEqual([]);

    const supervisor = await svc.token(TENANT, ['quality-supervisor'], 'qs-1');
    const listed = await get(`/archive-access-log?certificateId=${c.id}`, supervisor);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(5);
    expect(listed.body[0]).toMatchObject({ certificateId: c.id, number: c.number, format: 'pdf', channel: 'staff', actor: 'tm-1', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect((await get(`/archive-access-log?certificateId=${c.id}`, await svc.token(TENANT, ['administrator'], 'admin-1'))).status).toBe(200);
    expect((await get('/archive-access-log', await svc.token(TENANT, ['calibrator'], 'cal-1'))).status).toBe(403);
    expect((await get('/archive-access-log', customerA)).status).toBe(403);
    expect((await get('/archive-access-log?from=yesterday', supervisor)).status).toBe(400);
    // Another tenant sees none of it; nobody rewrites it.
    expect((await get(`/archive-access-log?certificateId=${c.id}`, await svc.token('lab-south', ['quality-supervisor'], 'qs-2'))).body).toEqual([]);
    await expect(svc.database.queryAsTenant(TENANT, `delete from certificates.document_access_log where certificate_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    await expect(svc.database.queryAsTenant(TENANT, `update certificates.document_access_log set actor = 'x' where certificate_id = $1`, [c.id])).rejects.toThrow(/append-only/);
  });

  it('R-7.3.1 a customer lists and reads only its own issued certificates; another customer\'s certificate id answers 404', async () => {
    const a = await issuedFor(CUSTOMER_A, { name: '营口港计量站', address: null });
    const b = await issuedFor(CUSTOMER_B, { name: '丹东仪表厂', address: null });
    const recordA = approvedRecord({ customerId: CUSTOMER_A });
    await svc.publish('records.record.approved', TENANT, recordA.recordId, recordA);
    const [draftA] = await waitUntil(async () => (await get(`/certificates?itemId=${recordA.itemId}`)).body, (l: Json[]) => l.length > 0, { what: 'draft of A', timeoutMs: 90000 });

    const customerA = await svc.token(TENANT, ['customer'], 'portal-user-a', CUSTOMER_A);
    const listA = (await get('/certificates', customerA)).body as Json[];
    expect(listA.map((x) => x.id)).toContain(a.id);
    expect(listA.every((x) => x.customerId === CUSTOMER_A && x.status !== 'draft')).toBe(true);
    expect(listA.map((x) => x.id)).not.toContain(draftA.id);
    // Asking for B's certificates by filter or number gives nothing.
    expect((await get(`/certificates?customerId=${CUSTOMER_B}`, customerA)).body).toEqual([]);
    expect((await get(`/certificates?number=${b.number}`, customerA)).body).toEqual([]);
    for (const path of [`/certificates/${b.id}`, `/certificates/${b.id}/documents/pdf`, `/certificates/${b.id}/history`, `/certificates/${draftA.id}`]) {
      const r = await get(path, customerA);
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await get(`/certificates/${a.id}`, customerA)).body).toMatchObject({ id: a.id, customerId: CUSTOMER_A, status: 'issued' });
    expect((await doc(a.id, 'pdf', customerA)).status).toBe(200);
    // B sees its own and not A's; a customer token without a customer id sees nothing; staff see both.
    const customerB = await svc.token(TENANT, ['customer'], 'portal-user-b', CUSTOMER_B);
    const listB = (await get('/certificates', customerB)).body as Json[];
    expect(listB.map((x) => x.id)).toContain(b.id);
    expect(listB.map((x) => x.id)).not.toContain(a.id);
    expect((await get(`/certificates/${a.id}`, customerB)).status).toBe(404);
    expect((await get('/certificates', await svc.token(TENANT, ['customer'], 'portal-user-x'))).body).toEqual([]);
    const staff = (await get('/certificates')).body.map((x: Json) => x.id);
    expect(staff).toEqual(expect.arrayContaining([a.id, b.id, draftA.id]));
  });
});
