import { EquipmentTestApp } from './equipment-test-app';

/** intermediate checks and metrological confirmation, on real PostgreSQL and Kafka. */
describe('metrological confirmation and intermediate checks (R-5.5.3, R-5.5.4)', () => {
  let t: EquipmentTestApp;
  let manager: string;
  let technicalManager: string;
  let calibrator: string;

  const national = { kind: 'external', name: 'NIM gauge block interferometer', traceableTo: 'national-primary-standard', nationalStandard: 'National length standard' };
  const point = (error: string) => ({ point: '100 mm', nominal: '100', error, expandedUncertainty: '0.030', coverageFactor: '2', unit: 'µm' });

  beforeAll(async () => {
    t = await EquipmentTestApp.start('eq-confirm', '2026-03-01T02:00:00Z');
    manager = await t.token('lab-east', ['standard-responsible']);
    technicalManager = await t.token('lab-east', ['technical-manager'], 'tm-1');
    calibrator = await t.token('lab-east', ['calibrator'], 'cal-7');
  });

  afterAll(() => t?.stop());

  const register = async (assetNumber: string) =>
    (
      await t.call('POST', '/equipment', manager, {
        assetNumber, name: 'Gauge block 100 mm', kind: 'standard-equipment', equipmentType: 'gauge block', location: 'Length lab',
        ownerSection: 'Length', calibrationRequired: true, calibrationIntervalMonths: 12,
        confirmation: { mpe: '0.100', unit: 'µm', rule: 'guarded' },
      })
    ).body.id as string;

  it('R-5.5.4 confirms an error exactly on the guard band (MPE − U) and keeps the equipment in service', async () => {
    const id = await register('GB-100-A');
    const cal = await t.call('POST', `/equipment/${id}/calibrations`, manager, {
      certificateNumber: 'NIM-L-1', issuer: 'NIM', calibratedOn: '2026-02-26', reference: national, results: [point('0.070'), { ...point('-0.070'), point: '100 mm (back)' }],
    });
    expect(cal.status).toBe(201);
    expect(cal.body.confirmation.outcome).toBe('confirmed');
    expect(cal.body.confirmation.points.map((p: { decision: string }) => p.decision)).toEqual(['pass', 'pass']);
    expect(cal.body.status).toMatchObject({ status: 'in-service', usable: true });
    const file = await t.call('GET', `/equipment/${id}`, manager);
    expect(file.body.confirmations[0]).toMatchObject({ outcome: 'confirmed', rule: 'guarded', mpe: '0.100' });
  });

  it('R-5.5.4 suspends equipment whose error is just past the guard band, then a passing recalibration lifts it', async () => {
    const id = await register('GB-100-B');
    const failed = await t.call('POST', `/equipment/${id}/calibrations`, manager, {
      certificateNumber: 'NIM-L-2', issuer: 'NIM', calibratedOn: '2026-02-26', reference: national, results: [point('0.071')],
    });
    expect(failed.status).toBe(201);
    expect(failed.body.confirmation).toMatchObject({ outcome: 'not-confirmed', points: [expect.objectContaining({ decision: 'fail', acceptance: '0±0.100' })] });
    expect(failed.body.status).toMatchObject({ status: 'suspended', reason: 'metrological-confirmation-failed', usable: false });

    const statuses = (await t.events('equipment.equipment.status-changed')).filter((e) => e.aggregateId === id).map((e) => e.payload.status);
    expect(statuses).toEqual(['overdue', 'suspended']);

    t.setDate('2026-03-10');
    const passed = await t.call('POST', `/equipment/${id}/calibrations`, manager, {
      certificateNumber: 'NIM-L-3', issuer: 'NIM', calibratedOn: '2026-03-09', reference: national, results: [point('0.020')],
    });
    expect(passed.body.status).toMatchObject({ status: 'in-service', usable: true, dueDate: '2027-03-08' });
    t.setDate('2026-03-01');
  });

  it('R-5.5.4 refuses a calibration without results for equipment that needs confirmation', async () => {
    const id = await register('GB-100-C');
    const refused = await t.call('POST', `/equipment/${id}/calibrations`, manager, {
      certificateNumber: 'NIM-L-4', issuer: 'NIM', calibratedOn: '2026-02-26', reference: national,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'results', requirement: 'R-5.5.4' });
  });

  it('R-5.5.3 a failed intermediate check suspends the equipment and notifies quality; only a decision lifts it', async () => {
    const id = await register('GB-100-D');
    await t.call('POST', `/equipment/${id}/calibrations`, manager, {
      certificateNumber: 'NIM-L-5', issuer: 'NIM', calibratedOn: '2026-02-26', reference: national, results: [point('0.010')],
    });
    const plan = await t.call('POST', `/equipment/${id}/intermediate-check-plans`, manager, {
      title: 'Monthly comparison against check block', intervalDays: 30,
      points: [{ point: '100 mm', reference: '100.00012', acceptance: '0±0.00010', unit: 'mm' }],
    });
    expect(plan.status).toBe(201);
    expect((await t.call('GET', '/intermediate-checks/due', manager)).body.map((d: { planId: string }) => d.planId)).toContain(plan.body.id);

    const pass = await t.call('POST', `/equipment/${id}/intermediate-checks`, calibrator, {
      planId: plan.body.id, performedOn: '2026-03-01', readings: [{ point: '100 mm', observed: '100.00022' }],
    });
    expect(pass.body).toMatchObject({ passed: true, status: { status: 'in-service' } });
    expect((await t.call('GET', '/intermediate-checks/due', manager)).body.map((d: { planId: string }) => d.planId)).not.toContain(plan.body.id);

    const fail = await t.call('POST', `/equipment/${id}/intermediate-checks`, calibrator, {
      planId: plan.body.id, performedOn: '2026-03-01', readings: [{ point: '100 mm', observed: '100.00023' }],
    });
    expect(fail.status).toBe(201);
    expect(fail.body).toMatchObject({ passed: false, status: { status: 'suspended', reason: 'intermediate-check-failed', usable: false } });

    const [notice] = (await t.events('equipment.intermediate-check.failed')).filter((e) => e.payload.equipmentId === id);
    expect(notice.payload).toMatchObject({
      assetNumber: 'GB-100-D', performedBy: 'cal-7', consequence: 'equipment-suspended',
      results: [{ point: '100 mm', reference: '100.00012', observed: '100.00023', deviation: '0.00011', acceptance: '0±0.00010', passed: false }],
    });
    const onKafka = await t.kafkaEvents('calchain.equipment.intermediate-check.v1', 1);
    expect(onKafka.map((e) => e.payload.checkId)).toContain(notice.payload.checkId);

    // A failing check does not clear on its own: a new passing check leaves it suspended until a decision.
    await t.call('POST', `/equipment/${id}/intermediate-checks`, calibrator, {
      planId: plan.body.id, performedOn: '2026-03-01', readings: [{ point: '100 mm', observed: '100.00012' }],
    });
    const file = await t.call('GET', `/equipment/${id}`, manager);
    expect(file.body.status).toBe('suspended');
    const suspension = file.body.suspensions.find((s: { liftedOn: string | null }) => !s.liftedOn);
    expect((await t.call('POST', `/equipment/${id}/suspensions/${suspension.id}/lift`, manager, { reason: 'repaired' })).status).toBe(403);
    const lifted = await t.call('POST', `/equipment/${id}/suspensions/${suspension.id}/lift`, technicalManager, { reason: 'Cleaned, re-checked; see NCR-12' });
    expect(lifted.status).toBe(200);
    expect((await t.call('GET', `/equipment/${id}`, manager)).body.status).toBe('in-service');
    const history = (await t.call('GET', `/equipment/${id}/history`, manager)).body.map((h: { event: string }) => h.event);
    expect(history).toEqual([
      'registered', 'calibrated', 'metrological-confirmation-confirmed', 'intermediate-check-passed', 'intermediate-check-failed', 'suspended',
      'intermediate-check-passed', 'suspension-lifted',
    ]);
  });

  it('R-5.3.2 refuses an intermediate check against an overdue check standard', async () => {
    const target = await register('GB-100-E');
    await t.call('POST', `/equipment/${target}/calibrations`, manager, {
      certificateNumber: 'NIM-L-6', issuer: 'NIM', calibratedOn: '2026-02-26', reference: national, results: [point('0.010')],
    });
    const checkStandard = await register('GB-CHK-1'); // never calibrated: overdue
    const plan = await t.call('POST', `/equipment/${target}/intermediate-check-plans`, manager, {
      title: 'Check', intervalDays: 30, checkStandardId: checkStandard, points: [{ point: 'p', reference: '1', acceptance: '0±1', unit: 'mm' }],
    });
    const refused = await t.call('POST', `/equipment/${target}/intermediate-checks`, calibrator, {
      planId: plan.body.id, performedOn: '2026-03-01', readings: [{ point: 'p', observed: '1' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ rule: 'reference-not-usable', requirement: 'R-5.3.2' });
  });
});
