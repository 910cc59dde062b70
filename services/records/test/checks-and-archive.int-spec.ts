import { randomUUID } from 'node:crypto';
import { parseEvent, Topics } from '@calchain/contracts';
import { calculationSpec, dispatchedItem, ITEM_CODE, seedLab } from './fixtures';
import { RecordsTestApp } from './records-test-app';
import { ChainService } from '../src/chain/application/chain-service';

/**
 * The checks around a record on real PostgreSQL and Kafka (issue 6): the BMC check blocking
 * approval, suspicious data opening a re-measurement, the room monitoring and on-site consents,
 * authorisations ending, adjustment consent, search and the access log, and retention-driven
 * destruction that leaves the chain intact.
 */
describe('record checks, search and archive (records service, real PostgreSQL and Kafka)', () => {
  let app: RecordsTestApp;

  beforeAll(async () => {
    app = await RecordsTestApp.start('records-checks', '2026-11-26T01:00:00Z');
  });

  afterAll(() => app?.stop());

  const measure = async (recordId: string, token: string, values: string[], conditions = [['temperature', '20.4', '°C'], ['relative-humidity', '45', '%']]) => {
    const r = await app.call('POST', `/raw-records/${recordId}/readings`, token, { readings: values.map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value })) });
    if (r.status !== 201) throw new Error(`readings: ${JSON.stringify(r.body)}`);
    const c = await app.call('POST', `/raw-records/${recordId}/conditions`, token, { conditions: conditions.map(([quantity, value, unit]) => ({ quantity, value, unit })) });
    if (c.status !== 201) throw new Error(`conditions: ${JSON.stringify(c.body)}`);
    const calc = await app.call('POST', `/raw-records/${recordId}/calculation`, token, calculationSpec);
    if (calc.status !== 200) throw new Error(`calculation: ${JSON.stringify(calc.body)}`);
    return calc.body;
  };
  const ordinary = ['0.00011', '0.00012', '0.00011', '0.00013', '0.00012'];

  it('R-4.1.2 a reported U smaller than the authorised capability is flagged and blocks approval', async () => {
    const tenant = 'lab-bmc';
    const lab = await seedLab(app, tenant, { bmc: '0.50' });
    const calibrator = await app.token(tenant, ['calibrator'], lab.calibrator);
    const { record } = await dispatchedItem(app, tenant, calibrator);
    await app.call('POST', `/raw-records/${record.id}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-1' });
    const calc = await measure(record.id, calibrator, ordinary);
    expect(calc.bmc[0]).toMatchObject({ outcome: 'better-than-bmc', capability: { expandedUncertainty: '0.50', unit: 'µm', standardCode: '[2024]GB-001' } });
    expect((await app.call('POST', `/raw-records/${record.id}/submit`, calibrator)).body.status).toBe('submitted');
    const shown = (await app.call('GET', `/raw-records/${record.id}`, calibrator)).body;
    expect(shown.blockedBy).toEqual([expect.objectContaining({ check: 'better-than-bmc', subject: '50 mm' })]);
    const r = await app.call('POST', `/raw-records/${record.id}/approve`, await app.token(tenant, ['checker'], lab.checker));
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ requirement: 'R-4.1.2', rule: 'not-better-than-bmc', field: 'results.50 mm' });
    expect(await app.events('records.record.approved')).toEqual([]);
  });

  describe('R-8.2 suspicious data', () => {
    const tenant = 'lab-sus';
    let lab: Awaited<ReturnType<typeof seedLab>>;
    let calibrator: string;
    let checker: string;
    let original: string;
    let remeasurement: string;

    beforeAll(async () => {
      lab = await seedLab(app, tenant);
      calibrator = await app.token(tenant, ['calibrator'], lab.calibrator);
      checker = await app.token(tenant, ['checker'], lab.checker);
      original = (await dispatchedItem(app, tenant, calibrator, { serialNumber: 'GB-77' })).record.id;
      await app.call('POST', `/raw-records/${original}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-2' });
    });

    it('an outlier among repeats blocks approval and asks quality for a re-measurement', async () => {
      await measure(original, calibrator, ['0.00011', '0.00012', '0.00011', '0.00012', '0.00011', '0.00041']);
      const submitted = await app.call('POST', `/raw-records/${original}/submit`, calibrator);
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('suspicious');
      expect(submitted.body.findings).toEqual([expect.objectContaining({ check: 'outlier-grubbs', values: ['0.00041'], significance: '0.05' })]);
      const [event] = await app.kafkaEvents(Topics.recordsRecords, 1);
      const parsed = parseEvent(event);
      expect(parsed.type).toBe('records.suspicious-data.detected');
      expect(parsed.payload).toMatchObject({ recordId: original, itemCode: ITEM_CODE, requirement: 'R-8.2', remeasurementRequested: true, calibratorPersonId: lab.calibrator });
      const approve = await app.call('POST', `/raw-records/${original}/approve`, checker);
      expect(approve.status).toBe(422);
      // the suspicious value cannot be "corrected" away either: it is re-measured
      const record = (await app.call('GET', `/raw-records/${original}`, calibrator)).body;
      const suspect = record.readings.find((r: { value: string }) => r.value === '0.00041');
      expect((await app.call('POST', `/raw-records/${original}/observations/${suspect.observationId}/corrections`, calibrator, { value: '0.00011', reason: 'looks wrong' })).status).toBe(422);
    });

    it('the re-measurement is a new record linked to the original, which stays as it was', async () => {
      const r = await app.call('POST', `/raw-records/${original}/remeasurements`, calibrator, { reason: 'Grubbs outlier at 50 mm' });
      expect(r.status).toBe(201);
      remeasurement = r.body.remeasurement.id;
      expect(r.body.original.status).toBe('remeasured');
      expect(r.body.remeasurement).toMatchObject({ status: 'dispatched', remeasurementOf: original, itemCode: ITEM_CODE, serialNumber: 'GB-77' });
      expect((await app.call('GET', `/raw-records/${original}`, calibrator)).body).toMatchObject({ status: 'remeasured', remeasuredBy: remeasurement });
      await app.call('POST', `/raw-records/${remeasurement}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-2' });
      await measure(remeasurement, calibrator, ordinary);
      expect((await app.call('POST', `/raw-records/${remeasurement}/submit`, calibrator)).body.status).toBe('submitted');
      const approved = await app.call('POST', `/raw-records/${remeasurement}/approve`, checker);
      expect(approved.status).toBe(200);
      expect(approved.body.event).toMatchObject({ recordId: remeasurement, remeasurementOf: original });
    });

    it('a step change against the item\'s previous approved result is suspicious too', async () => {
      const next = (await dispatchedItem(app, tenant, calibrator, { serialNumber: 'GB-77' })).record.id;
      await app.call('POST', `/raw-records/${next}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-2' });
      await measure(next, calibrator, ['0.00051', '0.00052', '0.00051', '0.00053', '0.00052']);
      const r = await app.call('POST', `/raw-records/${next}/submit`, calibrator);
      expect(r.body.status).toBe('suspicious');
      expect(r.body.findings).toEqual([expect.objectContaining({ check: 'step-change', point: '50 mm' })]);
    });

    it('R-6.3.1 searches by serial number, standard, person, status and date; reads outside the job are logged (R-7.3.1)', async () => {
      const bySerial = (await app.call('GET', `/raw-records?serialNumber=GB-77`, calibrator)).body;
      expect(bySerial.map((r: { status: string }) => r.status).sort()).toEqual(['approved', 'remeasured', 'suspicious']);
      expect((await app.call('GET', `/raw-records?standardId=${lab.standardId}&status=approved`, calibrator)).body.map((r: { id: string }) => r.id)).toEqual([remeasurement]);
      expect((await app.call('GET', `/raw-records?person=${lab.checker}`, calibrator)).body.map((r: { id: string }) => r.id)).toEqual([remeasurement]);
      expect((await app.call('GET', `/raw-records?customerId=customer-42&from=2026-11-26&to=2026-11-26`, calibrator)).body.length).toBeGreaterThanOrEqual(3);
      expect((await app.call('GET', `/raw-records?customerId=customer-42&from=2026-11-27`, calibrator)).body).toEqual([]);
      expect((await app.call('GET', `/raw-records`, calibrator)).status).toBe(400);

      const outsider = await app.token(tenant, ['quality-supervisor'], 'qs-outside');
      expect((await app.call('GET', `/raw-records/${remeasurement}`, outsider)).status).toBe(200);
      const log = (await app.call('GET', `/raw-records/${remeasurement}/access-log`, outsider)).body;
      expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ subject: 'qs-outside', inJob: false, action: 'read' })]));
      expect(log.some((l: { subject: string }) => l.subject === lab.calibrator)).toBe(false);
      expect((await app.call('GET', `/raw-records/${remeasurement}/access-log`, calibrator)).status).toBe(403);
    });

    it('R-6.3.6 / R-7.3.1 expired records are destroyed only through a list approved by a second person; the chain stays intact', async () => {
      app.clock.set('2033-01-10T02:00:00Z');
      const keeper = await app.token(tenant, ['quality-supervisor', 'technical-manager'], 'qs-keeper');
      const expired = (await app.call('GET', '/retention/expired', keeper)).body;
      expect(expired.map((r: { id: string }) => r.id).sort()).toEqual([original, remeasurement].sort());
      const list = await app.call('POST', '/retention/destruction-lists', keeper);
      expect(list.status).toBe(201);
      const self = await app.call('POST', `/retention/destruction-lists/${list.body.id}/approval`, keeper);
      expect(self.body.errors[0]).toMatchObject({ requirement: 'R-7.3.1', rule: 'four-eyes' });
      const manager = await app.token(tenant, ['technical-manager'], 'tm-2');
      const approved = await app.call('POST', `/retention/destruction-lists/${list.body.id}/approval`, manager);
      expect(approved.body).toMatchObject({ status: 'approved', destroyed: expect.arrayContaining([original, remeasurement]) });
      const gone = (await app.call('GET', `/raw-records/${remeasurement}`, keeper)).body;
      expect(gone).toMatchObject({ status: 'destroyed', recordNumber: expect.any(String), orderNumber: expect.any(String), readings: [] });
      expect(gone.destruction).toMatchObject({ destructionListId: list.body.id, approvedBy: 'tm-2' });
      expect(gone.versions.length).toBeGreaterThan(10);
      const verification = await app.call('GET', '/chain/verification', keeper);
      expect(verification.body).toMatchObject({ intact: true, problems: [] });
      expect((await app.call('DELETE', `/raw-records/${remeasurement}`, keeper)).status).toBe(422);
    });
  });

  it('R-5.4.2 blocks a record when the room monitoring saw the method limits broken during the measurement', async () => {
    const tenant = 'lab-env';
    app.clock.set('2026-11-26T03:00:00Z');
    const lab = await seedLab(app, tenant);
    const calibrator = await app.token(tenant, ['calibrator'], lab.calibrator);
    const { record } = await dispatchedItem(app, tenant, calibrator);
    await app.call('POST', `/raw-records/${record.id}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-3' });
    const excursionId = randomUUID();
    await app.publish('equipment.environment.excursion-detected', tenant, lab.roomId, {
      excursionId, roomId: lab.roomId, roomCode: 'R-3', quantity: 'temperature', unit: '°C', lower: '18', upper: '22', value: '22.4', deviceId: 'T-3', startedAt: '2026-11-26T02:50:00Z',
    });
    await measure(record.id, calibrator, ordinary);
    const r = await app.call('POST', `/raw-records/${record.id}/submit`, calibrator);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ requirement: 'R-5.4.1', field: 'environment.temperature' });
    expect(r.body.errors[0].message).toMatch(/monitoring saw temperature at 22.4 °C/);
  });

  it('R-5.4.4 on site: no record before intake cleared the job; out-of-limit conditions pass only with both consents', async () => {
    const tenant = 'lab-site';
    const lab = await seedLab(app, tenant);
    const calibrator = await app.token(tenant, ['calibrator'], lab.calibrator);
    const { record, itemId } = await dispatchedItem(app, tenant, calibrator, { place: 'on-site' });
    const body = { standardIds: [lab.standardId], equipmentIds: [lab.comparator] };
    const refused = await app.call('POST', `/raw-records/${record.id}/open`, calibrator, body);
    expect(refused.body.errors[0]).toMatchObject({ requirement: 'R-5.4.4', rule: 'on-site-cleared' });
    await app.publish('intake.on-site-job.measurement-cleared', tenant, randomUUID(), {
      jobId: randomUUID(), contractId: randomUUID(), itemIds: [itemId], conditionsMeetMethod: false, impactAssessmentId: randomUUID(),
      technicalManagerConsentBy: 'tm-1', customerConsentId: randomUUID(), clearedAt: '2026-11-26T02:00:00Z',
    });
    expect((await app.call('POST', `/raw-records/${record.id}/open`, calibrator, body)).body.status).toBe('open');
    await measure(record.id, calibrator, ordinary, [['temperature', '24.5', '°C'], ['relative-humidity', '45', '%']]);
    const submitted = await app.call('POST', `/raw-records/${record.id}/submit`, calibrator);
    expect(submitted.body).toMatchObject({ status: 'submitted', environment: { withinLimits: false, consented: true, blocking: false } });
  });

  it('R-5.1.4 an authorisation revoked today stops further readings; R-6.2.3 after-adjustment readings need the customer\'s consent', async () => {
    const tenant = 'lab-auth';
    const lab = await seedLab(app, tenant);
    const calibrator = await app.token(tenant, ['calibrator'], lab.calibrator);
    const { record, itemId } = await dispatchedItem(app, tenant, calibrator);
    await app.call('POST', `/raw-records/${record.id}/open`, calibrator, { standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-4' });
    const after = await app.call('POST', `/raw-records/${record.id}/readings`, calibrator, { readings: [{ symbol: 'd', point: '50 mm', value: '0.0001', adjustment: 'after-adjustment' }] });
    expect(after.body.errors[0]).toMatchObject({ requirement: 'R-6.2.3', rule: 'adjustment-consented' });
    await app.publish('intake.item.adjustment-consented', tenant, itemId, { itemId, contractId: randomUUID(), consentId: randomUUID(), grantedOn: '2026-11-26' });
    expect((await app.call('POST', `/raw-records/${record.id}/readings`, calibrator, { readings: [{ symbol: 'd', point: '50 mm', value: '0.0001', adjustment: 'after-adjustment' }] })).status).toBe(201);

    const [grant] = await app.database.queryAsTenant<{ authorisation_id: string }>(tenant, `select authorisation_id from records.rm_authorisation where person_id = $1 and role = 'calibrator'`, [lab.calibrator]);
    await app.publish('quality.authorisation.revoked', tenant, lab.calibrator, {
      authorisationId: grant.authorisation_id, personId: lab.calibrator, itemCode: ITEM_CODE, role: 'calibrator', validFrom: '2026-01-01', validUntil: '2030-12-31',
      qualifiedForResponsible: false, reason: 'revoked', endedOn: '2026-11-26',
    });
    const r = await app.call('POST', `/raw-records/${record.id}/readings`, calibrator, { readings: [{ symbol: 'd', point: '50 mm', value: '0.0001' }] });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ requirement: 'R-5.1.4' });
    expect(r.body.errors[0].message).toMatch(/ended on 2026-11-26 \(revoked\)/);
  });

  it('R-6.3.4 a record of the first slice (before the journal) is adopted into the chain at start', async () => {
    const tenant = 'lab-legacy';
    const id = randomUUID();
    await app.database.query(`insert into records.tenant_directory (tenant_id) values ($1) on conflict do nothing`, [tenant]);
    await app.database.queryAsTenant(tenant, `insert into records.raw_record (id, tenant_id, work_order_id, order_number, item_id, description, serial_number, service_kind, method_code, status, source_event_id, created_at)
      values ($1, $2, $3, 'WO-2025-000009', $4, 'Balance 220 g', null, 'verification', 'JJG 1036-2022', 'pending', $5, '2025-12-01T00:00:00Z')`, [id, tenant, randomUUID(), randomUUID(), randomUUID()]);
    await (app.app.get(ChainService) as unknown as { adoptLegacyRecords(): Promise<void> }).adoptLegacyRecords();
    const supervisor = await app.token(tenant, ['quality-supervisor'], 'qs-legacy');
    expect((await app.call('GET', `/raw-records/${id}`, supervisor)).body).toMatchObject({ status: 'pending', currentVersion: 1, recordNumber: 'RR-2025-000001', orderNumber: 'WO-2025-000009' });
    expect((await app.call('GET', `/raw-records/${id}/versions`, supervisor)).body[0]).toMatchObject({ kind: 'created', content: { adopted: true } });
    expect((await app.call('GET', '/chain/verification', supervisor)).body).toMatchObject({ intact: true, entries: 1 });
  });
});
