import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { parseEvent, PayloadOf, Topics } from '@calchain/contracts';
import { testBrokers, waitUntil } from '@calchain/platform/testing';
import { Json, labDay, QualityUnderTest } from './harness';

type Detection = PayloadOf<'records.suspicious-data.detected'>;
type Approved = PayloadOf<'records.record.approved'>;

function detection(over: Partial<Detection> = {}): Detection {
  return {
    detectionId: randomUUID(), recordId: randomUUID(), recordNumber: 'REC-2026-000117', recordVersion: 2, workOrderId: randomUUID(), itemId: randomUUID(),
    orderNumber: 'WO-2026-0042', itemCode: 'JJG 21-2008', methodCode: 'JJG 21-2008', methodVersion: '2008',
    findings: [{
      check: 'outlier-grubbs', subject: 'L', point: '25 mm', values: ['25.0121'], statistic: '2.412', critical: '2.215', significance: '0.05',
      detail: 'Reading 25.0121 mm is a Grubbs outlier among 10 repeats',
    }],
    requirement: 'R-8.2', remeasurementRequested: true, calibratorPersonId: 'cal-person-77', detectedAt: new Date().toISOString(),
    ...over,
  };
}

function approved(over: Partial<Approved> = {}): Approved {
  return {
    recordId: randomUUID(), recordNumber: 'REC-2026-000130', recordVersion: 1, workOrderId: randomUUID(), itemId: randomUUID(), orderNumber: 'WO-2026-0042',
    customerId: 'cust-1', itemDescription: 'outside micrometer', serialNumber: 'SN-42', itemCode: 'JJG 21-2008', serviceKind: 'calibration', placeOfWork: 'lab',
    method: { methodId: randomUUID(), code: 'JJG 21-2008', version: '2008', title: null },
    measurementStandards: [], equipment: [],
    environment: { source: 'recorded-with-record', roomId: null, roomCode: null, conditions: [], withinLimits: true, onSiteConsent: null },
    measuredFrom: '2026-03-01T01:00:00.000Z', measuredTo: '2026-03-01T02:00:00.000Z', measurementDate: '2026-03-01',
    results: [{
      resultId: 'r1', quantity: 'error of indication', point: '25 mm', nominal: '25', measuredValue: '25.002', referenceValue: '25.000', error: '0.002', correction: '-0.002',
      unit: 'mm', expandedUncertainty: '0.003', uncertaintyUnit: 'mm', coverageFactor: '2', coverageProbability: '0.95', adjustment: 'not-adjusted', limit: null,
    }],
    budgets: [], adjustmentConsentId: null, remeasurementOf: null, calibratorPersonId: 'cal-person-77', checkerPersonId: 'chk-person-78',
    approvedAt: new Date().toISOString(), chain: { sequence: 9, entryHash: 'b'.repeat(64), algorithm: 'sha256' },
    ...over,
  };
}

/**
 * Re-measurement (R-8.2): records' suspicious-data events open requests, which are assigned,
 * linked to the approved re-measurement record and closed, each one an entry of the improvement
 * register (R-9.2) and published so certificates can hold the affected work.
 */
