import { Topics } from '@calchain/contracts';
import { EquipmentTestApp } from './equipment-test-app';

/** measurement standards and their authorised scope, announced as events and disclosed publicly. */
describe('measurement standards and authorised scope (R-4.1.2)', () => {
  let t: EquipmentTestApp;
  let manager: string;
  let standardId: string;
  let equipmentId: string;

  const scope = {
    items: [
      {
        name: 'Gauge blocks (grade K and 0)', quantity: 'length', serviceKinds: ['calibration', 'verification'], methodCodes: ['JJG 146-2011'],
        ranges: [
          { lower: '0.5', upper: '100', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.050', unit: 'µm', coverageFactor: '2' } },
          { lower: '100', upper: '1000', unit: 'mm', bestMeasurementCapability: { expandedUncertainty: '0.20', unit: 'µm', coverageFactor: '2' } },
        ],
      },
    ],
  };

  beforeAll(async () => {
    t = await EquipmentTestApp.start('eq-standards', '2026-03-01T02:00:00Z');
    manager = await t.token('lab-east', ['standard-responsible']);
    const equipment = await t.call('POST', '/equipment', manager, {
      assetNumber: 'STD-GB-1', name: 'Gauge block comparator', kind: 'standard-equipment', equipmentType: 'comparator', location: 'Length lab',
      ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
    });
    equipmentId = equipment.body.id;
    await t.call('POST', `/equipment/${equipmentId}/calibrations`, manager, {
      certificateNumber: 'NIM-9', issuer: 'NIM', calibratedOn: '2026-01-10',
      reference: { kind: 'external', name: 'NIM', traceableTo: 'national-primary-standard' },
    });
  });

  afterAll(() => t?.stop());

  it('R-4.1.2 a standard is not valid until it holds the certificates its category needs', async () => {
    const created = await t.call('POST', '/measurement-standards', manager, {
      code: '[2024]GB-001', name: 'Gauge block calibration standard', category: 'enterprise-highest', servesSociety: true, equipmentIds: [equipmentId],
    });
    expect(created.status).toBe(201);
    standardId = created.body.standardId;
    expect(created.body).toMatchObject({ valid: false, validUntil: null, invalidReasons: ['assessment certificate missing', 'authorisation certificate missing'] });

    await t.call('POST', `/measurement-standards/${standardId}/certificates`, manager, {
      kind: 'assessment', number: '[2024]国量标计证字第001号', issuer: 'Provincial SAMR', issuedOn: '2024-05-01', validUntil: '2028-04-30',
    });
    const authorised = await t.call('POST', `/measurement-standards/${standardId}/certificates`, manager, {
      kind: 'authorisation', number: '(2023)量认授字(X)001', issuer: 'Provincial SAMR', issuedOn: '2023-06-01', validUntil: '2026-05-31',
    });
    expect(authorised.body).toMatchObject({ valid: true, validUntil: '2026-05-31', invalidReasons: [] });
    const scoped = await t.call('PUT', `/measurement-standards/${standardId}/scope`, manager, scope);
    expect(scoped.status).toBe(200);
    expect(scoped.body.items[0].ranges[0]).toEqual(scope.items[0].ranges[0]);
  });

  it('R-4.1.2 announces the full current scope with decimal strings, and again when a certificate expires', async () => {
    const before = await t.events('equipment.measurement-standard.scope-changed');
    const latest = before[before.length - 1].payload;
    expect(latest).toMatchObject({ standardId, valid: true, validUntil: '2026-05-31', equipmentIds: [equipmentId], category: 'enterprise-highest' });
    expect(latest.items[0].ranges.map((r: { bestMeasurementCapability: { expandedUncertainty: string } }) => r.bestMeasurementCapability.expandedUncertainty)).toEqual(['0.050', '0.20']);

    await t.call('POST', '/status-sweeps', manager);
    expect((await t.events('equipment.measurement-standard.scope-changed')).length).toBe(before.length);

    t.setDate('2026-06-01');
    await t.call('POST', '/status-sweeps', manager);
    const after = await t.events('equipment.measurement-standard.scope-changed');
    expect(after.length).toBe(before.length + 1);
    expect(after[after.length - 1].payload).toMatchObject({ valid: false, invalidReasons: ['authorisation certificate (2023)量认授字(X)001 expired on 2026-05-31'] });

    const renewed = await t.call('POST', `/measurement-standards/${standardId}/certificates`, manager, {
      kind: 'authorisation', number: '(2026)量认授字(X)019', issuer: 'Provincial SAMR', issuedOn: '2026-05-28', validUntil: '2031-05-27',
    });
    expect(renewed.body).toMatchObject({ valid: true, validUntil: '2028-04-30' });
    const onKafka = await t.kafkaEvents(Topics.equipmentMeasurementStandards, after.length + 1);
    expect(onKafka.map((e) => e.payload.valid).slice(-2)).toEqual([false, true]);
  });

  it('R-4.1.2 / R-5.3.2 an unusable piece of equipment takes the scope down with it', async () => {
    const suspended = await t.call('POST', `/equipment/${equipmentId}/suspensions`, manager, { reason: 'dropped' });
    expect(suspended.status).toBe(201);
    const scopeNow = await t.call('GET', `/measurement-standards/${standardId}`, manager);
    expect(scopeNow.body).toMatchObject({ valid: false, invalidReasons: ['equipment STD-GB-1 is suspended'] });
    const events = await t.events('equipment.measurement-standard.scope-changed');
    expect(events[events.length - 1].payload.valid).toBe(false);
  });

  it('R-4.1.2 discloses the scope publicly without internal equipment ids, per institution', async () => {
    const disclosed = await t.call('GET', '/public/lab-east/measurement-standards');
    expect(disclosed.status).toBe(200);
    expect(disclosed.body).toHaveLength(1);
    expect(disclosed.body[0]).toMatchObject({ code: '[2024]GB-001', items: [expect.objectContaining({ name: 'Gauge blocks (grade K and 0)' })] });
    expect(disclosed.body[0].equipmentIds).toBeUndefined();
    expect((await t.call('GET', '/public/lab-west/measurement-standards')).body).toEqual([]);
  });

  it('R-4.1.2 refuses an inverted range with the field and requirement named', async () => {
    const bad = structuredClone(scope);
    bad.items[0].ranges[0].lower = '200';
    const refused = await t.call('PUT', `/measurement-standards/${standardId}/scope`, manager, bad);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'items.0.ranges.0.lower', requirement: 'R-4.1.2' });
  });
});
