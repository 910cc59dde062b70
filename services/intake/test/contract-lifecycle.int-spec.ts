import { EventEnvelope, parseEvent, PayloadOf, Topics } from '@calchain/contracts';
import { readTopic, waitUntil } from '@calchain/platform/testing';
import { consent, IntakeHarness, itemBody, publishedEvents, seedCapableLab, seedInstitution, todayInShanghai } from './support/intake-harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON */

/**
 * Changes, deviations, acceptance and dispatch (issue 4, capabilities 3 and 4; R-6.1.3, R-7.1.1)
 * on real PostgreSQL and Kafka, with intake and the gateway as real processes: every call goes
 * through the gateway's /api/intake/…, as clients' calls do.
 */
describe('contract changes, deviations, acceptance and dispatch, through the gateway (real Kafka and PostgreSQL)', () => {
  let h: IntakeHarness;
  const today = todayInShanghai();
  const tenant = 'lab-flow';
  let customerId: string;
  let contactId: string;
  let clerk: string;

  beforeAll(async () => {
    h = await IntakeHarness.start('intake-flow', { viaGateway: true });
    await seedCapableLab(h, tenant);
    ({ customerId, contactId } = await seedInstitution(h, tenant));
    clerk = await h.token(tenant, ['intake-clerk'], 'clerk-7');
  });

  afterAll(() => h?.stop());

  const create = async (items: Record<string, unknown>[]) => {
    const created = await h.call('POST', '/contracts', clerk, { customerId, contactId, items });
    expect(created.status).toBe(201);
    return created.body;
  };
  const keep = (item: any, overrides: Record<string, unknown> = {}) => itemBody({ itemId: item.itemId, serialNumber: item.serialNumber, ...overrides });

  it('R-6.1.3 a change creates a new version and a new review; acceptance needs the review of the new version', async () => {
    const { contract, version } = await create([itemBody()]);
    const changed = await h.call('POST', `/contracts/${contract.id}/versions`, clerk, {
      changeReason: 'customer adds a second gauge block',
      items: [keep(version.items[0]), itemBody({ serialNumber: 'GB-75' })],
    });
    expect(changed.status).toBe(201);
    expect(changed.body.version.version).toBe(2);
    expect(changed.body.diff).toEqual({ addedItemIds: [changed.body.version.items[1].itemId], changedItemIds: [], removedItemIds: [] });
    expect(changed.body.review).toMatchObject({ contractVersion: 2, trigger: 'changed', outcome: 'passed' });
    const reviews = await h.call('GET', `/contracts/${contract.id}/reviews`, clerk);
    expect(reviews.body.map((r: any) => [r.contractVersion, r.trigger])).toEqual([[1, 'created'], [2, 'changed']]);
    const v1 = await h.call('GET', `/contracts/${contract.id}/versions/1`, clerk);
    expect(v1.body.items).toHaveLength(1); // the old version is kept as it was

    const nothing = await h.call('POST', `/contracts/${contract.id}/versions`, clerk, { changeReason: 'none', items: changed.body.version.items.map((i: any) => keep(i)) });
    expect(nothing.status).toBe(422);
    expect(nothing.body.detail).toMatch(/^R-6.1.3: the change leaves the contract as it is/);
  });

  it('R-6.1.3 a deviation blocks its items until the customer consents; consent unblocks', async () => {
    const { contract, version } = await create([itemBody(), itemBody({ serialNumber: 'GB-25' })]);
    const [first, second] = version.items;
    const raised = await h.call('POST', `/contracts/${contract.id}/deviations`, clerk, {
      itemIds: [second.itemId], requirement: 'calibrate at 20.0 °C ± 0.5 °C', deviation: 'the room holds 20.0 °C ± 1.0 °C this month',
    });
    expect(raised.status).toBe(201);
    expect(raised.body.status).toBe('awaiting-consent');

    const blocked = await h.call('POST', `/contracts/${contract.id}/accept`, clerk);
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors).toEqual([
      expect.objectContaining({ field: 'items.1', rule: 'deviation-consent', requirement: 'R-6.1.3', message: 'R-6.1.3: deviation awaiting customer consent (item 2)' }),
    ]);
    const detail = await h.call('GET', `/contracts/${contract.id}`, clerk);
    expect(detail.body.blockedItemIds).toEqual([second.itemId]);

    const granted = await h.call('POST', `/contracts/${contract.id}/deviations/${raised.body.id}/consent`, clerk, consent(today, contactId));
    expect(granted.status).toBe(201);
    expect(granted.body.deviation.status).toBe('consented');
    expect(granted.body.consent).toMatchObject({ subject: 'deviation', decision: 'granted', contactId });
    const again = await h.call('POST', `/contracts/${contract.id}/deviations/${raised.body.id}/consent`, clerk, consent(today, contactId));
    expect(again.status).toBe(422);

    const accepted = await h.call('POST', `/contracts/${contract.id}/accept`, clerk);
    expect(accepted.status).toBe(200);
    expect(accepted.body.workOrders[0].itemIds.sort()).toEqual([first.itemId, second.itemId].sort());
  });

  it('R-7.1.1 acceptance makes work orders per section; dispatch emits an event; a deviation after acceptance blocks dispatch', async () => {
    const { contract, version } = await create([itemBody(), itemBody({ serialNumber: 'GB-OS', place: 'on-site' })]);
    const accepted = await h.call('POST', `/contracts/${contract.id}/accept`, clerk);
    expect(accepted.status).toBe(200);
    expect(accepted.body.workOrders).toHaveLength(2); // one per section and place
    const [lab, site] = accepted.body.workOrders;
    expect(lab.itemIds).toEqual([version.items[0].itemId]);
    const wo = await h.call('GET', `/work-orders/${lab.id}`, clerk);
    expect(wo.body).toMatchObject({ status: 'accepted', section: 'length', contractId: contract.id });
    expect(wo.body.items[0]).toMatchObject({ id: version.items[0].itemId, status: 'accepted', promisedDate: lab.dueDate });

    const deviation = await h.call('POST', `/contracts/${contract.id}/deviations`, clerk, { itemIds: [version.items[1].itemId], requirement: 'on site on Monday', deviation: 'on site on Wednesday' });
    const refused = await h.call('POST', `/work-orders/${site.id}/dispatch`, clerk);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/R-6.1.3: deviation awaiting customer consent/);
    await h.call('POST', `/contracts/${contract.id}/deviations/${deviation.body.id}/consent`, clerk, consent(today));

    const dispatched = await h.call('POST', `/work-orders/${lab.id}/dispatch`, clerk);
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.status).toBe('dispatched');
    expect((await h.call('POST', `/work-orders/${lab.id}/dispatch`, clerk)).status).toBe(409);
    expect((await h.call('POST', `/work-orders/${site.id}/dispatch`, clerk)).status).toBe(200);

    // 1 created (previous test), 2 created and 2 dispatched here.
    const messages = await readTopic(`${h.platform.topicPrefix}${Topics.intakeWorkOrders}`, 5, 15000);
    const events = messages.map((m) => JSON.parse(m.value));
    const dispatchedEvent = events.find((e) => e.type === 'intake.work-order.dispatched' && e.aggregateId === lab.id);
    expect(dispatchedEvent.payload).toMatchObject({ workOrderId: lab.id, contractId: contract.id, section: 'length', dispatchedBy: 'clerk-7' });
    expect(dispatchedEvent.payload.items[0]).toMatchObject({ itemId: version.items[0].itemId, methodCode: 'JJG 146', promisedDate: lab.dueDate });
    // The v1 event records consumes (one pending record per item) is emitted for contract work orders too.
    expect(events.filter((e) => e.type === 'intake.work-order.created' && [lab.id, site.id].includes(e.aggregateId))).toHaveLength(2);

    const list = await h.call('GET', `/work-orders?contractId=${contract.id}&status=dispatched&pageSize=1`, clerk);
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(list.body.items).toHaveLength(1);
  });

  it('R-6.1.3 changing an accepted contract stops dispatch until the new version is reviewed and accepted; removed items are cancelled', async () => {
    const { contract, version } = await create([itemBody(), itemBody({ serialNumber: 'GB-X' })]);
    const accepted = await h.call('POST', `/contracts/${contract.id}/accept`, clerk);
    const workOrderId = accepted.body.workOrders[0].id;
    const changed = await h.call('POST', `/contracts/${contract.id}/versions`, clerk, { changeReason: 'customer withdrew GB-X', items: [keep(version.items[0])] });
    expect(changed.body.contract.status).toBe('change-pending');
    expect(changed.body.diff.removedItemIds).toEqual([version.items[1].itemId]);

    const refused = await h.call('POST', `/work-orders/${workOrderId}/dispatch`, clerk);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ rule: 'change-reviewed', requirement: 'R-6.1.3' });

    const reaccepted = await h.call('POST', `/contracts/${contract.id}/accept`, clerk);
    expect(reaccepted.status).toBe(200);
    expect(reaccepted.body.cancelledItemIds).toEqual([version.items[1].itemId]);
    expect(reaccepted.body.workOrders).toEqual([]);
    expect((await h.call('POST', `/work-orders/${workOrderId}/dispatch`, clerk)).status).toBe(200);

    const status = await h.call('GET', `/items/${version.items[1].itemId}/status`, clerk);
    expect(status.body.history.map((s: any) => s.status)).toEqual(['accepted', 'cancelled']);
    const tracking = await h.call('GET', `/contracts/${contract.id}/tracking`, clerk);
    expect(tracking.body.items.map((i: any) => [i.inCurrentVersion, i.status, i.dispatched])).toEqual([[true, 'accepted', true], [false, 'cancelled', true]]);
  });

  it('R-6.1.2 R-6.4.2.3 R-6.4.3 intake.contract.accepted carries, per item, the decision rule agreed at review and the report asked for, and the customer organisation', async () => {
    const { contract, version, review } = await create([
      itemBody({ serialNumber: 'GB-G', conformityStatement: true, decisionRule: { rule: 'guarded', guardBand: { value: '0.020', unit: 'µm' } } }),
      itemBody({ serialNumber: 'GB-N', conformityStatement: true, decisionRule: { rule: 'non-binary', guardBand: null } }),
      itemBody({ serialNumber: 'GB-0', report: 'test-report' }),
    ]);
    expect(version.items.map((i: { report: string }) => i.report)).toEqual(['certificate', 'certificate', 'test-report']);
    expect(review.outcome).toBe('passed');
    const accepted = await h.call('POST', `/contracts/${contract.id}/accept`, clerk);
    expect(accepted.status).toBe(200);

    // Read from the Kafka topic itself, once the relay has published the event.
    await waitUntil(
      async () => (await publishedEvents(h, 'intake.contract.accepted', 1)).filter((e) => e.aggregateId === contract.id),
      (rows) => rows.length === 1,
      { timeoutMs: 15000, what: 'contract.accepted published' },
    );
    const published = await publishedEvents(h, 'intake.contract.', 1);
    const messages = await readTopic(`${h.platform.topicPrefix}${Topics.intakeContracts}`, published.length, 15000);
    const event = messages.map((m) => JSON.parse(m.value)).find((e) => e.type === 'intake.contract.accepted' && e.aggregateId === contract.id);
    const parsed = parseEvent(event) as EventEnvelope<PayloadOf<'intake.contract.accepted'>>;
    expect(parsed.payload.items.map((i) => [i.itemId, i.disposition, i.decisionRule])).toEqual([
      [version.items[0].itemId, 'in-house', { rule: 'guarded', guardBand: '0.020', guardBandUnit: 'µm' }],
      [version.items[1].itemId, 'in-house', { rule: 'non-binary', guardBand: null, guardBandUnit: null }],
      [version.items[2].itemId, 'in-house', null],
    ]);
    expect(parsed.payload.items.map((i) => i.report)).toEqual(['certificate', 'certificate', 'test-report']);
    expect(parsed.payload.customer).toEqual({ name: 'Precision Parts Co.', address: null });
  });

  it('lists contracts with filters and pagination, and keeps institutions apart', async () => {
    const list = await h.call('GET', `/contracts?customerId=${customerId}&status=accepted&pageSize=2`, clerk);
    expect(list.status).toBe(200);
    expect(list.body.pageSize).toBe(2);
    expect(list.body.items.every((c: any) => c.status === 'accepted' && c.customerName === 'Precision Parts Co.')).toBe(true);
    expect(list.body.total).toBeGreaterThanOrEqual(2);
    const outsider = await h.token('lab-elsewhere', ['intake-clerk']);
    expect((await h.call('GET', `/contracts/${list.body.items[0].id}`, outsider)).status).toBe(404);
    expect((await h.call('GET', '/contracts', outsider)).body.total).toBe(0);
    const calibrator = await h.token(tenant, ['calibrator']);
    expect((await h.call('POST', '/contracts', calibrator, { customerId, items: [itemBody()] })).status).toBe(403);
  });

  it('R-6.1.1 R-6.1.2 R-7.1.1 R-6.2.2 R-6.2.5 R-6.2.6 R-4.4 takes a contract from draft to returned item (issue 4, done when)', async () => {
    const tenant = 'lab-gw';
    await seedCapableLab(h, tenant);
    const admin = await h.token(tenant, ['administrator']);
    const clerk = await h.token(tenant, ['intake-clerk'], 'clerk-gw');
    expect((await h.call('PUT', '/fee-schedule/L-001', admin, { description: 'Gauge block', unitPrice: '80.00' })).status).toBe(200);
    expect((await h.call('PUT', '/time-limits', admin, { serviceKind: 'calibration', discipline: 'length', workingDays: 7 })).status).toBe(200);
    const customer = await h.call('POST', '/customers', clerk, { code: 'ACME', name: 'ACME Instruments' });
    const contact = await h.call('POST', `/customers/${customer.body.id}/contacts`, clerk, { name: 'Han Meimei', email: 'han@example.com' });
    expect(contact.status).toBe(201);

    const created = await h.call('POST', '/contracts', clerk, { customerId: customer.body.id, contactId: contact.body.id, items: [itemBody({ quantity: 2 })] });
    expect(created.status).toBe(201);
    expect(created.body.contract.status).toBe('draft');
    expect(created.body.version.total).toBe('160.00');
    expect(created.body.review.outcome).toBe('passed');
    const contractId = created.body.contract.id;
    const itemId = created.body.version.items[0].itemId;

    const accepted = await h.call('POST', `/contracts/${contractId}/accept`, clerk);
    expect(accepted.status).toBe(200);
    const workOrderId = accepted.body.workOrders[0].id;
    expect((await h.call('POST', `/work-orders/${workOrderId}/dispatch`, clerk)).status).toBe(200);

    const checklist = { accessories: [{ name: 'Case', quantity: 1 }], documents: [] };
    expect((await h.call('POST', `/items/${itemId}/intake`, clerk, { channel: 'delivered', condition: 'as new', conditionAcceptable: true, ...checklist })).status).toBe(201);
    const refused = await h.call('POST', `/items/${itemId}/return`, clerk, { accessories: [], documents: [], handedOverTo: contact.body.id, signatureRef: 'sig' });
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/application\/problem\+json/);
    expect(refused.body.errors[0].requirement).toBe('R-6.2.5');
    expect((await h.call('POST', `/items/${itemId}/return`, clerk, { ...checklist, handedOverTo: contact.body.id, signatureRef: 'docs://sig/1' })).status).toBe(201);

    const tracking = await h.call('GET', `/contracts/${contractId}/tracking`, clerk);
    expect(tracking.body).toMatchObject({ status: 'accepted', items: [expect.objectContaining({ status: 'returned', dispatched: true, completedOn: today })] });
    expect((await h.call('GET', `/work-orders/${workOrderId}`, clerk)).body.status).toBe('completed');
    // the published time limits reach the public through the gateway without a token.
    const disclosed = await h.call('GET', `/public/${tenant}/time-limits`, undefined);
    expect(disclosed.status).toBe(200);
    expect(disclosed.body.entries).toEqual([expect.objectContaining({ serviceKind: 'calibration', discipline: 'length', workingDays: 7 })]);
  });
});
