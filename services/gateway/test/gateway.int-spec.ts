import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { Role, Roles } from '@calchain/contracts';
import { signAccessToken } from '@calchain/platform';
import { repoRoot } from '@calchain/platform/testing';
import { permissionMatrix } from '../src/authorization/permission-matrix';
import { mintDevToken } from '../src/identity/dev-issuer';
import { ServiceRoleRule, ServiceRoles } from '../src/openapi/service-roles';
import { AUDIENCE, call, devToken, GatewayFixture, ISSUER, MAX_BODY, PUBLIC_LIMIT, roleUser, startGateway } from './gateway-fixture';

/**
 * The gateway against real Redis, PostgreSQL and the services behind it (issue 9): identity,
 * tenancy, the full permission matrix, regulator read-only, public endpoints, protection.
 */
describe('gateway', () => {
  let f: GatewayFixture;
  const tokens = new Map<string, string>();
  const token = (role: Role) => tokens.get(role)!;
  const get = (path: string, options: Parameters<typeof call>[3] = {}) => call(f.gateway, 'GET', path, options);
  const post = (path: string, options: Parameters<typeof call>[3] = {}) => call(f.gateway, 'POST', path, options);

  const order = (customerId: string) => ({
    customerId,
    placeOfWork: 'lab',
    dueDate: '2026-12-20',
    items: [{ description: 'Gauge block 50 mm', serialNumber: 'GB-50', serviceKind: 'calibration', methodCode: 'JJG 146-2011' }],
  });

  beforeAll(async () => {
    f = await startGateway('gateway');
    for (const role of Roles) tokens.set(role, await devToken(f.gateway, `sub-${role}`));
  });

  afterAll(async () => {
    if (f) rmSync(f.dir, { recursive: true, force: true });
    await f?.platform.stop();
  });

  describe('identity', () => {
    it('R-4.1.1 a development-issuer token for a seeded user reaches the service as that user in that institution', async () => {
      const created = await post('/api/intake/work-orders', { token: token('intake-clerk'), body: order('cust-identity') });
      expect(created.status).toBe(201);
      const rows = await f.platform.database.queryAsTenant<{ tenant_id: string }>('lab-a', `select tenant_id from intake.work_order where id = $1`, [created.body.id]);
      expect(rows).toEqual([{ tenant_id: 'lab-a' }]);
      expect(await f.platform.database.queryAsTenant('lab-b', `select id from intake.work_order where id = $1`, [created.body.id])).toEqual([]);
    });

    it('R-4.1.1 /identity/me shows the identity the gateway forwards: user and display name, institution and its name, site, network, roles', async () => {
      const me = await get('/identity/me', { token: token('calibrator') });
      expect(me.body).toEqual({
        user: 'u-calibrator', displayName: 'calibrator', institution: 'lab-a', institutionName: 'North Metrology Institute', network: 'net-north', site: 'a-main',
        roles: ['calibrator'], via: 'oidc', issuer: ISSUER,
      });
    });

    it('refuses expired, wrongly signed, wrong-audience, wrong-issuer and unsigned tokens with 401', async () => {
      const { privateKey: stranger } = await generateKeyPair('ES256');
      const now = Math.floor(Date.now() / 1000);
      const forged = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: f.key.kid }).setSubject('sub-administrator')
        .setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt(now).setExpirationTime(now + 600).sign(stranger);
      const bad = {
        expired: await mintDevToken(f.key, { subject: 'sub-administrator', issuer: ISSUER, audience: AUDIENCE, ttlSeconds: -60 }),
        forged,
        wrongAudience: await mintDevToken(f.key, { subject: 'sub-administrator', issuer: ISSUER, audience: 'someone-else' }),
        wrongIssuer: await mintDevToken(f.key, { subject: 'sub-administrator', issuer: 'evil-issuer', audience: AUDIENCE }),
        unsigned: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"sub-administrator"}').toString('base64url')}.`,
        platformWithWrongSecret: await signAccessToken({ subject: 'x', tenant: 'lab-a', roles: ['administrator'] }, { secret: 'w'.repeat(40), issuer: 'calchain-local', audience: 'calchain' }),
      };
      for (const [what, value] of Object.entries(bad)) {
        const answer = await get('/api/intake/work-orders', { token: value });
        expect({ what, status: answer.status, refusedBy: answer.headers.get('x-calchain-refused-by') }).toEqual({ what, status: 401, refusedBy: 'gateway' });
      }
      expect((await get('/api/intake/work-orders')).status).toBe(401);
    });

    it('refuses a valid token of a person the registry does not know (403)', async () => {
      const stranger = await mintDevToken(f.key, { subject: 'sub-nobody', issuer: ISSUER, audience: AUDIENCE });
      const answer = await get('/api/intake/work-orders', { token: stranger });
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0]).toMatchObject({ field: 'sub', requirement: 'R-4.1.1' });
      expect((await post('/dev-issuer/tokens', { body: { subject: 'sub-nobody' } })).status).toBe(422);
    });

    it('R-4.1.1 a request cannot choose its own tenant: naming another institution is refused', async () => {
      const answer = await get('/api/intake/work-orders', { token: token('intake-clerk'), institution: 'lab-b' });
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0]).toMatchObject({ field: 'x-calchain-institution', rule: 'membership' });
      const platformToken = await f.platform.token('lab-a', ['intake-clerk']);
      expect((await get('/api/intake/work-orders', { token: platformToken, institution: 'lab-b' })).status).toBe(403);
    });

    it('R-4.1.1 a network-level member names one institution of its network, and only those', async () => {
      const admin = await devToken(f.gateway, 'sub-network-admin');
      const unnamed = await get('/api/intake/work-orders', { token: admin });
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.errors[0]).toMatchObject({ field: 'x-calchain-institution', rule: 'required' });
      const inB = await post('/api/intake/work-orders', { token: admin, institution: 'lab-b', body: order('cust-network') });
      expect(inB.status).toBe(201);
      expect((await get(`/api/intake/work-orders/${inB.body.id}`, { token: admin, institution: 'lab-b' })).status).toBe(200);
      expect((await get('/api/intake/work-orders', { token: admin, institution: 'lab-c' })).status).toBe(403);
    });

    it('R-4.1.1 cross-tenant reads are refused and nothing leaks by id', async () => {
      const created = await post('/api/intake/work-orders', { token: token('intake-clerk'), body: order('cust-secret-a') });
      const clerkB = await devToken(f.gateway, 'sub-clerk-b');
      const byId = await get(`/api/intake/work-orders/${created.body.id}`, { token: clerkB });
      expect(byId.status).toBe(404);
      const list = await get('/api/intake/work-orders', { token: clerkB });
      expect(JSON.stringify(list.body)).not.toContain('cust-secret-a');
      expect(JSON.stringify(list.body)).not.toContain(created.body.id);
    });
  });

  describe('tenancy registry API (R-4.1.1)', () => {
    const lab = (id: string) => ({
      id, name: `Lab ${id}`, legalStatus: 'legal-entity', responsiblePersons: [{ name: 'N. N.', function: 'director' }],
      sites: [{ id: `${id}-s1`, name: 'Main', address: 'Road 1' }],
    });

    it('a network administrator adds an institution with its site to its own network, then a member who can sign in', async () => {
      const admin = await devToken(f.gateway, 'sub-network-admin');
      const put = await call(f.gateway, 'PUT', '/tenancy/institutions/lab-d', { token: admin, institution: 'lab-a', body: lab('lab-d') });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ id: 'lab-d', network: 'net-north', sites: [{ id: 'lab-d-s1' }] });
      const user = await call(f.gateway, 'PUT', '/tenancy/users/u-clerk-d', {
        token: admin, institution: 'lab-a',
        body: { id: 'u-clerk-d', issuer: ISSUER, subject: 'sub-clerk-d', displayName: 'Clerk D', memberships: [{ network: 'net-north', institution: 'lab-d', site: 'lab-d-s1', roles: ['intake-clerk'] }] },
      });
      expect(user.status).toBe(200);
      const me = await get('/identity/me', { token: await devToken(f.gateway, 'sub-clerk-d') });
      expect(me.body).toMatchObject({ institution: 'lab-d', site: 'lab-d-s1', network: 'net-north', roles: ['intake-clerk'] });
    });

    it('names the field and the clause when an institution lacks what R-4.1.1 asks, and changes nothing', async () => {
      const admin = await devToken(f.gateway, 'sub-network-admin');
      const bad = await call(f.gateway, 'PUT', '/tenancy/institutions/lab-e', {
        token: admin, institution: 'lab-a', body: { ...lab('lab-e'), legalStatus: 'authorised-by-legal-entity', responsiblePersons: [] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['authorisingEntity', 'responsiblePersons']);
      expect(await f.platform.database.query(`select id from gateway.institution where id = 'lab-e'`)).toEqual([]);
    });

    it('refuses other networks, non-administrators, regulators and made-up memberships', async () => {
      const admin = await devToken(f.gateway, 'sub-network-admin');
      expect((await call(f.gateway, 'PUT', '/tenancy/institutions/lab-c', { token: admin, institution: 'lab-a', body: lab('lab-c') })).status).toBe(403);
      expect((await call(f.gateway, 'PUT', '/tenancy/institutions/lab-f', { token: token('technical-manager'), body: lab('lab-f') })).status).toBe(403);
      const intoSouth = await call(f.gateway, 'PUT', '/tenancy/users/u-x', {
        token: admin, institution: 'lab-a',
        body: { id: 'u-x', issuer: ISSUER, subject: 'sub-x', displayName: 'X', memberships: [{ network: 'net-north', institution: 'lab-c', roles: ['administrator'] }] },
      });
      expect([intoSouth.status, intoSouth.body.errors[0].field]).toEqual([403, 'memberships.0.institution']);
      const makeRegulator = await call(f.gateway, 'PUT', '/tenancy/users/u-x', {
        token: admin, institution: 'lab-a',
        body: { id: 'u-x', issuer: ISSUER, subject: 'sub-x', displayName: 'X', memberships: [{ network: 'net-north', institution: 'lab-a', roles: ['regulator'] }] },
      });
      expect(makeRegulator.status).toBe(403);
      const rewriteRegulator = await call(f.gateway, 'PUT', `/tenancy/users/${roleUser('regulator')}`, {
        token: admin, institution: 'lab-a',
        body: { id: roleUser('regulator'), issuer: ISSUER, subject: 'sub-regulator', displayName: 'R', memberships: [{ network: 'net-north', institution: 'lab-a', roles: ['administrator'] }] },
      });
      expect(rewriteRegulator.status).toBe(403);
      expect(await f.platform.database.query(`select id from gateway.app_user where id = 'u-x'`)).toEqual([]);
      expect((await get('/tenancy/institutions/lab-b', { token: token('intake-clerk') })).status).toBe(404);
      expect((await get('/tenancy/institutions/lab-a', { token: token('intake-clerk') })).status).toBe(200);
    });
  });

  describe('permission matrix: every route × every role × read and write', () => {
    const concrete = (path: string) => path.replace(/:[^/]+/g, 'x');

    it('refuses at the gateway exactly the (route, role, access) triples the matrix does not list, and forwards the rest with a token the service accepts', async () => {
      const cases = permissionMatrix.flatMap((rule) =>
        Roles.flatMap((role) => (['GET', 'POST'] as const).map((method) => ({ rule, role, method }))),
      );
      const mismatches: string[] = [];
      for (let i = 0; i < cases.length; i += 24) {
        await Promise.all(
          cases.slice(i, i + 24).map(async ({ rule, role, method }) => {
            const answer = await call(f.gateway, method, `/api/${rule.service}/${concrete(rule.path)}`, {
              token: token(role), institution: 'lab-a', body: method === 'POST' ? {} : undefined,
            });
            const allowed = (method === 'GET' ? rule.read : rule.write).includes(role);
            const refused = answer.headers.get('x-calchain-refused-by') === 'gateway';
            // Allowed requests arrive at the service with the gateway's token: the service never answers 401.
            if (allowed === refused || (allowed && answer.status === 401) || (refused && answer.status !== 403)) {
              mismatches.push(`${method} /api/${rule.service}/${rule.path} as ${role}: ${answer.status} refused=${refused} expected allowed=${allowed}`);
            }
          }),
        );
      }
      expect(mismatches).toEqual([]);
      expect(cases.length).toBe(permissionMatrix.length * Roles.length * 2);
    });

    it.each(['PUT', 'PATCH', 'DELETE'])('treats %s as a write, like POST', async (method) => {
      const denied = await call(f.gateway, method, '/api/intake/calendar/2026-12-24', { token: token('calibrator'), body: {} });
      expect(denied.status).toBe(403);
      const allowed = await call(f.gateway, method, '/api/intake/calendar/2026-12-24', { token: token('administrator'), body: {} });
      expect(allowed.headers.get('x-calchain-refused-by')).toBeNull();
    });

    it('judges the path the service will get: encoded dot segments cannot slip past the matrix or the public prefix', async () => {
      const raw = (path: string, token?: string) =>
        new Promise<number>((resolve, reject) => {
          const url = new URL(f.gateway);
          request({ host: url.hostname, port: url.port, path, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          }).on('error', reject).end();
        });
      expect(await raw('/api/quality/documents/%2e%2e/complaints', token('calibrator'))).toBe(403);
      expect(await raw('/api/quality/documents/%2e%2e/complaints', token('quality-supervisor'))).not.toBe(403);
      expect(await raw('/api/intake/public/%2e%2e/work-orders')).toBe(404);
      expect(await raw('/api/intake/%2e%2e/records/raw-records', token('administrator'))).toBe(400);
    });

    it('refuses a route the matrix does not list, for every role', async () => {
      for (const role of Roles) {
        const answer = await get('/api/intake/not-a-route', { token: token(role), institution: 'lab-a' });
        expect([role, answer.status, answer.headers.get('x-calchain-refused-by')]).toEqual([role, 404, 'gateway']);
      }
      expect((await get('/api/nowhere/things', { token: token('administrator') })).status).toBe(404);
    });
  });

  describe('regulator', () => {
    it('a regulator token is refused on every write of every route, whatever the method', async () => {
      const regulator = token('regulator');
      for (const rule of permissionMatrix) {
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
          const answer = await call(f.gateway, method, `/api/${rule.service}/${rule.path}`, { token: regulator, institution: 'lab-a', body: {} });
          expect([method, rule.path, answer.status, answer.body.errors?.[0]?.rule]).toEqual([method, rule.path, 403, 'regulator-read-only']);
        }
      }
    });

    it('the services refuse a regulator write themselves, so no route can forget it', async () => {
      const platformRegulator = await f.platform.token('lab-a', ['regulator', 'administrator']);
      const answer = await fetch(`${f.platform.service('intake').url}/work-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platformRegulator}`, 'content-type': 'application/json' },
        body: JSON.stringify(order('cust-regulator')),
      });
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { errors: { rule: string }[] }).errors[0]!.rule).toBe('regulator-read-only');
    });

    it('reads within jurisdiction only, and every regulator request (refusals too) is audit-logged', async () => {
      const regulator = token('regulator');
      await new Promise((r) => setTimeout(r, 500)); // earlier tests' log writes land first
      const before = (await f.platform.database.query<{ n: string }>(`select coalesce(max(id), 0) as n from gateway.regulator_access_log`))[0]!.n;
      const statistics = await get('/api/quality/complaints/statistics', { token: regulator, institution: 'lab-c' });
      expect(statistics.headers.get('x-calchain-refused-by')).toBeNull();
      expect((await get('/api/quality/complaints', { token: regulator, institution: 'lab-a' })).status).toBe(403);
      expect((await get('/api/intake/capability', { token: regulator, institution: 'lab-b' })).status).toBe(403);
      await new Promise((r) => setTimeout(r, 300));
      const rows = await f.platform.database.query<{ user_id: string; institution: string; method: string; path: string; status: number }>(
        `select user_id, institution, method, path, status from gateway.regulator_access_log where id > $1 order by id`,
        [Number(before)],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { user_id: roleUser('regulator'), institution: 'lab-c', method: 'GET', path: '/api/quality/complaints/statistics', status: statistics.status },
          { user_id: roleUser('regulator'), institution: 'lab-a', method: 'GET', path: '/api/quality/complaints', status: 403 },
          { user_id: roleUser('regulator'), institution: 'lab-b', method: 'GET', path: '/api/intake/capability', status: 403 },
        ]),
      );
      expect(rows).toHaveLength(3);
      const shown = await get('/tenancy/institutions/lab-c/regulator-access', { token: await devToken(f.gateway, 'sub-clerk-c') });
      expect(shown.status).toBe(403);
      const forA = await get('/tenancy/institutions/lab-a/regulator-access', { token: token('quality-supervisor') });
      expect(forA.status).toBe(200);
      expect(forA.body.every((r: { user: string }) => r.user === roleUser('regulator'))).toBe(true);
      expect(forA.body.map((r: { path: string }) => r.path)).toContain('/api/quality/complaints');
    });
  });

  describe('public endpoints', () => {
    it('R-4.4 R-6.2.1 R-8.3.1 disclose an institution without a token, composed from the services, with nothing confidential', async () => {
      const answer = await get('/public/institutions/lab-a/disclosure');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        institution: 'lab-a',
        legalStatus: 'legal-entity',
        responsiblePersons: [{ name: 'Dr. Ada Meyer', function: 'legal representative' }],
        serviceFlow: expect.stringContaining('certificate'),
        lastReviewedOn: '2026-10-01',
        reviewOverdue: false,
        sites: [{ name: 'Field unit', address: '2 Gauge Street' }, { name: 'Main laboratory', address: '1 Gauge Street' }],
      });
      expect(Object.keys(answer.body.sections).sort()).toEqual(['complaintPolicy', 'feeSchedule', 'measurementStandards', 'timeLimits']);
      expect(answer.body.sections.measurementStandards).toMatchObject({ requirement: 'R-4.4', available: true });
      const text = JSON.stringify(answer.body);
      for (const secret of ['sub-', 'u-intake-clerk', ISSUER, 'a-main', 'net-north']) expect(text).not.toContain(secret);
      const branch = await get('/public/institutions/lab-b/disclosure');
      expect(branch.body).toMatchObject({ legalStatus: 'authorised-by-legal-entity', authorisingEntity: 'North Metrology Group Ltd', reviewOverdue: true });
    });

    it('answers an unknown institution with 404 and a malformed id with 400 naming the field', async () => {
      expect((await get('/public/institutions/lab-zz/disclosure')).status).toBe(404);
      const bad = await get('/public/institutions/LAB%20A!/disclosure');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'institution', rule: 'format', requirement: 'R-4.4' });
    });

    it("passes a service's public routes through without a token and without forwarding one", async () => {
      const standards = await get('/api/equipment/public/lab-a/measurement-standards');
      expect(standards.status).toBe(200);
      const policy = await get('/api/quality/public/complaint-policy/lab-a');
      expect(policy.headers.get('x-calchain-refused-by')).toBeNull();
      expect([200, 404]).toContain(policy.status);
    });

    it('certificate verification names a missing or malformed field, and asks the certificates service otherwise', async () => {
      const missing = await get('/public/certificates/verify?number=C-1');
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0]).toMatchObject({ field: 'institution', rule: 'required' });
      const badHash = await get('/public/certificates/verify?institution=lab-a&number=C-1&hash=xyz');
      expect(badHash.body.errors[0]).toMatchObject({ field: 'hash', rule: 'format' });
      const direct = await fetch(`${f.platform.service('certificates').url}/public/certificates/lab-a/C-1`);
      const viaGateway = await get('/public/certificates/verify?institution=lab-a&number=C-1');
      expect(viaGateway.status).toBe(direct.status);
      const withHash = await get(`/public/certificates/verify?institution=lab-a&number=C-1&hash=${'a'.repeat(64)}`);
      expect(withHash.headers.get('content-type')).toMatch(/json/);
      expect(withHash.status).toBeLessThan(500);
    });
  });

  describe('protection', () => {
    it('rate-limits per client and route with 429 and Retry-After; other routes stay open', async () => {
      const answers = await Promise.all(Array.from({ length: PUBLIC_LIMIT * 2 + 10 }, () => get(`/public/certificates/verify?institution=lab-a&number=C-1&hash=${'a'.repeat(64)}`)));
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      for (const a of limited) {
        expect(Number(a.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(a.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        expect(a.headers.get('content-type')).toMatch(/problem\+json/);
      }
      expect((await get('/public/institutions/lab-a/disclosure')).status).toBe(200);
    });

    it('replays the first response to concurrent duplicates with one Idempotency-Key and creates one work order', async () => {
      const clerkC = await devToken(f.gateway, 'sub-clerk-c');
      const key = `order-${Date.now()}`;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => post('/api/intake/work-orders', { token: clerkC, body: order('cust-idem'), headers: { 'idempotency-key': key } })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
      const rows = await f.platform.database.queryAsTenant('lab-c', `select id from intake.work_order where customer_id = 'cust-idem'`);
      expect(rows).toHaveLength(1);
      const other = await post('/api/intake/work-orders', { token: clerkC, body: order('cust-other'), headers: { 'idempotency-key': key } });
      expect(other.status).toBe(422);
      expect(other.body.errors[0]).toMatchObject({ field: 'idempotency-key', rule: 'same-request' });
      const badKey = await post('/api/intake/work-orders', { token: clerkC, body: order('cust-idem'), headers: { 'idempotency-key': 'x' } });
      expect(badKey.status).toBe(400);
      expect(await f.platform.database.queryAsTenant('lab-c', `select id from intake.work_order where customer_id in ('cust-idem', 'cust-other')`)).toHaveLength(1);
    });

    it('refuses a body over the size limit with 413 before it reaches a service', async () => {
      const big = { ...order('cust-big'), note: 'x'.repeat(MAX_BODY) };
      const answer = await post('/api/intake/work-orders', { token: token('intake-clerk'), body: big });
      expect(answer.status).toBe(413);
      expect(await f.platform.database.queryAsTenant('lab-a', `select id from intake.work_order where customer_id = 'cust-big'`)).toEqual([]);
    });

    it('sends security headers, and CORS only for the configured origin', async () => {
      const answer = await fetch(`${f.gateway}/public/institutions/lab-a/disclosure`, { headers: { origin: 'https://portal.example' } });
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age/);
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(answer.headers.get('x-powered-by')).toBeNull();
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://portal.example');
      const foreign = await fetch(`${f.gateway}/api/intake/work-orders`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('serves one OpenAPI document for all services, each operation with the roles the matrix lets through', async () => {
      const answer = await get('/openapi.json');
      expect(answer.status).toBe(200);
      const intakePaths = Object.keys(answer.body.paths).filter((p) => p.startsWith('/api/intake/'));
      expect(intakePaths.length).toBeGreaterThan(0);
      expect(answer.body.paths['/api/intake/work-orders'].post['x-calchain-roles']).toEqual(['intake-clerk', 'technical-manager', 'administrator']);
      expect(answer.body.paths['/public/institutions/{institution}/disclosure']).toBeDefined();
    });
  });

  describe('the services’ own role rules, served to the console (GET /console-api/service-roles)', () => {
    const services = ['intake', 'records', 'certificates', 'equipment', 'quality'];
    let served: ServiceRoles;
    const ruleOf = (method: string, service: string, path: string) => served.rules.find((r) => r.method === method && r.service === service && r.path === path);
    const openApiPath = (rule: ServiceRoleRule) => `/api/${rule.service}/${rule.path.replace(/:([^/]+)/g, '{$1}')}`;

    beforeAll(async () => {
      const answer = await get('/console-api/service-roles');
      expect(answer.status).toBe(200);
      served = answer.body;
    });

    it('comes from the running services: signing is the signatory’s, approving a raw record the checker’s, and no service is missing', () => {
      expect(served.unavailable).toEqual([]);
      expect(ruleOf('POST', 'certificates', 'certificates/:id/sign')?.roles).toEqual(['authorised-signatory']);
      expect(ruleOf('POST', 'records', 'raw-records/:id/approve')?.roles).toEqual(['checker']);
      expect(new Set(served.rules.map((r) => r.service))).toEqual(new Set(services));
    });

    it('names only operations of the aggregated OpenAPI document, with their x-required-roles, and only known roles', async () => {
      const document = (await get('/openapi.json')).body;
      expect(document['x-calchain-services-without-document']).toEqual([]);
      const wrong: string[] = [];
      for (const rule of served.rules) {
        const operation = document.paths[openApiPath(rule)]?.[rule.method.toLowerCase()];
        if (!operation) wrong.push(`${rule.method} ${openApiPath(rule)}: not in /openapi.json`);
        else if (operation['x-required-roles'] && JSON.stringify(operation['x-required-roles']) !== JSON.stringify(rule.roles)) wrong.push(`${rule.method} ${openApiPath(rule)}: roles differ`);
        else if (!operation['x-required-roles'] && rule.roles.length !== Roles.length) wrong.push(`${rule.method} ${openApiPath(rule)}: open route served with some roles`);
        const unknown = rule.roles.filter((r) => !(Roles as readonly string[]).includes(r));
        if (unknown.length) wrong.push(`${rule.method} ${rule.service}/${rule.path}: unknown roles ${unknown.join(', ')}`);
      }
      expect(wrong).toEqual([]);
    });

    it('leaves out no handler with @RequireRoles: per service, as many narrowed routes as handler-level decorators in its sources', () => {
      const sources = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
        );
      for (const service of services) {
        const texts = sources(join(repoRoot, 'services', service, 'src')).map((file) => readFileSync(file, 'utf8'));
        const handlerLevel = texts.reduce((n, text) => n + (text.match(/^[ \t]+@RequireRoles\(/gm)?.length ?? 0), 0);
        const classLevel = texts.reduce((n, text) => n + (text.match(/^@RequireRoles\(/gm)?.length ?? 0), 0);
        // Open routes are listed (with every role) only when a narrowed pattern would take their path.
        const narrowed = served.rules.filter((r) => r.service === service && r.roles.length < Roles.length).length;
        expect(handlerLevel).toBeGreaterThan(0);
        // A class-level @RequireRoles narrows every handler of its class: then there are more routes than decorators.
        if (classLevel === 0) expect({ service, narrowed }).toEqual({ service, narrowed: handlerLevel });
        else expect(narrowed).toBeGreaterThanOrEqual(handlerLevel);
      }
    });

    it('is what the services enforce: each role the edge lets through is refused by the service exactly when the rule does not name it, and every rule has a role that gets through', async () => {
      const cases = served.rules.flatMap((rule) => Roles.map((role) => ({ rule, role })));
      const mismatches: string[] = [];
      const usable = new Set<ServiceRoleRule>();
      for (let i = 0; i < cases.length; i += 24) {
        await Promise.all(
          cases.slice(i, i + 24).map(async ({ rule, role }) => {
            const path = `/api/${rule.service}/${rule.path.replace(/:[^/]+/g, 'x')}`;
            const answer = await call(f.gateway, rule.method, path, { token: token(role), institution: 'lab-a', body: rule.method === 'GET' ? undefined : {} });
            if (answer.headers.get('x-calchain-refused-by') === 'gateway') return; // the edge's matrix: not this rule's business
            const refusedForRole = answer.status === 403 && /needs one of the roles/.test(answer.body?.detail ?? '');
            if (refusedForRole === rule.roles.includes(role)) {
              mismatches.push(`${rule.method} ${path} as ${role}: ${answer.status} ${answer.body?.detail ?? ''} (served roles: ${rule.roles.join(', ')})`);
            }
            if (!refusedForRole) usable.add(rule);
          }),
        );
      }
      expect(mismatches).toEqual([]);
      expect(served.rules.filter((r) => !usable.has(r)).map((r) => `${r.method} ${r.service}/${r.path}`)).toEqual([]);
    });
  });
});
