import { randomUUID } from 'node:crypto';
import { waitUntil } from '@calchain/platform/testing';
import {
  consent, equipmentPayload, grantPayload, IntakeHarness, itemBody, METHOD, methodPayload, newLabIds, seedCapableLab, seedInstitution, todayInShanghai,
} from './support/intake-harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON */

/**
 * Contract review against the capability read model (issue 4, capability 2,
 * ), on real PostgreSQL and Kafka: the read model is fed only by
 * equipment and quality events published to Kafka; intake runs as a real process.
 */
describe('contract review against the capability read model (real Kafka and PostgreSQL)', () => {
  let h: IntakeHarness;
  const today = todayInShanghai();

  beforeAll(async () => {
    h = await IntakeHarness.start('intake-review');
  });

  afterAll(() => h?.stop());

  const newContract = async (tenant: string, customerId: string, items: Record<string, unknown>[]) => {
    const clerk = await h.token(tenant, ['intake-clerk'], 'clerk-1');
    return h.call('POST', '/contracts', clerk, { customerId, writtenRequirements: 'Calibrate per quotation Q-7', oralRequirements: [{ summary: 'return by courier', receivedOn: today }], items });
  };
  const checksOf = (review: any, check: string) => review.checks.filter((c: any) => c.check === check);

  it('R-6.1.2 R-6.1.4 passes when scope, method, standard, staff and decision rule all hold, and stores an immutable record', async () => {
    const tenant = 'lab-pass';
    await seedCapableLab(h, tenant);
    const { customerId } = await seedInstitution(h, tenant);
    const created = await newContract(tenant, customerId, [
      itemBody({ conformityStatement: true, decisionRule: { rule: 'guarded', guardBand: { value: '0.02', unit: 'µm' } } }),
    ]);
    expect(created.status).toBe(201);
    expect(created.body.contract.number).toMatch(/^CT-\d{4}-000001$/);
    expect(created.body.version.items[0]).toMatchObject({ price: '120.00', itemCode: METHOD.code });
    const review = created.body.review;
    expect(review.outcome).toBe('passed');
    expect(review.checks.map((c: any) => [c.check, c.outcome])).toEqual([
      ['scope', 'pass'], ['method', 'pass'], ['standard', 'pass'], ['staffing', 'pass'], ['decision-rule', 'pass'], ['time-limit', 'pass'],
    ]);
    expect(checksOf(review, 'decision-rule')[0].finding).toMatch(/guarded with guard band 0\.02 µm/);

    const clerk = await h.token(tenant, ['intake-clerk']);
    const stored = await h.call('GET', `/contract-reviews/${review.id}`, clerk);
    expect(stored.status).toBe(200);
    expect(stored.body.checks).toHaveLength(6);
    expect(stored.body.checks[0].evidence.covering.standardCode).toBe('STD-L-01');
    // the record cannot be changed or deleted, not even by SQL.
    const db = h.platform.database;
    await expect(db.queryAsTenant(tenant, `update intake.contract_review set outcome = 'failed' where id = $1`, [review.id])).rejects.toThrow(/immutable/);
    await expect(db.queryAsTenant(tenant, `delete from intake.review_check where review_id = $1`, [review.id])).rejects.toThrow(/immutable/);
  });

  it('R-4.1.2 fails an item outside the authorised range, naming the range', async () => {
    const tenant = 'lab-scope';
    await seedCapableLab(h, tenant);
    const { customerId } = await seedInstitution(h, tenant);
    const created = await newContract(tenant, customerId, [itemBody({ range: { lower: '0.5', upper: '150', unit: 'mm' } })]);
    expect(created.body.review.outcome).toBe('failed');
    expect(checksOf(created.body.review, 'scope')[0]).toMatchObject({ outcome: 'fail', requirement: 'R-4.1.2' });
    expect(checksOf(created.body.review, 'scope')[0].finding).toMatch(/0\.5–150 mm is outside the authorised range 0\.5–100 mm/);
  });

  it('R-5.2.3 fails a withdrawn method and says the customer must be told', async () => {
    const tenant = 'lab-method';
    const ids = await seedCapableLab(h, tenant);
    const { customerId } = await seedInstitution(h, tenant);
    const old = randomUUID();
    await h.publish('equipment.method.published', tenant, old, methodPayload(old, { version: '1998', status: 'withdrawn', usable: false, withdrawnOn: '2012-01-01', supersededBy: { methodId: ids.methodId, code: METHOD.code, version: METHOD.version } }));
    await h.waitForCapability(tenant, METHOD.code, (s) => s.methods.length === 2, 'withdrawn method');
    const created = await newContract(tenant, customerId, [itemBody({ methodVersion: '1998' })]);
    expect(created.body.review.outcome).toBe('failed');
    expect(created.body.review.customerMustBeTold).toBe(true);
    expect(checksOf(created.body.review, 'method')[0].finding).toMatch(/JJG 146 \(version 1998\) was withdrawn on 2012-01-01; use JJG 146 \(version 2011\); the customer must be told/);
  });

  it('R-6.1.2 fails when the only measurement standard has overdue equipment', async () => {
    const tenant = 'lab-overdue';
    const ids = await seedCapableLab(h, tenant);
    const { customerId } = await seedInstitution(h, tenant);
    await h.publish('equipment.equipment.status-changed', tenant, ids.equipment[0], equipmentPayload(ids.equipment[0], 'EQ-1', {
      status: 'overdue', previousStatus: 'due', reason: 'calibration-overdue', usable: false, dueDate: '2025-06-30', effectiveOn: '2025-07-01',
    }));
    await h.waitForCapability(tenant, METHOD.code, (s) => s.equipment.some((e: any) => e.status === 'overdue'), 'overdue equipment');
    const created = await newContract(tenant, customerId, [itemBody()]);
    expect(created.body.review.outcome).toBe('failed');
    const standard = checksOf(created.body.review, 'standard')[0];
    expect(standard).toMatchObject({ outcome: 'fail', requirement: 'R-6.1.2' });
    expect(standard.finding).toMatch(/equipment EQ-1 is overdue/);
  });

  it('R-5.1.1 fails with one authorised person only', async () => {
    const tenant = 'lab-staff';
    await seedCapableLab(h, tenant, newLabIds(), { persons: 1 });
    const { customerId } = await seedInstitution(h, tenant);
    const created = await newContract(tenant, customerId, [itemBody()]);
    const staffing = checksOf(created.body.review, 'staffing')[0];
    expect(staffing).toMatchObject({ outcome: 'fail', requirement: 'R-5.1.1' });
    expect(staffing.finding).toMatch(/only 1 person\(s\) authorised/);
  });

  it('updates the read model within seconds when quality publishes a change, and a new review sees it', async () => {
    const tenant = 'lab-live';
    const ids = await seedCapableLab(h, tenant);
    const { customerId } = await seedInstitution(h, tenant);
    const created = await newContract(tenant, customerId, [itemBody()]);
    expect(created.body.review.outcome).toBe('passed');
    const started = Date.now();
    await h.publish('quality.authorisation.revoked', tenant, ids.authorisations[1], {
      ...grantPayload(ids.authorisations[1], ids.persons[1], 'calibrator', false), reason: 'revoked', endedOn: '2024-06-01',
    });
    const clerk = await h.token(tenant, ['intake-clerk']);
    // Wait on the read model itself (reviews are immutable records: polling by requesting reviews
    // would store extra ones whenever the event is still on its way).
    await waitUntil(
      async () => (await h.call('GET', `/capability?methodCode=${encodeURIComponent(METHOD.code)}`, clerk)).body,
      (snap: any) => snap.authorisations?.find((a: any) => a.authorisationId === ids.authorisations[1])?.endedOn === '2024-06-01',
      { timeoutMs: 10000, intervalMs: 200, what: 'read model to see the revocation' },
    );
    expect(Date.now() - started).toBeLessThan(10000);
    const again = (await h.call('POST', `/contracts/${created.body.contract.id}/reviews`, clerk)).body;
    expect(again.outcome).toBe('failed');
    expect(again.trigger).toBe('requested');
    expect(checksOf(again, 'staffing')[0].finding).toMatch(/only 1 person/);
    // An old state arriving late does not overwrite the newer one.
    await h.publish('quality.authorisation.granted', tenant, ids.authorisations[1], grantPayload(ids.authorisations[1], ids.persons[1], 'calibrator', false), new Date(Date.now() - 3600_000));
    await new Promise((r) => setTimeout(r, 1500));
    const snapshot = await h.waitForCapability(tenant, METHOD.code, () => true, 'snapshot');
    expect(snapshot.authorisations.find((a: any) => a.authorisationId === ids.authorisations[1]).endedOn).toBe('2024-06-01');
    const reviews = await h.call('GET', `/contracts/${created.body.contract.id}/reviews`, clerk);
    expect(reviews.body.map((r: any) => r.outcome)).toEqual(['passed', 'failed']);
  });

  it('R-6.1.2 a failing item can be accepted only as subcontracted with the customer’s recorded consent', async () => {
    const tenant = 'lab-sub';
    await seedCapableLab(h, tenant);
    const { customerId, contactId } = await seedInstitution(h, tenant);
    const created = await newContract(tenant, customerId, [itemBody(), itemBody({ serialNumber: 'GB-200', range: { lower: '100', upper: '200', unit: 'mm' } })]);
    const contractId = created.body.contract.id;
    const outside = created.body.version.items[1].itemId;
    const clerk = await h.token(tenant, ['intake-clerk']);
    const refused = await h.call('POST', `/contracts/${contractId}/accept`, clerk);
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/application\/problem\+json/);
    expect(refused.body.errors[0]).toMatchObject({ field: 'items.1', rule: 'review-passed', requirement: 'R-4.1.2' });

    const proposed = await h.call('POST', `/contracts/${contractId}/subcontracting`, clerk, { itemId: outside, subcontractor: 'National Institute of Metrology', reason: 'outside our range' });
    expect(proposed.status).toBe(201);
    const waiting = await h.call('POST', `/contracts/${contractId}/accept`, clerk);
    expect(waiting.body.errors.map((e: any) => e.rule)).toContain('subcontracting-consent');
    expect(waiting.body.detail).toMatch(/R-6.1.2: subcontracting of item 2 awaits the customer's consent/);

    const decided = await h.call('POST', `/contracts/${contractId}/subcontracting/${proposed.body.id}/consent`, clerk, consent(today, contactId));
    expect(decided.status).toBe(201);
    const accepted = await h.call('POST', `/contracts/${contractId}/accept`, clerk);
    expect(accepted.status).toBe(200);
    expect(accepted.body.workOrders).toHaveLength(1);
    expect(accepted.body.workOrders[0].itemIds).toEqual([created.body.version.items[0].itemId]);
    const tracking = await h.call('GET', `/contracts/${contractId}/tracking`, clerk);
    expect(tracking.body.items.map((i: any) => [i.subcontracting, i.status])).toEqual([[null, 'accepted'], ['consented', null]]);
  });

  it('serves its OpenAPI document, generated from the running routes and their zod schemas', async () => {
    const doc = await h.call('GET', '/openapi.json', undefined);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/contracts/{id}/accept'].post).toMatchObject({ operationId: 'Contracts.accept', description: expect.stringMatching(/intake-clerk/) });
    expect(doc.body.paths['/contracts'].post.requestBody.content['application/json'].schema.properties.items).toBeDefined();
    expect(doc.body.paths['/contracts'].get.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'status', 'customerId']));
    expect(doc.body.paths['/public/{tenant}/time-limits'].get.security).toEqual([]);
  });

  it('answers bad input with problem+json naming each field and changes nothing', async () => {
    const tenant = 'lab-bad';
    const { customerId } = await seedInstitution(h, tenant);
    const bad = await newContract(tenant, customerId, [itemBody({ range: { lower: '10', upper: '1', unit: 'mm' }, serviceKind: 'repair', quantity: 0 })]);
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['items.0.range.upper', 'items.0.serviceKind', 'items.0.quantity']));
    const float = await newContract(tenant, customerId, [itemBody({ range: { lower: 0.5, upper: '100', unit: 'mm' } })]);
    expect(float.status).toBe(400);
    const unknownFee = await newContract(tenant, customerId, [itemBody({ feeCode: 'NOPE' })]);
    expect(unknownFee.status).toBe(422);
    expect(unknownFee.body.errors[0]).toMatchObject({ field: 'items.0.feeCode', requirement: 'R-4.4' });
    const rows = await h.platform.database.queryAsTenant<{ n: number }>(tenant, `select count(*)::int as n from intake.contract`);
    expect(rows[0].n).toBe(0);
  });
});
