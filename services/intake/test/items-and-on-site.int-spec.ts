import { waitUntil } from '@calchain/platform/testing';
import { certificateIssuedPayload, consent, IntakeHarness, itemBody, publishedEvents, recordApprovedPayload, seedCapableLab, seedInstitution, todayInShanghai } from './support/intake-harness';

/* eslint-disable @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON */

const sha = (c: string) => c.repeat(64);
const file = (kind: string, c: string) => ({ kind, fileName: `${kind}.pdf`, mediaType: 'application/pdf', sizeBytes: 20480, sha256: sha(c), storageRef: `docs://${kind}/${c}` });

/**
 * Item intake and return and on-site jobs (R-6.2.4,
 * ), on real PostgreSQL and Kafka with intake as a real process.
 */
describe('item intake and return, on-site jobs (real Kafka and PostgreSQL)', () => {
  let h: IntakeHarness;
  const tenant = 'lab-items';
  const today = todayInShanghai();
  let customerId: string;
  let contactId: string;
  let clerk: string;

  beforeAll(async () => {
    h = await IntakeHarness.start('intake-items');
    await seedCapableLab(h, tenant);
    ({ customerId, contactId } = await seedInstitution(h, tenant));
    clerk = await h.token(tenant, ['intake-clerk'], 'clerk-3');
  });

  afterAll(() => h?.stop());

  const acceptedContract = async (items: Record<string, unknown>[]) => {
    const created = await h.call('POST', '/contracts', clerk, { customerId, contactId, items });
    const accepted = await h.call('POST', `/contracts/${created.body.contract.id}/accept`, clerk);
    expect(accepted.status).toBe(200);
    return { contract: created.body.contract, items: created.body.version.items, workOrders: accepted.body.workOrders };
  };

  it('R-6.2.2 R-6.2.3 R-6.2.5 R-7.1.1 takes an item in, follows records’ approval and the certificate, refuses a mismatching hand-over and adjusting without consent, returns it signed', async () => {
    const { contract, items, workOrders } = await acceptedContract([itemBody()]);
    const itemId = items[0].itemId;
    const received = await h.call('POST', `/items/${itemId}/intake`, clerk, {
      channel: 'mailed', condition: 'case scratched, blocks clean', conditionAcceptable: true,
      accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Cotton gloves', quantity: 2 }], documents: ['Previous certificate'],
      photos: [{ fileName: 'arrival.jpg', mediaType: 'image/jpeg', sizeBytes: 81234, sha256: sha('a'), storageRef: 'docs://photos/arrival.jpg' }],
    });
    expect(received.status).toBe(201);
    expect(received.body.label).toMatch(/^IL-\d{4}-000001$/);
    expect((await h.call('POST', `/items/${itemId}/intake`, clerk, { channel: 'delivered', condition: 'x', conditionAcceptable: true })).body.errors[0]).toMatchObject({ rule: 'once', requirement: 'R-6.2.2' });
    expect((await h.call('GET', `/items/${itemId}/status`, clerk)).body.status).toBe('in-lab');

    const calibrator = await h.token(tenant, ['calibrator'], 'cal-1');
    const unconsented = await h.call('POST', `/items/${itemId}/adjustments`, calibrator, { description: 'zero offset corrected' });
    expect(unconsented.status).toBe(422);
    expect(unconsented.body.detail).toMatch(/^R-6.2.3: adjusting the customer's item needs the customer's recorded consent/);
    expect((await h.call('POST', `/items/${itemId}/adjustment-consent`, clerk, consent(today, contactId))).status).toBe(201);
    expect((await h.call('POST', `/items/${itemId}/adjustments`, calibrator, { description: 'zero offset corrected' })).status).toBe(201);

    const handOver = { accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Cotton gloves', quantity: 2 }], documents: ['Previous certificate'], handedOverTo: contactId, signatureRef: 'docs://signatures/h-1' };
    const untold = await h.call('POST', `/items/${itemId}/return`, clerk, handOver);
    expect(untold.body.errors[0]).toMatchObject({ rule: 'state-change-noticed', requirement: 'R-6.2.3' });
    expect((await h.call('POST', `/items/${itemId}/state-change-notices`, clerk, { kind: 'adjusted', description: 'zero offset corrected', channel: 'phone', contactId })).status).toBe(201);

    // The records service approves the record: measured and reviewed, end to end (a redelivery changes nothing).
    const approved = recordApprovedPayload(itemId, workOrders[0].id, 'WO');
    await h.publish('records.record.approved', tenant, approved.recordId, approved);
    await h.publish('records.record.approved', tenant, approved.recordId, { ...approved, recordVersion: 2 });
    await waitUntil(async () => (await h.call('GET', `/items/${itemId}/status`, clerk)).body.status, (s) => s === 'reviewed', { timeoutMs: 15000, what: 'item reviewed' });
    // The certificates service issues the certificate: the time-limit clock stops.
    await h.publish('certificates.certificate.issued', tenant, itemId, certificateIssuedPayload(itemId, workOrders[0].id, approved.recordId));
    await waitUntil(async () => (await h.call('GET', `/items/${itemId}/status`, clerk)).body.status, (s) => s === 'certificate-issued', { timeoutMs: 15000, what: 'certificate issued' });
    const clock = await h.call('GET', `/time-limit-promises?contractId=${contract.id}`, await h.token(tenant, ['technical-manager']));
    expect(clock.body.items[0]).toMatchObject({ completedOn: today, clock: { state: 'met' } });

    const mismatch = await h.call('POST', `/items/${itemId}/return`, clerk, { ...handOver, accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Cotton gloves', quantity: 1 }], documents: [] });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors.map((e: any) => [e.field, e.rule, e.requirement])).toEqual([
      ['accessories.Cotton gloves', 'matches-intake', 'R-6.2.5'],
      ['documents.Previous certificate', 'matches-intake', 'R-6.2.5'],
    ]);
    expect((await h.call('GET', `/items/${itemId}/handling`, clerk)).body.return).toBeNull(); // refused: nothing changed

    const notAPhoto = await h.call('POST', `/items/${itemId}/return`, clerk, { ...handOver, photos: [{ fileName: 'x.pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: sha('b'), storageRef: 'docs://x.pdf' }] });
    expect(notAPhoto.status).toBe(400);
    expect(notAPhoto.body.errors[0].field).toBe('photos.0.mediaType');
    const leaving = { fileName: 'leaving.jpg', mediaType: 'image/jpeg', sizeBytes: 70111, sha256: sha('c'), storageRef: 'docs://photos/leaving.jpg' };
    const returned = await h.call('POST', `/items/${itemId}/return`, clerk, { ...handOver, photos: [leaving] });
    expect(returned.status).toBe(201);
    // the item's state as it left is kept with the hand-over.
    expect((await h.call('GET', `/items/${itemId}/handling`, clerk)).body.return.photos).toEqual([expect.objectContaining({ ...leaving, kind: 'photo' })]);
    expect(returned.body).toMatchObject({ label: received.body.label, completedOn: today });
    const tracking = await h.call('GET', `/contracts/${contract.id}/tracking`, clerk);
    expect(tracking.body.items[0]).toMatchObject({ status: 'returned', label: received.body.label, completedOn: today });
    const status = await h.call('GET', `/items/${itemId}/status`, clerk);
    expect(status.body.history.map((s: any) => s.status)).toEqual(['accepted', 'in-lab', 'measured', 'reviewed', 'certificate-issued', 'returned']);
    expect(status.body.workOrderStatus).toBe('completed');

    const events = (await publishedEvents(h, 'intake.item.', 10)).filter((e) => e.aggregateId === itemId);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['intake.item.received', 'intake.item.adjustment-consented', 'intake.item.state-change-noticed', 'intake.item.returned']),
    );
    // No personal data in events: neither the contact's name nor phone travels.
    expect(JSON.stringify(events)).not.toMatch(/Li Lei|1234 5678/);
  });

  it('R-6.2.2 an item that arrives with the order is received before acceptance and starts in the lab', async () => {
    const created = await h.call('POST', '/contracts', clerk, { customerId, items: [itemBody({ serialNumber: 'GB-EARLY' })] });
    const itemId = created.body.version.items[0].itemId;
    const received = await h.call('POST', `/items/${itemId}/intake`, clerk, { channel: 'picked-up', condition: 'dusty', conditionAcceptable: true });
    expect(received.status).toBe(201);
    const accepted = await h.call('POST', `/contracts/${created.body.contract.id}/accept`, clerk);
    const wo = await h.call('GET', `/work-orders/${accepted.body.workOrders[0].id}`, clerk);
    expect(wo.body.items[0]).toMatchObject({ id: itemId, status: 'in-lab' });
    const intakes = await h.call('GET', `/item-intakes?contractId=${created.body.contract.id}`, clerk);
    expect(intakes.body).toMatchObject({ total: 1, items: [expect.objectContaining({ label: received.body.label, channel: 'picked-up' })] });
  });

  it('R-5.4.4 R-6.2.4 R-6.2.8 R-6.2.7 an on-site job starts only when cleared, with two consents when conditions do not meet the method, and closes with its evidence', async () => {
    const { contract, items } = await acceptedContract([itemBody({ place: 'on-site', serialNumber: 'GB-SITE' })]);
    const itemId = items[0].itemId;
    expect((await h.call('POST', `/items/${itemId}/intake`, clerk, { channel: 'delivered', condition: 'ok', conditionAcceptable: true })).body.errors[0].rule).toBe('lab-item');

    const manager = await h.token(tenant, ['technical-manager'], 'tm-1');
    const calibrator = await h.token(tenant, ['calibrator'], 'cal-2');
    const job = await h.call('POST', '/on-site-jobs', clerk, { contractId: contract.id, itemIds: [itemId], siteAddress: 'Plant 3, Suzhou', crossRegion: true, plannedDate: today, safetyChecklist: ['helmet worn', 'site induction'] });
    expect(job.status).toBe(201);
    const jobId = job.body.id;

    const early = await h.call('POST', `/on-site-jobs/${jobId}/start-measurement`, calibrator);
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: any) => e.requirement)).toEqual(['R-6.2.4', 'R-6.2.8', 'R-5.4.4']);

    const sent = await h.call('POST', `/on-site-jobs/${jobId}/environment-requirements`, clerk, { channel: 'e-mail', contactId });
    expect(sent.body.environmentRequirements).toEqual([{ methodCode: 'JJG 146', methodVersion: '2011', quantity: 'temperature', lower: '19.0', upper: '21.0', unit: '°C' }]);
    expect((await h.call('POST', `/on-site-jobs/${jobId}/safety-acknowledgement`, calibrator, { acknowledged: ['helmet worn'] })).body.errors[0].requirement).toBe('R-6.2.8');
    expect((await h.call('POST', `/on-site-jobs/${jobId}/safety-acknowledgement`, calibrator, { acknowledged: ['helmet worn', 'site induction'] })).status).toBe(201);
    const conditions = await h.call('POST', `/on-site-jobs/${jobId}/site-conditions`, calibrator, { readings: [{ quantity: 'temperature', value: '23.5', unit: '°C' }] });
    expect(conditions.body.siteConditions).toMatchObject({ meetsMethod: false, violations: ['temperature 23.5 °C is outside 19.0…21.0 °C required by JJG 146'] });

    const blocked = await h.call('POST', `/on-site-jobs/${jobId}/start-measurement`, calibrator);
    expect(blocked.body.errors.map((e: any) => [e.field, e.requirement])).toEqual([
      ['impactAssessment', 'R-5.4.4'], ['technicalManagerConsent', 'R-5.4.4'], ['customerConsent', 'R-5.4.4'],
    ]);
    expect((await h.call('POST', `/on-site-jobs/${jobId}/impact-assessment`, calibrator, { assessment: 'thermal expansion adds 0.1 µm; within the customer tolerance' })).status).toBe(201);
    expect((await h.call('POST', `/on-site-jobs/${jobId}/technical-manager-consent`, calibrator, { decision: 'granted' })).status).toBe(403);
    expect((await h.call('POST', `/on-site-jobs/${jobId}/technical-manager-consent`, manager, { decision: 'granted' })).status).toBe(201);
    const halfway = await h.call('POST', `/on-site-jobs/${jobId}/start-measurement`, calibrator);
    expect(halfway.body.errors.map((e: any) => e.field)).toEqual(['customerConsent']);
    expect((await h.call('POST', `/on-site-jobs/${jobId}/customer-consent`, clerk, consent(today, contactId))).status).toBe(201);
    const started = await h.call('POST', `/on-site-jobs/${jobId}/start-measurement`, calibrator);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('measurement-cleared');

    const unproven = await h.call('POST', `/on-site-jobs/${jobId}/close`, manager);
    expect(unproven.body.errors.map((e: any) => e.field)).toEqual(['attachments.travel-ticket', 'attachments.accommodation-invoice', 'attachments.standard-shipping-note']);
    for (const [kind, c] of [['travel-ticket', 'b'], ['accommodation-invoice', 'c'], ['standard-shipping-note', 'd']]) {
      expect((await h.call('POST', `/on-site-jobs/${jobId}/attachments`, clerk, file(kind, c))).status).toBe(201);
    }
    expect((await h.call('POST', `/on-site-jobs/${jobId}/close`, manager)).status).toBe(200);
    const record = await h.call('GET', `/on-site-jobs/${jobId}`, manager);
    expect(record.body.history.map((s: any) => s.step)).toEqual([
      'planned', 'environment-requirements-sent', 'safety-acknowledged', 'site-conditions-recorded', 'impact-assessed', 'technical-manager-decided',
      'customer-decided', 'measurement-cleared', 'attachment-added', 'attachment-added', 'attachment-added', 'closed',
    ]);
    const events = await publishedEvents(h, 'intake.on-site-job.', 2);
    expect(events.map((e: any) => e.type)).toEqual(['intake.on-site-job.measurement-cleared', 'intake.on-site-job.closed']);
    expect(events[0].payload).toMatchObject({ jobId, itemIds: [itemId], conditionsMeetMethod: false, technicalManagerConsentBy: 'tm-1' });
  });
});
