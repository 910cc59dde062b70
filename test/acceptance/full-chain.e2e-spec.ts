import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { repoRoot } from '@calchain/platform/testing';
import { attachment, calculation, consent, Equipment, equipLab, INSTITUTIONS, ITEM_CODE, line, member, METHOD, PIN, readings, sha, Staff, STAFF_USERS, U, authorisedPerson } from './support/lab';
import { EAST, expectRefusal, labDay, NETWORK, ok, Scenario, WEST } from './support/scenario';

/* eslint-disable @typescript-eslint/no-explicit-any -- acceptance steps walk arbitrary JSON answers */

const run = promisify(execFile);

/**
 * Issue 11 part 1: the whole standard walked through the gateway's HTTP API only, by the people a
 * lab network has (tokens of the gateway's development issuer, roles from the tenancy registry),
 * against the six services as real processes on the real PostgreSQL, Kafka and Redis. Each step is
 * one `it`, in order, named with the requirement IDs it exercises, and asserts the rule itself —
 * refusals as problem+json naming the requirement. Direct SQL is used only where a regulator could
 * not look through the API (what left the services in events) and for the final tamper step.
 */
describe('acceptance: the full chain of the standard through the gateway', () => {
  jest.setTimeout(300_000);
  let s: Scenario;
  let staff: Staff;
  let equipment: Equipment;
  // What the steps hand on to each other.
  let customerId: string;
  let contactId: string;
  let contractId: string;
  const item: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  let labOrder: any;
  let siteOrder: any;
  let jobId: string;
  let originalRecord: string;
  let remeasuredRecord: string;
  let siteRecord: string;
  let certificateA: any;
  let certificateC: any;
  let reissuedC: any;
  let supplementA: any;
  let complaint: any;
  const complainant = { name: 'Ouyang Xiaoming', contact: '+86 139 8765 4321', organisation: 'Xinhua Precision Instruments Ltd' };
  // The contract's lines: A in the lab with a guarded-acceptance conformity statement, B beyond the authorised range, C on site.
  const lines = {
    A: (o: Record<string, unknown> = {}) => line({ serialNumber: 'GB-A', conformityStatement: true, decisionRule: { rule: 'guarded', guardBand: { value: '0.0001', unit: 'mm' } }, ...o }),
    B: (o: Record<string, unknown> = {}) => line({ serialNumber: 'GB-B', model: 'BM1-400', range: { lower: '100', upper: '500', unit: 'mm' }, ...o }),
    C: (o: Record<string, unknown> = {}) => line({ serialNumber: 'GB-C', place: 'on-site', ...o }),
  };
  const checklist = { accessories: [{ name: 'Wooden case', quantity: 1 }, { name: 'Cotton gloves', quantity: 2 }], documents: ['Previous certificate'] };

  beforeAll(async () => {
    s = await Scenario.start('acceptance');
  });

  afterAll(async () => {
    await s?.stop();
  });

  // The steps build on each other: after the first failure the rest fail at once, naming it.
  let failed: string | null = null;
  const step = (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      if (failed) throw new Error(`not run: an earlier step failed (${failed})`);
      try {
        await body();
      } catch (error) {
        failed = name;
        throw error;
      }
    });

  const records = (workOrderId: string) => s.as(staff.calibrator, 'GET', `/api/records/raw-records?workOrderId=${workOrderId}`);
  const recordOf = async (workOrderId: string, itemId: string) =>
    (await s.eventually(() => records(workOrderId), (a) => a.status === 200 && a.body.some((r: any) => r.itemId === itemId && r.status === 'dispatched'), `record of item ${itemId} dispatched`))
      .body.find((r: any) => r.itemId === itemId).id as string;
  const draftOf = async (itemId: string) =>
    (await s.eventually(
      () => s.as(staff.signatory, 'GET', `/api/certificates/certificates?itemId=${itemId}&status=draft`),
      (a) => a.status === 200 && a.body.length === 1,
      `certificate draft of item ${itemId}`,
    )).body[0];
  const sign = (id: string, pin = PIN) => s.as(staff.signatory, 'POST', `/api/certificates/certificates/${id}/sign`, { pin });
  const publicStatus = (number: string) => s.as(null, 'GET', `/api/certificates/public/certificates/${EAST}/${number}`);

  step('R-4.1.1 R-6.2.1 seeds a lab network of two institutions and three sites through the API; staff belong to one institution; a lab never makes a regulator', async () => {
    for (const institution of INSTITUTIONS) {
      const put = ok(await s.as(U.admin, 'PUT', `/tenancy/institutions/${institution.id}`, institution, EAST));
      expect(put).toMatchObject({ id: institution.id, network: NETWORK, legalStatus: institution.legalStatus });
    }
    const east = ok(await s.as(U.admin, 'GET', `/tenancy/institutions/${EAST}`, undefined, EAST));
    const west = ok(await s.as(U.admin, 'GET', `/tenancy/institutions/${WEST}`, undefined, WEST));
    expect([...east.sites, ...west.sites].map((site: any) => site.id).sort()).toEqual(['east-field', 'east-main', 'west-main']);
    // an institution authorised by a legal entity must name it.
    const anonymous = await s.as(U.admin, 'PUT', '/tenancy/institutions/acc-north', { ...INSTITUTIONS[1], id: 'acc-north', authorisingEntity: undefined }, EAST);
    expect(anonymous.status).toBe(400);
    expect(anonymous.text).toMatch(/R-4.1.1/);

    for (const user of STAFF_USERS) ok(await s.as(U.admin, 'PUT', `/tenancy/users/${user.id}`, user, EAST));
    const misplaced = await s.as(U.admin, 'PUT', '/tenancy/users/east-stray', member('east-stray', ['calibrator'], EAST, 'west-main'), EAST);
    expectRefusal(misplaced, 400, 'R-4.1.1', 'site-of-institution');
    const regulator = await s.as(U.admin, 'PUT', '/tenancy/users/fake-regulator', { ...member('fake-regulator', ['intake-clerk']), jurisdiction: [EAST] }, EAST);
    expectRefusal(regulator, 403, 'R-4.1.1', 'not-by-lab');
    // Only an administrator of the network keeps the registry.
    expectRefusal(await s.as(U.clerk, 'PUT', `/tenancy/institutions/${EAST}`, INSTITUTIONS[0]), 403, 'R-4.1.1', 'network-administrator');
    // The regulator's jurisdiction comes from the authority (the operator's seed), never from a lab.
    await s.seedRegistry({ networks: [], users: [{ id: U.regulator, issuer: 'calchain-dev-issuer', subject: U.regulator, displayName: 'Regulator', memberships: [], jurisdiction: [EAST, WEST] }] });

    const me = ok(await s.as(U.clerk, 'GET', '/identity/me'));
    expect(me).toMatchObject({ user: U.clerk, institution: EAST, network: NETWORK, site: 'east-main', roles: ['intake-clerk'], via: 'oidc' });
    const disclosure = ok(await s.as(null, 'GET', `/public/institutions/${EAST}/disclosure`));
    expect(JSON.stringify(disclosure)).toContain('Order → review → receipt');
  });

  step('R-5.1.1 R-5.1.2 R-5.1.3 R-5.1.4 R-7.1.3 keeps the personnel ledger: employed, trained and examined staff are authorised per item; a technician is refused as signatory', async () => {
    const responsible = await authorisedPerson(s, 'Wang Jianguo', 'engineer', ['standard-responsible']);
    const calibrator = await authorisedPerson(s, 'Li Na', 'technician', ['calibrator']);
    const checker = await authorisedPerson(s, 'Zhao Lei', 'assistant-engineer', ['checker']);
    const signatory = await authorisedPerson(s, 'Chen Hua', 'engineer', ['authorised-signatory']);
    staff = { responsible, calibrator, checker, signatory };
    // a technician cannot be an authorised signatory.
    expectRefusal(
      await s.as(U.manager, 'POST', `/api/quality/persons/${calibrator}/authorisations`, { itemCode: ITEM_CODE, role: 'authorised-signatory', validFrom: labDay(), validUntil: labDay(365) }),
      422, 'R-5.1.3', 'signatory-qualification',
    );
    // The person ids of the ledger are who the lab's staff are when they sign in (registry user = person).
    for (const [id, roles] of [[calibrator, ['calibrator']], [checker, ['checker']], [signatory, ['authorised-signatory']]] as const) {
      ok(await s.as(U.admin, 'PUT', `/tenancy/users/${id}`, member(id, [...roles], EAST, 'east-main'), EAST));
    }
    const authorisations = ok(await s.as(U.manager, 'GET', `/api/quality/authorisations?itemCode=${encodeURIComponent(ITEM_CODE)}&activeOn=${labDay()}`));
    expect(authorisations.map((a: any) => [a.personId, a.role]).sort()).toEqual(
      [[responsible, 'standard-responsible'], [calibrator, 'calibrator'], [checker, 'checker'], [signatory, 'authorised-signatory']].sort(),
    );
    // Personal data stays in quality: the ledger answers "on file", never the national ID.
    expect(JSON.stringify(ok(await s.as(U.manager, 'GET', `/api/quality/persons/${calibrator}`)))).not.toMatch(/110105/);
  });

  step('R-5.2.4 R-5.3.2 R-4.1.2 R-5.1.1 equips the lab: verified method, calibrated comparator, certified standard and scope reach intake\'s capability with adequate staffing', async () => {
    equipment = await equipLab(s);
    const capability = await s.eventually(
      () => s.as(U.clerk, 'GET', `/api/intake/capability?methodCode=${encodeURIComponent(METHOD.code)}`),
      (a) => a.status === 200 && a.body.standards?.length === 1 && a.body.methods?.length === 1 && a.body.equipment?.length === 1 && a.body.staffing?.[0]?.adequate === true,
      'intake capability complete',
    );
    expect(capability.body.staffing[0]).toMatchObject({ itemCode: ITEM_CODE, adequate: true, hasQualifiedResponsible: true });
    // A regulator reads the authorised scope, read-only.
    ok(await s.as(U.regulator, 'GET', `/api/equipment/measurement-standards/${equipment.standardId}`, undefined, EAST));
  });

  step('R-6.1.1 R-6.1.2 R-4.1.2 R-6.1.4 a contract with an item outside the authorised scope: the review refuses it and acceptance names R-4.1.2', async () => {
    ok(await s.as(U.manager, 'PUT', '/api/intake/fee-schedule/L-146', { description: 'Gauge block, grade 1', serviceKind: 'calibration', discipline: 'length', unitPrice: '120.00' }));
    ok(await s.as(U.manager, 'PUT', '/api/intake/time-limits', { serviceKind: 'calibration', discipline: 'length', workingDays: 5 }));
    customerId = ok(await s.as(U.clerk, 'POST', '/api/intake/customers', { code: 'XPI', name: 'Xinhua Precision Instruments Ltd' })).id;
    contactId = ok(await s.as(U.clerk, 'POST', `/api/intake/customers/${customerId}/contacts`, { name: 'Han Meimei', phone: '+86 10 5555 0101' })).id;

    const created = ok(await s.as(U.clerk, 'POST', '/api/intake/contracts', {
      customerId, contactId,
      oralRequirements: [{ summary: 'certificates in Chinese and English', receivedOn: labDay() }],
      items: [lines.A(), lines.B(), lines.C()],
    }));
    contractId = created.contract.id;
    [item.A, item.B, item.C] = created.version.items.map((i: any) => i.itemId);
    expect(created.review.outcome).toBe('failed');
    // Only the out-of-range item fails, and it fails on the authorised scope among others.
    const failing = created.review.checks.filter((c: any) => c.outcome === 'fail');
    expect(new Set(failing.map((c: any) => c.itemId))).toEqual(new Set([item.B]));
    expect(failing.map((c: any) => [c.check, c.requirement])).toContainEqual(['scope', 'R-4.1.2']);
    expectRefusal(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/accept`), 422, 'R-4.1.2', 'review-passed', 'items.1');
    // the review is a stored record, retrievable as it was.
    const reviews = ok(await s.as(U.clerk, 'GET', `/api/intake/contracts/${contractId}/reviews`));
    expect(reviews.map((r: any) => [r.contractVersion, r.trigger, r.outcome])).toEqual([[1, 'created', 'failed']]);
  });

  step('R-6.1.3 R-6.1.4 a change of the contract is a new version with a new review; the old version stays as it was', async () => {
    // The whole new version: the three lines kept (by their item ids) and one added.
    const changed = ok(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/versions`, {
      changeReason: 'the customer adds a second gauge block',
      items: [lines.A({ itemId: item.A }), lines.B({ itemId: item.B }), lines.C({ itemId: item.C }), line({ serialNumber: 'GB-D' })],
    }));
    expect(changed.diff).toMatchObject({ changedItemIds: [], removedItemIds: [] });
    expect(changed.version.version).toBe(2);
    expect(changed.review).toMatchObject({ contractVersion: 2, trigger: 'changed' });
    item.D = changed.diff.addedItemIds[0];
    expect(ok(await s.as(U.clerk, 'GET', `/api/intake/contracts/${contractId}/versions/1`)).items).toHaveLength(3);
    const reviews = ok(await s.as(U.clerk, 'GET', `/api/intake/contracts/${contractId}/reviews`));
    expect(reviews.map((r: any) => [r.contractVersion, r.trigger])).toEqual([[1, 'created'], [2, 'changed']]);
  });

  step('R-6.1.2 R-6.1.3 subcontracting and a deviation each wait for the customer\'s recorded consent; then the contract is accepted into work orders (R-7.1.1)', async () => {
    const sub = ok(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/subcontracting`, { itemId: item.B, subcontractor: 'National Institute of Metrology', reason: 'above our authorised range' }));
    expectRefusal(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/accept`), 422, 'R-6.1.2', 'subcontracting-consent');
    ok(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/subcontracting/${sub.id}/consent`, consent(contactId, 'letter XPI-2026-17')));

    const deviation = ok(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/deviations`, {
      itemIds: [item.C], requirement: 'on site on Monday', deviation: 'on site on Wednesday: the standard returns from calibration on Tuesday',
    }));
    expect(deviation.status).toBe('awaiting-consent');
    expectRefusal(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/accept`), 422, 'R-6.1.3', 'deviation-consent');
    ok(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/deviations/${deviation.id}/consent`, consent(contactId, 'e-mail of the customer')));

    const accepted = ok(await s.as(U.clerk, 'POST', `/api/intake/contracts/${contractId}/accept`));
    labOrder = accepted.workOrders.find((w: any) => w.itemIds.includes(item.A));
    siteOrder = accepted.workOrders.find((w: any) => w.itemIds.includes(item.C));
    expect(labOrder.itemIds.sort()).toEqual([item.A, item.D].sort());
    expect(siteOrder.itemIds).toEqual([item.C]);
    const tracking = ok(await s.as(U.clerk, 'GET', `/api/intake/contracts/${contractId}/tracking`));
    expect(tracking.items.find((i: any) => i.itemId === item.B)).toMatchObject({ subcontracting: 'consented', status: null });
    // another institution of the same network does not see the contract.
    expect((await s.as(U.westClerk, 'GET', `/api/intake/contracts/${contractId}`)).status).toBe(404);
  });

  step('R-6.2.2 R-6.2.5 R-7.1.1 items are received with their checklists and photos; work orders are dispatched to the lab', async () => {
    for (const [id, serial] of [[item.A, 'GB-A'], [item.D, 'GB-D']]) {
      const received = ok(await s.as(U.clerk, 'POST', `/api/intake/items/${id}/intake`, {
        channel: 'delivered', condition: `${serial}: case scratched, blocks clean`, conditionAcceptable: true, ...checklist,
        photos: [{ fileName: `${serial}.jpg`, mediaType: 'image/jpeg', sizeBytes: 81234, sha256: sha(serial), storageRef: `docs://photos/${serial}.jpg` }],
      }));
      expect(received.label).toMatch(/^IL-\d{4}-\d{6}$/);
    }
    expectRefusal(await s.as(U.clerk, 'POST', `/api/intake/items/${item.A}/intake`, { channel: 'mailed', condition: 'again', conditionAcceptable: true }), 422, 'R-6.2.2', 'once');
    // An on-site item is not received into the lab.
    expect((await s.as(U.clerk, 'POST', `/api/intake/items/${item.C}/intake`, { channel: 'delivered', condition: 'ok', conditionAcceptable: true })).body.errors[0].rule).toBe('lab-item');
    for (const order of [labOrder, siteOrder]) expect(ok(await s.as(U.clerk, 'POST', `/api/intake/work-orders/${order.id}/dispatch`)).status).toBe('dispatched');
    expect((await s.as(U.clerk, 'GET', `/api/intake/items/${item.A}/status`)).body.status).toBe('in-lab');
  });

  step('R-6.2.4 R-6.2.8 R-5.4.4 R-6.2.7 an on-site job: environment agreed, safety acknowledged, out-of-limits conditions cleared only with both consents, closed only with travel evidence', async () => {
    const job = ok(await s.as(U.clerk, 'POST', '/api/intake/on-site-jobs', {
      contractId, itemIds: [item.C], siteAddress: 'Plant 3, Suzhou Industrial Park', crossRegion: true, plannedDate: labDay(), safetyChecklist: ['helmet worn', 'site induction'],
    }));
    jobId = job.id;
    const early = await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/start-measurement`);
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: any) => e.requirement)).toEqual(['R-6.2.4', 'R-6.2.8', 'R-5.4.4']);
    const sent = ok(await s.as(U.clerk, 'POST', `/api/intake/on-site-jobs/${jobId}/environment-requirements`, { channel: 'e-mail', contactId }));
    expect(sent.environmentRequirements).toEqual([expect.objectContaining({ methodCode: METHOD.code, quantity: 'temperature', lower: '19.0', upper: '21.0' })]);
    expectRefusal(await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/safety-acknowledgement`, { acknowledged: ['helmet worn'] }), 422, 'R-6.2.8');
    ok(await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/safety-acknowledgement`, { acknowledged: ['helmet worn', 'site induction'] }));
    const conditions = ok(await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/site-conditions`, { readings: [{ quantity: 'temperature', value: '23.5', unit: '°C' }] }));
    expect(conditions.siteConditions.meetsMethod).toBe(false);
    ok(await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/impact-assessment`, { assessment: 'thermal expansion adds 0.1 µm at 50 mm; within the customer tolerance' }));
    // The technical manager's consent is the technical manager's, not the calibrator's.
    expect((await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/technical-manager-consent`, { decision: 'granted' })).status).toBe(403);
    ok(await s.as(U.manager, 'POST', `/api/intake/on-site-jobs/${jobId}/technical-manager-consent`, { decision: 'granted' }));
    const half = await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/start-measurement`);
    expect(half.body.errors.map((e: any) => [e.field, e.requirement])).toEqual([['customerConsent', 'R-5.4.4']]);
    ok(await s.as(U.clerk, 'POST', `/api/intake/on-site-jobs/${jobId}/customer-consent`, consent(contactId, 'signed on site')));
    expect(ok(await s.as(staff.calibrator, 'POST', `/api/intake/on-site-jobs/${jobId}/start-measurement`)).status).toBe('measurement-cleared');

    const unproven = await s.as(U.manager, 'POST', `/api/intake/on-site-jobs/${jobId}/close`);
    expect(unproven.status).toBe(422);
    expect(unproven.body.errors.map((e: any) => [e.field, e.requirement])).toEqual([
      ['attachments.travel-ticket', 'R-6.2.7'], ['attachments.accommodation-invoice', 'R-6.2.7'], ['attachments.standard-shipping-note', 'R-6.2.7'],
    ]);
    for (const kind of ['travel-ticket', 'accommodation-invoice', 'standard-shipping-note']) {
      ok(await s.as(U.clerk, 'POST', `/api/intake/on-site-jobs/${jobId}/attachments`, attachment(kind)));
    }
    expect(ok(await s.as(U.manager, 'POST', `/api/intake/on-site-jobs/${jobId}/close`)).status).toBe('closed');
  });

  step('R-5.1.4 R-6.3.2 R-6.3.3 R-6.3.4 records are made only by the authorised calibrator, stamped by the server; a correction keeps the wrong value beside the right one', async () => {
    originalRecord = await recordOf(labOrder.id, item.A);
    const opening = { standardIds: [equipment.standardId], equipmentIds: [equipment.comparatorId], roomId: randomUUID(), roomCode: 'L-1' };
    // Records learns method, standard, equipment and authorisations from the other services' events.
    const opened = await s.eventually(() => s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/open`, opening), (a) => a.status < 300, 'record opened');
    expect(opened.body.status).toBe('open');
    // someone holding the calibrator role but no authorisation for the item cannot make the record.
    const recordD = await recordOf(labOrder.id, item.D);
    expectRefusal(await s.as(U.trainee, 'POST', `/api/records/raw-records/${recordD}/open`, opening), 422, 'R-5.1.4');

    // the server stamps the time; a claimed time far in the past without a reason is refused.
    const backfilled = await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/readings`, {
      readings: [{ symbol: 'd', point: '50 mm', nominal: '50', value: '0.00011', claimedAt: new Date(Date.now() - 3 * 3_600_000).toISOString() }],
    });
    expectRefusal(backfilled, 422, 'R-6.3.3');
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/readings`, readings(['0.0011', '0.00012', '0.00011', '0.00012', '0.00011', '0.00041'])));
    const record = ok(await s.as(staff.calibrator, 'GET', `/api/records/raw-records/${originalRecord}`));
    const wrong = record.readings.find((r: any) => r.value === '0.0011');
    const corrected = ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/observations/${wrong.observationId}/corrections`, { value: '0.00011', reason: 'misplaced decimal point' }));
    expect(corrected).toMatchObject({ originalValue: '0.0011', value: '0.00011' });
    expect(corrected.corrections).toEqual([expect.objectContaining({ previousValue: '0.0011', value: '0.00011', reason: 'misplaced decimal point', by: staff.calibrator })]);
    const versions = ok(await s.as(staff.calibrator, 'GET', `/api/records/raw-records/${originalRecord}/versions`));
    const before = versions.find((v: any) => v.kind === 'correction').version - 1;
    const old = ok(await s.as(staff.calibrator, 'GET', `/api/records/raw-records/${originalRecord}/versions/${before}`));
    expect(old.readings.find((r: any) => r.observationId === wrong.observationId).value).toBe('0.0011');
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/conditions`, { conditions: [{ quantity: 'temperature', value: '20.3', unit: '°C' }] }));
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/calculation`, calculation('±0.0005')));
  });

  step('R-8.2 an outlier among the repeats makes the record suspicious, blocks approval and leads to a linked re-measurement', async () => {
    const submitted = ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/submit`));
    expect(submitted.status).toBe('suspicious');
    expect(submitted.findings).toEqual([expect.objectContaining({ check: 'outlier-grubbs', values: ['0.00041'] })]);
    const refused = await s.as(staff.checker, 'POST', `/api/records/raw-records/${originalRecord}/approve`);
    // Refused under itself: suspicious data blocks approval until the re-measurement.
    expectRefusal(refused, 422, 'R-8.2', 'status-submitted');
    expect(refused.body.detail).toMatch(/suspicious/);
    const remeasured = ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${originalRecord}/remeasurements`, { reason: 'Grubbs outlier at 50 mm' }));
    remeasuredRecord = remeasured.remeasurement.id;
    expect(remeasured.original.status).toBe('remeasured');
    expect(remeasured.remeasurement).toMatchObject({ status: 'dispatched', remeasurementOf: originalRecord, itemId: item.A });
    // quality hears of it as a re-measurement request and registers it.
    await s.eventually(
      () => s.as(U.supervisor, 'GET', '/api/quality/improvements'),
      (a) => a.status === 200 && a.body.some((e: any) => e.source === 'remeasurement' && e.requirement === 'R-8.2' && /outlier-grubbs/.test(e.summary)),
      'suspicious data in the improvement register',
    );
    const requests = await s.eventually(
      () => s.as(U.supervisor, 'GET', `/api/quality/remeasurements?recordId=${originalRecord}`),
      (a) => a.status === 200 && a.body.length === 1,
      'the re-measurement request in quality, through the gateway',
    );
    expect(requests.body[0]).toMatchObject({ recordId: originalRecord });
  });

  step('R-5.1.4 R-6.3.2 R-6.3.5 review and approval: the re-measurement is calculated with the method\'s model and approved by a different authorised checker', async () => {
    const opening = { standardIds: [equipment.standardId], equipmentIds: [equipment.comparatorId], roomId: randomUUID(), roomCode: 'L-1' };
    expect(ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${remeasuredRecord}/open`, opening)).status).toBe('open');
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${remeasuredRecord}/readings`, readings(['0.00011', '0.00012', '0.00011', '0.00013', '0.00012', '0.00012'])));
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${remeasuredRecord}/conditions`, { conditions: [{ quantity: 'temperature', value: '20.2', unit: '°C' }] }));
    const calculated = ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${remeasuredRecord}/calculation`, calculation('±0.0005')));
    const result = calculated.results?.[0] ?? calculated.calculation?.results?.[0];
    expect(result).toMatchObject({ point: '50 mm', unit: 'mm', limit: '±0.0005' });
    // U to two significant figures, the value to the same decimal place (GB/T 8170).
    expect(result.expandedUncertainty).toMatch(/^0\.0000\d\d$/);
    expect(result.measuredValue.split('.')[1].length).toBe(result.expandedUncertainty.split('.')[1].length);
    expect(ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${remeasuredRecord}/submit`)).status).toBe('submitted');
    // The calibrator has no checker role at all; approval is by the authorised checker.
    expect((await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${remeasuredRecord}/approve`)).status).toBe(403);
    const approved = ok(await s.as(staff.checker, 'POST', `/api/records/raw-records/${remeasuredRecord}/approve`));
    expect(approved.record?.status ?? approved.status).toBe('approved');
    expect(approved.event).toMatchObject({ recordId: remeasuredRecord, remeasurementOf: originalRecord, calibratorPersonId: staff.calibrator, checkerPersonId: staff.checker });
    // a record can never be deleted.
    expect((await s.as(U.manager, 'DELETE', `/api/records/raw-records/${remeasuredRecord}`)).status).toBeGreaterThanOrEqual(400);
  });

  step('R-5.4.4 R-5.4.1 the on-site record with out-of-limits conditions passes only because both consents were given, and is approved', async () => {
    siteRecord = await recordOf(siteOrder.id, item.C);
    const opened = await s.eventually(
      () => s.as(staff.calibrator, 'POST', `/api/records/raw-records/${siteRecord}/open`, { standardIds: [equipment.standardId], equipmentIds: [equipment.comparatorId] }),
      (a) => a.status < 300, 'on-site record opened after intake cleared the job',
    );
    expect(opened.body.status).toBe('open');
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${siteRecord}/readings`, readings(['0.00021', '0.00022', '0.00021', '0.00023', '0.00022', '0.00022'])));
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${siteRecord}/conditions`, { conditions: [{ quantity: 'temperature', value: '23.5', unit: '°C' }] }));
    ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${siteRecord}/calculation`, calculation()));
    const submitted = ok(await s.as(staff.calibrator, 'POST', `/api/records/raw-records/${siteRecord}/submit`));
    expect(submitted).toMatchObject({ status: 'submitted', environment: { withinLimits: false, consented: true, blocking: false } });
    ok(await s.as(staff.checker, 'POST', `/api/records/raw-records/${siteRecord}/approve`));
  });

  step('R-6.4.5 R-5.1.3 R-6.4.2.2 R-6.4.2.3 R-6.4.1 certificates are signed by the authorised signatory with the PIN, numbered without gaps, with guarded-acceptance statements', async () => {
    ok(await s.as(U.manager, 'PUT', '/api/certificates/institution', { name: 'East Metrology Institute', numberPrefix: 'AE' }));
    ok(await s.as(staff.signatory, 'PUT', '/api/certificates/signatories/me', { printedName: 'Chen Hua', pin: PIN }));
    ok(await s.as(staff.calibrator, 'PUT', '/api/certificates/staff/me', { printedName: 'Li Na' }));
    const draftA = await draftOf(item.A);
    const draftC = await draftOf(item.C);
    expect(draftA.recordId ?? draftA.content?.record?.recordId ?? remeasuredRecord).toBe(remeasuredRecord);
    // The checker may read but is not the signatory; a wrong PIN is not the person.
    expect((await s.as(staff.checker, 'POST', `/api/certificates/certificates/${draftA.id}/sign`, { pin: PIN })).status).toBeGreaterThanOrEqual(403);
    expectRefusal(await sign(draftA.id, '000000'), 422, 'R-6.4.5', 're-authentication');
    // The agreed decision rule reaches the draft from the contract review (intake.contract.accepted).
    await s.eventually(
      () => s.as(staff.signatory, 'GET', `/api/certificates/certificates/${draftA.id}`),
      (a) => a.status === 200 && a.body.content?.decisionRule?.rule === 'guarded',
      'agreed guarded-acceptance rule on the draft',
    );
    certificateA = { ...ok(await sign(draftA.id)), id: draftA.id };
    certificateC = { ...ok(await sign(draftC.id)), id: draftC.id };
    const year = labDay().slice(0, 4);
    expect([certificateA.number, certificateC.number]).toEqual([`AE-${year}-000001`, `AE-${year}-000002`]);
    expect(certificateA.status).toBe('issued');
    const content = (await s.as(staff.signatory, 'GET', `/api/certificates/certificates/${draftA.id}/documents/json`)).body.content;
    expect(content.persons).toMatchObject({ calibrator: staff.calibrator, calibratorName: 'Li Na' });
    expect(content.decisionRule).toMatchObject({ rule: 'guarded', guardBand: '0.0001' });
    expect(content.statements).toEqual([expect.objectContaining({ point: '50 mm', conformity: 'pass', rule: 'guarded', guardBand: '0.0001', limit: '±0.0005' })]);
    expect(content.statements[0].clause).toContain(METHOD.code);
    for (const r of content.results) expect(r).toMatchObject({ expandedUncertainty: expect.any(String), coverageFactor: expect.any(String) });
  });

  step('R-6.4.3 R-6.4.5 the public verifies the issued certificate and its PDF through the gateway, without a token', async () => {
    const pdf = await s.as(staff.signatory, 'GET', `/api/certificates/certificates/${certificateA.id}/documents/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toMatch(/application\/pdf/);
    // The holder hashes the PDF they were given; nothing the server says about it is taken on trust.
    const declared = createHash('sha256').update(pdf.bytes).digest('hex');
    expect(pdf.headers.get('x-content-sha256')).toBe(declared);
    const verified = ok(await s.as(null, 'GET', `/public/certificates/verify?institution=${EAST}&number=${certificateA.number}&hash=${declared}`));
    expect(verified).toMatchObject({ exists: true, number: certificateA.number, status: 'valid', signatureValid: true, documentMatches: true, matchedFormat: 'pdf' });
    const forged = ok(await s.as(null, 'GET', `/public/certificates/verify?institution=${EAST}&number=${certificateA.number}&hash=${createHash('sha256').update('forged').digest('hex')}`));
    expect(forged.documentMatches).toBe(false);
    const xml = await s.as(staff.signatory, 'GET', `/api/certificates/certificates/${certificateA.id}/documents/xml`);
    expect(xml.text).toMatch(/<dcc:digitalCalibrationCertificate/);
  });

  step('R-6.4.4.1 R-6.4.4.2 a supplement to a correct certificate keeps the original valid; a supplement for a wrong one is refused', async () => {
    expectRefusal(
      await s.as(staff.signatory, 'POST', `/api/certificates/certificates/${certificateA.id}/supplements`, { reason: 'values wrong', originalWasCorrect: false, remarks: ['x'] }),
      422, 'R-6.4.4.2', 'supplement-only-if-correct',
    );
    const draft = ok(await s.as(staff.signatory, 'POST', `/api/certificates/certificates/${certificateA.id}/supplements`, {
      reason: 'the customer asks for the environmental conditions statement', originalWasCorrect: true, remarks: ['Ambient temperature 20.2 °C during calibration'],
    }));
    supplementA = ok(await sign(draft.id));
    expect((await publicStatus(certificateA.number)).body).toMatchObject({ status: 'valid', supplements: [supplementA.number], replacedBy: null });
    expect((await publicStatus(supplementA.number)).body).toMatchObject({ status: 'valid', supplementTo: { number: certificateA.number } });
  });

  step('R-6.4.4.3 a wrong certificate is reissued with a new number; the original is void, kept and verifies as void', async () => {
    const draft = ok(await s.as(staff.signatory, 'POST', `/api/certificates/certificates/${certificateC.id}/reissue`, { reason: 'the serial number was printed wrong', remarks: ['Serial number corrected to GB-C'] }));
    reissuedC = ok(await sign(draft.id));
    expect(reissuedC.number).not.toBe(certificateC.number);
    expect((await publicStatus(certificateC.number)).body).toMatchObject({ status: 'void', replacedBy: { number: reissuedC.number }, signatureValid: true });
    expect((await publicStatus(reissuedC.number)).body).toMatchObject({ status: 'valid', replaces: { number: certificateC.number } });
    const voided = ok(await s.as(staff.signatory, 'GET', `/api/certificates/certificates/${certificateC.id}`));
    expect(voided.status).toBe('void');
    expect((await s.as(staff.signatory, 'POST', `/api/certificates/certificates/${certificateC.id}/reissue`, { reason: 'again' })).status).toBe(422);
  });

  step('R-6.2.5 R-6.2.6 the item goes back checked and signed within the promised time; an item left unmeasured breaches its time limit', async () => {
    await s.eventually(() => s.as(U.clerk, 'GET', `/api/intake/items/${item.A}/status`), (a) => a.body?.status === 'certificate-issued', 'item A certificate issued in intake');
    const handOver = { ...checklist, handedOverTo: contactId, signatureRef: 'docs://signatures/return-GB-A' };
    const short = await s.as(U.clerk, 'POST', `/api/intake/items/${item.A}/return`, { ...handOver, accessories: [{ name: 'Wooden case', quantity: 1 }] });
    expectRefusal(short, 422, 'R-6.2.5', 'matches-intake');
    expect(ok(await s.as(U.clerk, 'POST', `/api/intake/items/${item.A}/return`, handOver))).toMatchObject({ completedOn: labDay() });
    const clocks = ok(await s.as(U.manager, 'GET', `/api/intake/time-limit-promises?contractId=${contractId}`));
    expect(clocks.items.find((c: any) => c.itemId === item.A)).toMatchObject({ clock: { state: 'met' } });
    expect(clocks.items.find((c: any) => c.itemId === item.D).clock.state).toBe('running');

    // The lab's calendar moves on (intake restarted with its test clock): item D was never measured.
    await s.restart('intake', { INTAKE_CLOCK_OFFSET_DAYS: '30' });
    const sweep = ok(await s.as(U.manager, 'POST', '/api/intake/time-limit-promises/sweep'));
    expect(sweep.breached).toBeGreaterThanOrEqual(1);
    expect(sweep.announcedBreached).toBe(sweep.breached);
    const after = ok(await s.as(U.manager, 'GET', `/api/intake/time-limit-promises?contractId=${contractId}`));
    expect(after.items.find((c: any) => c.itemId === item.D).clock).toMatchObject({ state: 'breached' });
    expect(after.items.find((c: any) => c.itemId === item.A).clock).toMatchObject({ state: 'met' });
  });

  step('R-8.3.1 R-8.3.2 R-8.3.3 R-8.3.4 a complaint with a confidential complainant is handled within the published time limit; the identity reaches only the assigned handler', async () => {
    ok(await s.as(U.supervisor, 'PUT', '/api/quality/complaint-policy', { handlingDays: 10 }));
    const policy = ok(await s.as(null, 'GET', `/api/quality/public/complaint-policy/${EAST}`));
    expect(policy).toMatchObject({ institution: EAST, handlingDays: 10 });
    // the public complaint form of the gateway: no token; the receipt names the time limit, not the person.
    const filed = await s.as(null, 'POST', `/public/institutions/${EAST}/complaints`, {
      category: 'certificate', subject: 'Serial number on certificate', description: `Certificate ${certificateC.number} shows a wrong serial number.`,
      confidential: true, complainant,
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ reference: expect.stringMatching(/^CMP-\d{4}-\d{6}$/), handlingDays: 10, requirement: 'R-8.3.2' });
    expect(filed.text).not.toContain(complainant.name);
    const listed = await s.as(U.supervisor, 'GET', '/api/quality/complaints');
    complaint = ok(listed).find((c: any) => c.number === filed.body.reference);
    expect(complaint).toMatchObject({ channel: 'web-form', status: 'received' });
    expect(listed.text).not.toContain(complainant.name);
    ok(await s.as(U.supervisor, 'POST', `/api/quality/complaints/${complaint.id}/handlers`, { handler: U.handler }));
    expect(ok(await s.as(U.handler, 'GET', `/api/quality/complaints/${complaint.id}`))).toMatchObject({ complainantVisible: true, complainant: expect.objectContaining({ name: complainant.name }) });
    const supervisorView = await s.as(U.supervisor, 'GET', `/api/quality/complaints/${complaint.id}`);
    expect(supervisorView.body).toMatchObject({ complainantVisible: false, complainant: null });
    expect(supervisorView.text).not.toContain(complainant.name);
    ok(await s.as(U.handler, 'POST', `/api/quality/complaints/${complaint.id}/steps`, { kind: 'investigation', note: `Reissued as ${reissuedC.number}; original void.` }));
    const closed = ok(await s.as(U.handler, 'POST', `/api/quality/complaints/${complaint.id}/close`, {
      outcome: 'upheld', resolution: `Certificate reissued as ${reissuedC.number}; complainant informed by phone.`, openCorrectiveAction: true,
    }));
    expect(closed).toMatchObject({ status: 'closed', withinTimeLimit: true });
    expect(closed.steps.map((st: any) => st.kind)).toEqual(['registered', 'handler-assigned', 'investigation', 'closed']);
    expectRefusal(await s.as(U.handler, 'POST', `/api/quality/complaints/${complaint.id}/steps`, { kind: 'note', note: 'later' }), 422, 'R-8.3.4', 'archived');
    // What left the service (events) never carries the complainant — a regulator cannot look there, so SQL does.
    const events = await s.platform.database.query<{ envelope: unknown }>(`select envelope from quality.outbox_message`);
    expect(JSON.stringify(events)).not.toMatch(/Ouyang|8765 4321|Xinhua Precision/);
  });

  step('R-5.5.2 R-9.1 R-9.2 an unsatisfactory proficiency-testing result opens a corrective action, taken to verified closure by an independent person', async () => {
    const round = ok(await s.as(U.supervisor, 'POST', '/api/quality/proficiency-rounds', {
      scheme: 'proficiency-test', provider: 'NIM', roundCode: 'NIM-PT-2026-GB', itemCode: ITEM_CODE, title: 'Gauge block 50 mm', scoring: 'En',
    }));
    const result = ok(await s.as(U.supervisor, 'POST', `/api/quality/proficiency-rounds/${round.id}/results`, {
      artefact: 'GB-50 central length', unit: 'mm', labValue: '50.00091', labUncertainty: '0.00030', assignedValue: '50.00040', assignedUncertainty: '0.00020',
    }));
    // En = 0.00051 / √(0.00030² + 0.00020²) ≈ 1.41 > 1.
    expect(result).toMatchObject({ classification: 'unsatisfactory', consequence: 'corrective-action' });
    const path = `/api/quality/corrective-actions/${result.correctiveActionId}`;
    const planned = ok(await s.as(U.supervisor, 'POST', `${path}/plan`, {
      rootCause: 'The gauge block was not stabilised at 20 °C for 2 h before comparison.',
      tasks: [{ description: 'Amend work instruction WI-146: 2 h stabilisation', owner: U.supervisor }],
    }));
    expect(planned.status).toBe('planned');
    expect(ok(await s.as(U.supervisor, 'POST', `${path}/tasks/${planned.tasks[0].id}/complete`, { note: 'WI-146 rev. 4 issued' })).status).toBe('implemented');
    expect((await s.as(U.supervisor, 'POST', `${path}/verification`, { effective: true, evidence: 'self check' })).body.errors).toEqual([
      expect.objectContaining({ field: 'verifiedBy', rule: 'independent-verification' }),
    ]);
    const verified = ok(await s.as(U.manager, 'POST', `${path}/verification`, { effective: true, evidence: 'Re-measurement En = 0.42; next round satisfactory' }));
    expect(verified).toMatchObject({ status: 'closed', verifications: [expect.objectContaining({ verifiedBy: U.manager, effective: true })] });
    const register = ok(await s.as(U.supervisor, 'GET', '/api/quality/improvements?source=proficiency-test'));
    expect(register.find((e: any) => e.correctiveActionId === result.correctiveActionId)).toMatchObject({ status: 'closed' });
  });

  step('R-7.3.2 R-8.3.3 R-4.1.1 a regulator reads the certificate register and complaint statistics, never writes, never sees a complainant, and every look is logged', async () => {
    const register = ok(await s.as(U.regulator, 'GET', '/api/certificates/certificates', undefined, EAST));
    const numbers = (Array.isArray(register) ? register : register.items).map((c: any) => [c.number, c.status]);
    expect(numbers).toEqual(expect.arrayContaining([[certificateA.number, 'issued'], [certificateC.number, 'void'], [reissuedC.number, 'issued'], [supplementA.number, 'issued']]));
    const stats = ok(await s.as(U.regulator, 'GET', '/api/quality/complaints/statistics', undefined, EAST));
    expect(stats).toMatchObject({ received: 1, closed: 1, closedWithinTimeLimit: 1 });
    expect(JSON.stringify(stats)).not.toContain(complainant.name);
    const summary = ok(await s.as(U.regulator, 'GET', '/api/quality/regulator/complaint-statistics', undefined, EAST));
    expect(summary).toMatchObject({ received: 1, timeLimitBreached: 0, closedWithinTimeLimit: 1, closedLate: 0 });
    expect(summary.byChannel).toEqual([{ key: 'web-form', count: 1 }]);
    expect(JSON.stringify(summary)).not.toMatch(/Ouyang|8765 4321|Serial number/);
    // personnel per item as counts, without names or ids.
    const personnel = await s.as(U.regulator, 'GET', '/api/quality/regulator/personnel-counts', undefined, EAST);
    expect(ok(personnel).items.find((i: any) => i.itemCode === ITEM_CODE)).toMatchObject({ authorisedPersons: 4, adequate: true, hasQualifiedResponsible: true });
    expect(personnel.text).not.toContain(staff.calibrator);
    ok(await s.as(U.regulator, 'GET', '/api/equipment/regulator/equipment-counts', undefined, EAST));
    ok(await s.as(U.regulator, 'GET', '/api/records/regulator/chain-checkpoints', undefined, EAST));
    const anonymised = ok(await s.as(U.regulator, 'GET', '/api/quality/regulator/complaints', undefined, EAST));
    expect(anonymised).toHaveLength(1);
    expect(JSON.stringify(anonymised)).not.toMatch(/Ouyang|8765 4321/);
    // Read-only, at the gateway and in the service.
    const write = await s.as(U.regulator, 'POST', '/api/quality/complaints', { channel: 'phone' }, EAST);
    expect(write.status).toBe(403);
    expect(write.contentType).toMatch(/application\/problem\+json/);
    // Without naming one of its institutions, a regulator of two is asked which.
    expect((await s.as(U.regulator, 'GET', '/api/certificates/certificates')).status).toBe(400);
    const log = ok(await s.as(U.admin, 'GET', `/tenancy/institutions/${EAST}/regulator-access`, undefined, EAST));
    expect(JSON.stringify(log)).toContain('regulator/complaint-statistics');
  });

  step('R-6.3.4 R-7.2 the tamper-evidence check passes, then fails after a direct SQL change — through the API and the records command', async () => {
    const clean = ok(await s.as(U.supervisor, 'GET', '/api/records/chain/verification'));
    expect(clean).toMatchObject({ intact: true, firstBroken: null, problems: [] });
    // The regulator may run the same check (read-only).
    expect(ok(await s.as(U.regulator, 'GET', '/api/records/chain/verification', undefined, EAST)).intact).toBe(true);
    const checkpoint = ok(await s.as(U.supervisor, 'POST', '/api/records/chain/checkpoints'));
    expect(checkpoint.toSequence).toBe(clean.entries);

    // Someone with the schema owner's rights rewrites an approved reading, getting past the trigger.
    const db = s.platform.database;
    const [target] = await db.queryAsTenant<{ seq: string; id: string; record_version: number }>(
      EAST, `select seq, id, record_version from records.record_entry where record_id = $1 and kind = 'reading' order by seq limit 1`, [remeasuredRecord],
    );
    await db.query(`alter table records.record_entry disable trigger record_entry_append_only`);
    try {
      await db.queryAsTenant(EAST, `update records.record_entry set payload = jsonb_set(payload, '{value}', '"0.00010"') where id = $1`, [target.id]);
    } finally {
      await db.query(`alter table records.record_entry enable trigger record_entry_append_only`);
    }
    const broken = ok(await s.as(U.supervisor, 'GET', '/api/records/chain/verification'));
    expect(broken.intact).toBe(false);
    expect(broken.firstBroken).toMatchObject({ problem: 'payload-hash-mismatch', seq: Number(target.seq), entryId: target.id, recordId: remeasuredRecord, kind: 'reading' });

    const command = await run(process.execPath, ['-r', './tools/register.js', 'services/records/src/main.ts', 'verify-chain', '--tenant', EAST], {
      cwd: repoRoot, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
    }).then((r) => ({ code: 0, stdout: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    expect(command.code).toBe(2);
    expect(command.stdout).toContain(`${EAST}: BROKEN — first broken entry: #${target.seq} reading of record ${remeasuredRecord}`);
  });
});