describe('quality service: re-measurement requests (R-8.2)', () => {
  let quality: QualityUnderTest;
  let supervisor: string;
  let calibrator: string;
  const tenant = 'lab-rm';

  const send = async (type: 'records.suspicious-data.detected' | 'records.record.approved', aggregateId: string, payload: unknown, times = 1) => {
    const envelope = { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), tenant, aggregateId, traceparent: null, payload };
    parseEvent(envelope);
    const kafka = new Kafka({ clientId: 'quality-test', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const message = { key: aggregateId, value: JSON.stringify(envelope) };
    await producer.send({ topic: `${quality.topicPrefix}${Topics.recordsRecords}`, messages: Array.from({ length: times }, () => message) });
    await producer.disconnect();
  };

  beforeAll(async () => {
    quality = await QualityUnderTest.start('quality-rm');
    supervisor = await quality.token(tenant, ['quality-supervisor'], 'qs-1');
    calibrator = await quality.token(tenant, ['calibrator'], 'cal-person-77');
  });

  afterAll(() => quality?.stop());

  const suspicious = detection();
  let requestId: string;

  it('R-8.2 opens one re-measurement request per detection, in the improvement register, however often it is delivered', async () => {
    await send('records.suspicious-data.detected', suspicious.recordId, suspicious, 2);
    // The same detection re-sent as a new event (a new envelope id) opens nothing either.
    await send('records.suspicious-data.detected', suspicious.recordId, suspicious);
    // A detection for which records did not ask for a re-measurement is only recorded in the register.
    const noRequest = detection({ remeasurementRequested: false, recordNumber: 'REC-2026-000118' });
    await send('records.suspicious-data.detected', noRequest.recordId, noRequest);

    const register = await waitUntil(
      async () => (await quality.call('GET', '/improvements?source=remeasurement', supervisor)).body,
      (list: Json[]) => list.length >= 2,
      { what: 'register entries from the detections', timeoutMs: 60000 },
    );
    const requests = (await quality.call('GET', '/remeasurements', supervisor)).body;
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      number: expect.stringMatching(/^RM-\d{4}-000001$/), detectionId: suspicious.detectionId, recordId: suspicious.recordId, recordNumber: 'REC-2026-000117',
      workOrderId: suspicious.workOrderId, itemCode: 'JJG 21-2008', status: 'open', assignee: null, resultRecordId: null,
      checks: [expect.objectContaining({ check: 'outlier-grubbs', values: ['25.0121'], statistic: '2.412', critical: '2.215' })],
    });
    requestId = requests[0].id;
    expect(register).toHaveLength(2);
    expect(register.find((e: Json) => e.sourceRef === requestId)).toMatchObject({ requirement: 'R-8.2', status: 'open', summary: expect.stringContaining('REC-2026-000117') });
    expect(register.find((e: Json) => e.sourceRef === noRequest.detectionId)).toMatchObject({ summary: expect.stringContaining('no re-measurement requested') });
    expect((await quality.call('GET', `/remeasurements?recordId=${suspicious.recordId}`, supervisor)).body).toHaveLength(1);
  });

  it('R-8.2 assigns the request (quality staff only, no past due date) and refuses to close it without linked results', async () => {
    expect((await quality.call('POST', `/remeasurements/${requestId}/assign`, calibrator, { assignee: 'cal-person-90', dueOn: labDay(3) })).status).toBe(403);
    const past = await quality.call('POST', `/remeasurements/${requestId}/assign`, supervisor, { assignee: 'cal-person-90', dueOn: labDay(-1) });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'dueOn', rule: 'in-the-past', requirement: 'R-8.2' })]);
    const assigned = await quality.call('POST', `/remeasurements/${requestId}/assign`, supervisor, { assignee: 'cal-person-90', dueOn: labDay(3) });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignee: 'cal-person-90', dueOn: labDay(3), assignedBy: 'qs-1' });

    const early = await quality.call('POST', `/remeasurements/${requestId}/close`, supervisor, { outcome: 'original-superseded', note: 'Re-measured' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ rule: 'results-required', requirement: 'R-8.2' })]);
    const register = (await quality.call('GET', '/improvements?source=remeasurement', supervisor)).body;
    expect(register.find((e: Json) => e.sourceRef === requestId)).toMatchObject({ status: 'in-progress' });
  });

  it('R-8.2 links the approved re-measurement record (remeasurementOf) and then closes the request and its register entry', async () => {
    // An ordinary approved record changes nothing; the re-measurement links back to the suspicious record.
    await send('records.record.approved', randomUUID(), approved());
    const redo = approved({ workOrderId: suspicious.workOrderId, itemId: suspicious.itemId, remeasurementOf: suspicious.recordId });
    await send('records.record.approved', redo.recordId, redo);

    const linked = await waitUntil(
      async () => (await quality.call('GET', `/remeasurements/${requestId}`, supervisor)).body,
      (r: Json) => r.status === 'results-linked',
      { what: 're-measurement result linked', timeoutMs: 60000 },
    );
    expect(linked).toMatchObject({ resultRecordId: redo.recordId, resultRecordNumber: 'REC-2026-000130', resultRecordVersion: 1, assignee: 'cal-person-90' });

    const reassign = await quality.call('POST', `/remeasurements/${requestId}/assign`, supervisor, { assignee: 'cal-person-91', dueOn: null });
    expect(reassign.body.errors).toEqual([expect.objectContaining({ rule: 'results-linked', requirement: 'R-8.2' })]);

    const closed = await quality.call('POST', `/remeasurements/${requestId}/close`, supervisor, { outcome: 'original-superseded', note: 'Outlier confirmed as a reading error; re-measured values reported' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'original-superseded', closedBy: 'qs-1' });
    expect((await quality.call('POST', `/remeasurements/${requestId}/close`, supervisor, { outcome: 'original-confirmed', note: 'again' })).body.errors)
      .toEqual([expect.objectContaining({ rule: 'closed' })]);
    const register = (await quality.call('GET', '/improvements?source=remeasurement', supervisor)).body;
    expect(register.find((e: Json) => e.sourceRef === requestId)).toMatchObject({ status: 'closed' });
    expect((await quality.call('GET', '/remeasurements?status=closed', supervisor)).body).toHaveLength(1);
  });

  it('R-8.2 publishes opened and closed as valid v1 events (for certificates to hold the work), without personal data', async () => {
    const published = await quality.publishedMessages();
    const events = published.map((m) => parseEvent(JSON.parse(m.value)));
    const opened = events.filter((e) => e.type === 'quality.remeasurement.opened');
    const closed = events.filter((e) => e.type === 'quality.remeasurement.closed');
    expect(opened).toEqual([expect.objectContaining({ aggregateId: requestId, payload: expect.objectContaining({ recordId: suspicious.recordId, workOrderId: suspicious.workOrderId, itemId: suspicious.itemId, requirement: 'R-8.2' }) })]);
    expect(closed).toEqual([expect.objectContaining({ aggregateId: requestId, payload: expect.objectContaining({ outcome: 'original-superseded', workOrderId: suspicious.workOrderId }) })]);
    expect(published.every((m) => m.topic === 'calchain.quality.remeasurement.v1')).toBe(true);
    for (const m of published) {
      expect(m.value).not.toContain('cal-person-77');
      expect(m.value).not.toContain('cal-person-90');
    }
  });
});
