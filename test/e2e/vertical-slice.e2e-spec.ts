import { waitUntil } from '@calchain/platform/testing';
import { LocalPlatform } from '@calchain/platform/testing';

/**
 * The thin vertical slice through real Kafka (issue: platform foundation): a work order created
 * through the gateway becomes pending raw records, readable through the gateway.
 */
describe('vertical slice: gateway → intake → Kafka → records → gateway', () => {
  let platform: LocalPlatform;
  let gateway: string;

  beforeAll(async () => {
    platform = await LocalPlatform.start('slice', ['intake', 'records', 'equipment', 'gateway']);
    gateway = platform.service('gateway').url;
  });

  afterAll(() => platform?.stop());

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
    const json: any = await response.json();
    return { status: response.status, type: response.headers.get("content-type"), body: json };
  };

  const order = {
    customerId: 'customer-42',
    placeOfWork: 'lab',
    dueDate: '2026-12-20',
    items: [
      { description: 'Gauge block 50 mm', serialNumber: 'GB-50', serviceKind: 'calibration', methodCode: 'JJG 146-2011' },
      { description: 'Balance 220 g', serialNumber: null, serviceKind: 'verification', methodCode: 'JJG 1036-2022' },
    ],
  };

  it('R-6.1.1 / R-6.3.1 creates a work order and the records service opens one pending record per item', async () => {
    const clerk = await platform.token('lab-east', ['intake-clerk']);
    const calibrator = await platform.token('lab-east', ['calibrator']);

    const created = await call('POST', '/api/intake/work-orders', clerk, order);
    expect(created.status).toBe(201);
    expect(created.body.orderNumber).toMatch(/^WO-\d{4}-000001$/);

    const records = await waitUntil(
      async () => (await call('GET', `/api/records/raw-records?workOrderId=${created.body.id}`, calibrator)).body,
      (body) => Array.isArray(body) && body.length === 2,
      { what: 'two pending records' },
    );
    expect(records.map((r: { itemId: string }) => r.itemId).sort()).toEqual(created.body.items.map((i: { id: string }) => i.id).sort());
    expect(records.every((r: { status: string; tenantId: string }) => r.status === 'pending' && r.tenantId === 'lab-east')).toBe(true);

    const one = await call('GET', `/api/records/raw-records/${records[0].id}`, calibrator);
    expect(one.status).toBe(200);
    expect(one.body.orderNumber).toBe(created.body.orderNumber);

    const fetched = await call('GET', `/api/intake/work-orders/${created.body.id}`, clerk);
    expect(fetched.body.items).toHaveLength(2);
  });

  it('R-4.1.1 keeps each institution to its own data', async () => {
    const clerk = await platform.token('lab-east', ['intake-clerk']);
    const created = await call('POST', '/api/intake/work-orders', clerk, order);
    const outsider = await platform.token('lab-west', ['calibrator']);
    expect((await call('GET', `/api/intake/work-orders/${created.body.id}`, outsider)).status).toBe(404);
    const list = await call('GET', `/api/records/raw-records?workOrderId=${created.body.id}`, outsider);
    expect(list.body).toEqual([]);
  });

  it('answers bad input with problem+json naming the field and the rule, and changes nothing', async () => {
    const clerk = await platform.token('lab-north', ['intake-clerk']);
    const bad = await call('POST', '/api/intake/work-orders', clerk, { ...order, items: [], placeOfWork: 'moon' });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['items', 'placeOfWork']));
    expect(bad.body.errors.every((e: { rule: string }) => e.rule.length > 0)).toBe(true);
    const count = async () =>
      (await platform.database.queryAsTenant<{ n: number }>('lab-north', `select count(*)::int as n from intake.work_order`))[0].n;
    expect(await count()).toBe(0);
    // The same count does see a valid order, so the zero above is not an artefact of the query.
    expect((await call('POST', '/api/intake/work-orders', clerk, order)).status).toBe(201);
    expect(await count()).toBe(1);
  });

  it('refuses callers without a valid token or without the role', async () => {
    expect((await call('POST', '/api/intake/work-orders', undefined, order)).status).toBe(401);
    expect((await call('POST', '/api/intake/work-orders', 'forged.token.value', order)).status).toBe(401);
    const calibrator = await platform.token('lab-east', ['calibrator']);
    const forbidden = await call('POST', '/api/intake/work-orders', calibrator, order);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toMatch(/intake-clerk/);
  });

  it('R-4.4 passes a service\'s public routes through without a token, and only those', async () => {
    const disclosure = await call('GET', '/api/equipment/public/lab-east/measurement-standards');
    expect(disclosure.status).toBe(200);
    expect(disclosure.body).toEqual(expect.anything());
    expect((await call('GET', '/api/equipment/equipment')).status).toBe(401);
  });
});
