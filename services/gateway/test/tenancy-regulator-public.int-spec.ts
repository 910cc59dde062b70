import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role, Roles } from '@calchain/contracts';
import { repoRoot, waitUntil } from '@calchain/platform/testing';
import { call, devToken, GatewayFixture, ISSUER, roleUser, startGateway } from './gateway-fixture';

const LABEL = 'gw-issue9';

/** Personal data seeded below; none of it may appear in a regulator's or the public's view. */
const PERSONAL = {
  complainantName: 'Wang Fangfang',
  complainantPhone: '+86 139 0000 1234',
  publicName: 'Chen Jingjing',
  publicContact: 'chen.jingjing@example.org',
  personName: 'Zhao Minmin',
  nationalId: '110105198001011234',
};

const labDay = (offset = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offset * 86_400_000));

/**
 * Issue 9 gaps, against real PostgreSQL, Redis, Kafka and every service behind the gateway:
 * customers see only their own orders (capability 2), regulator summaries (capability 4), the
 * public complaint form (capability 5, R-8.3.1).
 */
describe('gateway: customers, regulator summaries and the public complaint form (issue 9)', () => {
  let f: GatewayFixture;
  const tokens = new Map<string, string>();
  const token = (role: Role) => tokens.get(role)!;
  const get = (path: string, options: Parameters<typeof call>[3] = {}) => call(f.gateway, 'GET', path, options);
  const post = (path: string, options: Parameters<typeof call>[3] = {}) => call(f.gateway, 'POST', path, options);
  const put = (path: string, options: Parameters<typeof call>[3] = {}) => call(f.gateway, 'PUT', path, options);

  /** A POST from a chosen loopback address: each test is its own client for the per-IP rate limit. */
  const postFrom = (from: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>((resolve, reject) => {
      const url = new URL(f.gateway);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const req = request(
        { host: url.hostname, port: url.port, path, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = raw;
            try {
              parsed = JSON.parse(raw);
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });

  beforeAll(async () => {
    f = await startGateway(LABEL, { LOG_LEVEL: 'info' });
    for (const role of Roles) tokens.set(role, await devToken(f.gateway, `sub-${role}`));
  });

  afterAll(async () => {
    if (f) rmSync(f.dir, { recursive: true, force: true });
    await f?.platform.stop();
  });

  describe('customers see only their own orders (capability 2; R-4.1.1, R-7.3.1)', () => {
    const ids = { a: { customer: '', contract: '', order: '', item: '' }, b: { customer: '', contract: '', order: '', item: '' } };
    let customerA: string;

    const contractBody = (customerId: string) => ({
      customerId,
      writtenRequirements: 'Calibrate per quotation',
      items: [{
        instrumentType: 'Gauge block', serialNumber: 'GB-50', range: { lower: '0.5', upper: '100', unit: 'mm' }, serviceKind: 'calibration',
        methodCode: 'JJG 146', methodVersion: '2011', discipline: 'length', place: 'lab', feeCode: 'L-001',
      }],
    });

    beforeAll(async () => {
      const admin = token('administrator');
      expect((await put('/api/intake/fee-schedule/L-001', { token: admin, body: { description: 'Gauge block', serviceKind: 'calibration', discipline: 'length', unitPrice: '120.00' } })).status).toBe(200);
      expect((await put('/api/intake/time-limits', { token: admin, body: { serviceKind: 'calibration', discipline: 'length', workingDays: 5 } })).status).toBe(200);
      for (const key of ['a', 'b'] as const) {
        const customer = await post('/api/intake/customers', { token: admin, body: { code: `C-${key}-${Date.now()}`, name: `Customer ${key.toUpperCase()} Ltd` } });
        expect(customer.status).toBe(201);
        ids[key].customer = customer.body.id;
        const contract = await post('/api/intake/contracts', { token: token('intake-clerk'), body: contractBody(customer.body.id) });
        expect(contract.status).toBe(201);
        ids[key].contract = contract.body.id ?? contract.body.contract?.id;
        const order = await post('/api/intake/work-orders', {
          token: token('intake-clerk'),
          body: { customerId: customer.body.id, placeOfWork: 'lab', dueDate: labDay(30), items: [{ description: `Gauge of ${key}`, serialNumber: `S-${key}`, serviceKind: 'calibration', methodCode: 'JJG 146-2011' }] },
        });
        expect(order.status).toBe(201);
        ids[key].order = order.body.id;
        ids[key].item = order.body.items[0].id;
      }
      // The registry links each customer user to its intake customer (through the tenancy API).
      const networkAdmin = await devToken(f.gateway, 'sub-network-admin');
      for (const key of ['a', 'b'] as const) {
        const user = await put(`/tenancy/users/u-cust-${key}`, {
          token: networkAdmin, institution: 'lab-a',
          body: { id: `u-cust-${key}`, issuer: ISSUER, subject: `sub-cust-${key}`, displayName: `Customer user ${key}`, memberships: [{ network: 'net-north', institution: 'lab-a', roles: ['customer'], customerId: ids[key].customer }] },
        });
        expect(user.status).toBe(200);
      }
      customerA = await devToken(f.gateway, 'sub-cust-a');
    });

    it('issue 9 the gateway forwards the customer id the registry links to the user', async () => {
      const me = await get('/identity/me', { token: customerA });
      expect(me.body).toMatchObject({ user: 'u-cust-a', institution: 'lab-a', roles: ['customer'], customerId: ids.a.customer });
    });

    it('R-7.3.1 lists only the caller\'s own work orders and contracts, whatever filter it sends', async () => {
      const orders = await get('/api/intake/work-orders', { token: customerA });
      expect(orders.status).toBe(200);
      const orderIds = orders.body.items.map((o: { id: string }) => o.id);
      expect(orderIds).toContain(ids.a.order);
      expect(orderIds).not.toContain(ids.b.order);
      expect(orders.body.items.every((o: { customerId: string }) => o.customerId === ids.a.customer)).toBe(true);
      const asked = await get(`/api/intake/work-orders?customerId=${ids.b.customer}`, { token: customerA });
      expect(asked.body.items).toEqual([]);
      const contracts = await get('/api/intake/contracts', { token: customerA });
      expect(contracts.status).toBe(200);
      expect(contracts.body.items.map((c: { id: string }) => c.id)).toEqual([ids.a.contract]);
      expect(JSON.stringify(contracts.body)).not.toContain(ids.b.customer);
    });

    it('R-7.3.1 another customer\'s order, item and contract answer 404, exactly like ids that do not exist', async () => {
      expect((await get(`/api/intake/work-orders/${ids.a.order}`, { token: customerA })).status).toBe(200);
      expect((await get(`/api/intake/items/${ids.a.item}/status`, { token: customerA })).status).toBe(200);
      expect((await get(`/api/intake/contracts/${ids.a.contract}`, { token: customerA })).status).toBe(200);
      for (const path of [`work-orders/${ids.b.order}`, `items/${ids.b.item}/status`, `contracts/${ids.b.contract}`, `contracts/${ids.b.contract}/tracking`, `contracts/${ids.b.contract}/versions/1`]) {
        const answer = await get(`/api/intake/${path}`, { token: customerA });
        expect([path, answer.status]).toEqual([path, 404]);
        expect(JSON.stringify(answer.body)).not.toContain(ids.b.customer);
      }
      // Staff of the institution still see both customers.
      const staff = await get('/api/intake/work-orders', { token: token('intake-clerk') });
      expect(staff.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([ids.a.order, ids.b.order]));
    });

    it('R-7.3.1 the database itself narrows a customer transaction, not only the controllers', async () => {
      const client = new Client({ connectionString: f.platform.database.url });
      await client.connect();
      try {
        await client.query('begin');
        await client.query(`select set_config('calchain.tenant', 'lab-a', true), set_config('calchain.customer', $1, true)`, [ids.a.customer]);
        const orders = (await client.query(`select customer_id from intake.work_order`)).rows.map((r) => r.customer_id);
        const items = (await client.query(`select i.id from intake.work_order_item i where i.id = any($1::uuid[])`, [[ids.a.item, ids.b.item]])).rows.map((r) => r.id);
        const contracts = (await client.query(`select customer_id::text as c from intake.contract`)).rows.map((r) => r.c);
        const customers = (await client.query(`select id::text as id from intake.customer`)).rows.map((r) => r.id);
        await client.query('commit');
        expect(new Set(orders)).toEqual(new Set([ids.a.customer]));
        expect(items).toEqual([ids.a.item]);
        expect(new Set(contracts)).toEqual(new Set([ids.a.customer]));
        expect(customers).toEqual([ids.a.customer]);
      } finally {
        await client.end();
      }
    });

    it('a customer token without a linked customer sees no orders at all, and a customer never writes', async () => {
      const unlinked = await get('/api/intake/work-orders', { token: token('customer') });
      expect(unlinked.status).toBe(200);
      expect(unlinked.body.items).toEqual([]);
      const write = await post('/api/intake/work-orders', { token: customerA, body: { customerId: ids.a.customer, placeOfWork: 'lab', dueDate: labDay(30), items: [] } });
      expect([write.status, write.headers.get('x-calchain-refused-by')]).toEqual([403, 'gateway']);
      expect((await get('/api/intake/customers', { token: customerA })).status).toBe(403);
    });
  });

  describe('regulator summaries (capability 4): read-only, within jurisdiction, audit-logged, no personal data', () => {
    const summaries = ['/api/quality/regulator/personnel-counts', '/api/quality/regulator/complaint-statistics', '/api/equipment/regulator/equipment-counts', '/api/records/regulator/chain-checkpoints'];

    beforeAll(async () => {
      const manager = token('technical-manager');
      // A complaint whose complainant asked for confidentiality.
      const complaint = await post('/api/quality/complaints', {
        token: token('quality-supervisor'),
        body: { channel: 'phone', category: 'certificate', subject: 'Wrong serial number', description: `Caller ${PERSONAL.complainantName} reports a typo`, confidential: true, complainant: { name: PERSONAL.complainantName, contact: PERSONAL.complainantPhone } },
      });
      expect(complaint.status).toBe(201);
      // A person authorised as calibrator for one item.
      const person = await post('/api/quality/persons', { token: manager, body: { fullName: PERSONAL.personName, birthDate: '1980-01-01', nationalId: PERSONAL.nationalId, title: 'engineer' } });
      expect(person.status).toBe(201);
      const id = person.body.id;
      expect((await post(`/api/quality/persons/${id}/employments`, { token: manager, body: { employmentType: 'employee', onSite: true, startedOn: labDay(-100) } })).status).toBe(201);
      for (const kind of ['training', 'examination']) {
        const done = await post(`/api/quality/persons/${id}/competence`, { token: manager, body: { kind, itemCode: 'L-GB', title: `${kind} L-GB`, completedOn: labDay(-10), result: kind === 'training' ? 'attended' : 'passed' } });
        expect(done.status).toBe(201);
      }
      const grant = await post(`/api/quality/persons/${id}/authorisations`, { token: manager, body: { itemCode: 'L-GB', role: 'calibrator', validFrom: labDay(), validUntil: labDay(365) } });
      expect(grant.status).toBe(201);
      // Equipment that needs calibration and never had one: overdue.
      const equipment = await post('/api/equipment/equipment', {
        token: token('standard-responsible'),
        body: { assetNumber: `EQ-${Date.now()}`, name: 'Comparator', kind: 'instrument', equipmentType: 'comparator', location: 'Room 1', ownerSection: 'length', calibrationRequired: true, calibrationIntervalMonths: 12 },
      });
      expect(equipment.status).toBe(201);
      // Records opens a journal for each work order (via Kafka); then a checkpoint is taken.
      const order = await post('/api/intake/work-orders', {
        token: token('intake-clerk'),
        body: { customerId: 'cust-chain', placeOfWork: 'lab', dueDate: labDay(30), items: [{ description: 'Gauge', serialNumber: 'S-1', serviceKind: 'calibration', methodCode: 'JJG 146-2011' }] },
      });
      expect(order.status).toBe(201);
      await waitUntil(async () => (await get('/api/records/chain/verification', { token: token('quality-supervisor') })).body.entries, (entries) => entries > 0, { timeoutMs: 90_000, what: 'records journal entries' });
      expect((await post('/api/records/chain/checkpoints', { token: token('quality-supervisor') })).status).toBe(201);
    });

    it('issue 9 a regulator reads every summary of an institution in its jurisdiction, with counts and hashes only', async () => {
      const regulator = token('regulator');
      const [personnel, complaints, equipment, chain] = await Promise.all(summaries.map((path) => get(path, { token: regulator, institution: 'lab-a' })));
      for (const answer of [personnel, complaints, equipment, chain]) expect(answer.status).toBe(200);
      expect(personnel.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ itemCode: 'L-GB', authorisedPersons: 1, byRole: { calibrator: 1 } })]));
      expect(complaints.body).toMatchObject({ received: expect.any(Number), timeLimitBreached: expect.any(Number) });
      expect(complaints.body.byStatus).toEqual(expect.arrayContaining([{ key: 'received', count: expect.any(Number) }]));
      expect(complaints.body.byCategory).toEqual(expect.arrayContaining([{ key: 'certificate', count: expect.any(Number) }]));
      expect(complaints.body.byMonth).toEqual(expect.arrayContaining([{ key: labDay().slice(0, 7), count: expect.any(Number) }]));
      expect(equipment.body).toMatchObject({ overdue: expect.any(Number), due: expect.any(Number), suspended: expect.any(Number) });
      expect(equipment.body.overdue).toBeGreaterThanOrEqual(1);
      expect(chain.body.checkpoints.length).toBeGreaterThanOrEqual(1);
      expect(chain.body.checkpoints[0]).toMatchObject({ headHash: expect.stringMatching(/^[0-9a-f]{64}$/), merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(chain.body.latestVerification).toMatchObject({ intact: true, firstBroken: null });
      // no name, phone, national ID or person id anywhere in what the regulator gets.
      const text = JSON.stringify([personnel.body, complaints.body, equipment.body, chain.body]);
      for (const secret of [...Object.values(PERSONAL), 'Wang', 'Zhao']) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"(personId|fullName|complainant|nationalId|subject|description)"/);
    });

    it('refuses a regulator outside its jurisdiction, refuses every write, and audit-logs each call', async () => {
      const regulator = token('regulator');
      await new Promise((r) => setTimeout(r, 500));
      const before = Number((await f.platform.database.query<{ n: string }>(`select coalesce(max(id), 0) as n from gateway.regulator_access_log`))[0]!.n);
      for (const path of summaries) {
        const outside = await get(path, { token: regulator, institution: 'lab-b' });
        expect([path, outside.status, outside.headers.get('x-calchain-refused-by')]).toEqual([path, 403, 'gateway']);
        const inside = await get(path, { token: regulator, institution: 'lab-a' });
        expect([path, inside.status]).toEqual([path, 200]);
        const write = await post(path, { token: regulator, institution: 'lab-a', body: {} });
        expect([path, write.status, write.body.errors?.[0]?.rule]).toEqual([path, 403, 'regulator-read-only']);
      }
      await waitUntil(async () => (await f.platform.database.query(`select id from gateway.regulator_access_log where id > $1`, [before])).length, (n) => n >= summaries.length * 3, { timeoutMs: 10_000 });
      const rows = await f.platform.database.query<{ institution: string; method: string; path: string; status: number }>(
        `select institution, method, path, status from gateway.regulator_access_log where id > $1 and user_id = $2 order by id`,
        [before, roleUser('regulator')],
      );
      for (const path of summaries) {
        expect(rows).toEqual(expect.arrayContaining([
          { institution: 'lab-b', method: 'GET', path, status: 403 },
          { institution: 'lab-a', method: 'GET', path, status: 200 },
          { institution: 'lab-a', method: 'POST', path, status: 403 },
        ]));
      }
    });

    it('institution staff without oversight roles are refused the summaries; quality staff read them', async () => {
      for (const path of summaries) {
        expect([path, (await get(path, { token: token('calibrator') })).status]).toEqual([path, 403]);
        expect([path, (await get(path, { token: token('quality-supervisor') })).status]).toEqual([path, 200]);
      }
    });
  });

  describe('public complaint form (capability 5; R-8.3.1, R-8.3.2, R-8.3.3)', () => {
    const form = (over: Record<string, unknown> = {}) => ({
      category: 'time-limit', subject: 'Late certificate', description: 'My gauge has been at the lab for six weeks.', confidential: true,
      complainant: { name: PERSONAL.publicName, contact: PERSONAL.publicContact }, ...over,
    });
    const count = async () => Number((await f.platform.database.queryAsTenant<{ n: string }>('lab-a', `select count(*) as n from quality.complaint`))[0]!.n);

    it('R-8.3.1 files a complaint without a token and answers with the reference number and the time limit; the complainant is stored encrypted', async () => {
      const answer = await postFrom('127.0.0.11', '/public/institutions/lab-a/complaints', form());
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ reference: expect.stringMatching(/^CMP/), receivedAt: expect.any(String), handlingDays: expect.any(Number), respondBy: expect.any(String), requirement: 'R-8.3.2' });
      const [row] = await f.platform.database.queryAsTenant<{ channel: string; registered_by: string; complainant_cipher: string; confidential: boolean }>(
        'lab-a', `select channel, registered_by, complainant_cipher, confidential from quality.complaint where number = $1`, [answer.body.reference],
      );
      expect(row).toMatchObject({ channel: 'web-form', registered_by: 'public:web-form', confidential: true });
      expect(row!.complainant_cipher).toMatch(/^v1\./);
      expect(row!.complainant_cipher).not.toContain(PERSONAL.publicName);
      // The overseer sees that a confidential complaint came in, but not who filed it.
      const listed = await get('/api/quality/complaints', { token: token('quality-supervisor') });
      expect(JSON.stringify(listed.body)).toContain(answer.body.reference);
      expect(JSON.stringify(listed.body)).not.toContain(PERSONAL.publicName);
    });

    it('R-8.3.3 nothing personal reaches events or the services\' logs', async () => {
      await waitUntil(async () => (await f.platform.database.query(`select 1 from quality.outbox_message where type = 'quality.complaint.registered'`)).length, (n) => n > 0, { timeoutMs: 10_000 });
      const events = JSON.stringify(await f.platform.database.query(`select envelope from quality.outbox_message`));
      const logDir = readdirSync(join(repoRoot, '.local', 'test-logs')).filter((d) => d.startsWith(`${LABEL}-`)).map((d) => join(repoRoot, '.local', 'test-logs', d));
      const logs = logDir.flatMap((d) => readdirSync(d).map((file) => readFileSync(join(d, file), 'utf8'))).join('\n');
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of [PERSONAL.publicName, PERSONAL.publicContact, PERSONAL.complainantName, PERSONAL.complainantPhone, PERSONAL.nationalId]) {
        expect(events).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    });

    it('R-8.3.1 validates strictly: problem+json naming field, rule and requirement, and files nothing', async () => {
      const before = await count();
      const cases: [unknown, string][] = [
        [form({ complainant: undefined }), 'complainant'],
        [form({ category: 'Mr Wang was rude' }), 'category'],
        [form({ channel: 'phone' }), '(body)'],
        [form({ complainant: { name: 'A', contact: 'a@example.org', nationalId: 'x' } }), 'complainant'],
        [form({ description: '' }), 'description'],
      ];
      for (const [body, field] of cases) {
        const answer = await postFrom('127.0.0.12', '/public/institutions/lab-a/complaints', body);
        expect([field, answer.status, answer.headers['content-type']]).toEqual([field, 400, expect.stringMatching(/problem\+json/)]);
        expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field === '(body)' ? '' : field), requirement: 'R-8.3.1' })]));
      }
      const notJson = await postFrom('127.0.0.17', '/public/institutions/lab-a/complaints', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
      expect([415, 400]).toContain(notJson.status);
      expect(await count()).toBe(before);
    });

    it('answers an unknown institution with 404 and a malformed one with 400, before anything reaches quality', async () => {
      expect((await postFrom('127.0.0.13', '/public/institutions/lab-zz/complaints', form())).status).toBe(404);
      const bad = await postFrom('127.0.0.13', '/public/institutions/LAB!/complaints', form());
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'institution', rule: 'format', requirement: 'R-8.3.1' });
    });

    it('honours an idempotency key under concurrent retries: one complaint, one reference; another body with the key is refused', async () => {
      const before = await count();
      const key = `complaint-${Date.now()}`;
      const answers = await Promise.all(Array.from({ length: 4 }, () => postFrom('127.0.0.14', '/public/institutions/lab-a/complaints', form({ subject: 'Retried' }), { 'idempotency-key': key })));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.reference)).size).toBe(1);
      expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
      expect(await count()).toBe(before + 1);
      const other = await postFrom('127.0.0.14', '/public/institutions/lab-a/complaints', form({ subject: 'Something else' }), { 'idempotency-key': key });
      expect(other.status).toBe(422);
      expect(await count()).toBe(before + 1);
    });

    it('rate-limits the form per client far more strictly than public reads: 429 with Retry-After', async () => {
      const answers = await Promise.all(Array.from({ length: 12 }, () => postFrom('127.0.0.15', '/public/institutions/lab-a/complaints', form({ category: 'nonsense' }))));
      const limited = answers.filter((a) => a.status === 429);
      expect(answers.filter((a) => a.status === 400).length).toBeLessThanOrEqual(5);
      expect(limited.length).toBeGreaterThanOrEqual(7);
      expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited[0]!.headers['content-type']).toMatch(/problem\+json/);
      // Another client is not affected.
      expect((await postFrom('127.0.0.16', '/public/institutions/lab-a/complaints', form({ category: 'nonsense' }))).status).toBe(400);
    });

    it('the quality intake behind the form is not reachable around the gateway\'s form', async () => {
      const viaApi = await post('/api/quality/web-form/complaints', { token: token('administrator'), body: form() });
      expect([viaApi.status, viaApi.headers.get('x-calchain-refused-by')]).toEqual([404, 'gateway']);
      const direct = await fetch(`${f.platform.service('quality').url}/web-form/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form()) });
      expect(direct.status).toBe(401);
      expect((await call(f.gateway, 'POST', '/api/quality/public/web-form/complaints', { body: form() })).status).toBe(404);
    });

    it('the aggregated OpenAPI document lists the form without security, and customers among the readers of work orders', async () => {
      const answer = await get('/openapi.json');
      expect(answer.body.paths['/public/institutions/{institution}/complaints'].post).toMatchObject({ security: [] });
      expect(answer.body.paths['/api/intake/work-orders'].get['x-calchain-roles']).toContain('customer');
      expect(answer.body.paths['/api/intake/work-orders'].post['x-calchain-roles']).not.toContain('customer');
    });
  });
});
