import { Topics } from '@calchain/contracts';
import { qrMatrix } from '../src/labels/domain/status-label';
import { EquipmentTestApp } from './equipment-test-app';
import { pdfText, pngSize, scanQr } from './label-inspection';

/**
 * Equipment ledger on real PostgreSQL and Kafka with a controllable clock: statuses derived as
 * days pass, status events, calibration plans, refusal of overdue references, traceability.
 */
describe('equipment ledger, status and traceability (R-5.3.2, R-5.3.3, R-7.1.2)', () => {
  let t: EquipmentTestApp;
  let manager: string;
  let ids: Record<string, string>;

  const instrument = (assetNumber: string, over: Record<string, unknown> = {}) => ({
    assetNumber, name: `Instrument ${assetNumber}`, kind: 'instrument', equipmentType: 'digital thermometer', location: 'Room 101',
    ownerSection: 'Thermal', storageConditions: '15–25 °C, dry', calibrationRequired: true, calibrationIntervalMonths: 6, dueWarningDays: 30, ...over,
  });
  const national = {
    kind: 'external', name: 'NIM SPRT set', certificateNumber: 'NIM-2026-001', validUntil: '2027-06-30',
    traceableTo: 'national-primary-standard', nationalStandard: 'National primary standard of ITS-90',
  };

  beforeAll(async () => {
    t = await EquipmentTestApp.start('eq-ledger', '2026-03-01T02:00:00Z');
    manager = await t.token('lab-east', ['standard-responsible']);
    ids = {};
  });

  afterAll(() => t?.stop());

  it('R-5.3.2 derives overdue → in service → due → overdue from dates alone, announcing each change once', async () => {
    const master = await t.call('POST', '/equipment', manager, instrument('STD-001', { kind: 'standard-equipment', name: 'SPRT', calibrationIntervalMonths: 12 }));
    expect(master.status).toBe(201);
    expect(master.body).toMatchObject({ status: 'overdue', reason: 'never-calibrated', usable: false });
    ids.master = master.body.id;

    const calibrated = await t.call('POST', `/equipment/${ids.master}/calibrations`, manager, {
      certificateNumber: 'NIM-CAL-1', issuer: 'National Institute of Metrology', calibratedOn: '2026-02-15', reference: national,
    });
    expect(calibrated.status).toBe(201);
    expect(calibrated.body.status).toMatchObject({ status: 'in-service', dueDate: '2027-02-14', usable: true });

    const gauge = await t.call('POST', '/equipment', manager, instrument('TH-001'));
    ids.gauge = gauge.body.id;
    const cal = await t.call('POST', `/equipment/${ids.gauge}/calibrations`, manager, {
      certificateNumber: 'LAB-2026-0042', issuer: 'Own lab', calibratedOn: '2026-02-20', reference: { kind: 'own-equipment', equipmentId: ids.master },
    });
    expect(cal.status).toBe(201);
    expect(cal.body.status).toMatchObject({ status: 'in-service', dueDate: '2026-08-19' });

    t.setDate('2026-07-19');
    expect((await t.call('POST', '/status-sweeps', manager)).body).toEqual({ tenant: 'lab-east', changed: 0 });
    t.setDate('2026-07-20');
    expect((await t.call('POST', '/status-sweeps', manager)).body.changed).toBe(1);
    expect((await t.call('GET', `/equipment/${ids.gauge}`, manager)).body).toMatchObject({ status: 'due', reason: 'calibration-due-soon', usable: true });
    t.setDate('2026-08-20');
    expect((await t.call('POST', '/status-sweeps', manager)).body.changed).toBe(1);
    expect((await t.call('POST', '/status-sweeps', manager)).body.changed).toBe(0);

    const overdue = await t.call('GET', '/equipment?status=overdue', manager);
    expect(overdue.body.map((e: { assetNumber: string }) => e.assetNumber)).toEqual(['TH-001']);

    const events = (await t.events('equipment.equipment.status-changed')).filter((e) => e.aggregateId === ids.gauge);
    expect(events.map((e) => [e.payload.previousStatus, e.payload.status, e.payload.usable, e.payload.effectiveOn])).toEqual([
      [null, 'overdue', false, '2026-03-01'],
      ['overdue', 'in-service', true, '2026-03-01'],
      ['in-service', 'due', true, '2026-07-20'],
      ['due', 'overdue', false, '2026-08-20'],
    ]);
    expect(events[3].payload).toMatchObject({ reason: 'calibration-overdue', dueDate: '2026-08-19', lastCalibratedOn: '2026-02-20', assetNumber: 'TH-001' });

    // What consumers see on Kafka is what was committed: the same events, keyed by equipment.
    const onKafka = await t.kafkaEvents(Topics.equipmentEquipment, 6);
    expect(onKafka.filter((e) => e.aggregateId === ids.gauge).map((e) => e.payload.status)).toEqual(['overdue', 'in-service', 'due', 'overdue']);
  });

  it('R-5.3.2 refuses an overdue reference for a calibration, naming the field, rule and requirement', async () => {
    const other = await t.call('POST', '/equipment', manager, instrument('TH-002'));
    ids.other = other.body.id;
    const refused = await t.call('POST', `/equipment/${ids.other}/calibrations`, manager, {
      certificateNumber: 'LAB-2026-0100', issuer: 'Own lab', calibratedOn: '2026-08-20', reference: { kind: 'own-equipment', equipmentId: ids.gauge },
    });
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'reference.equipmentId', rule: 'reference-not-usable', requirement: 'R-5.3.2' }),
    ]);
    expect(refused.body.detail).toMatch(/TH-001 was overdue/);
    // The same reference was usable on a day it was still valid.
    const backdated = await t.call('POST', `/equipment/${ids.other}/calibrations`, manager, {
      certificateNumber: 'LAB-2026-0050', issuer: 'Own lab', calibratedOn: '2026-08-01', reference: { kind: 'own-equipment', equipmentId: ids.gauge },
    });
    expect(backdated.status).toBe(201);
    const usability = await t.call('GET', `/equipment/${ids.gauge}/usability?on=2026-08-19`, manager);
    expect(usability.body).toMatchObject({ usable: true, status: 'due' });
  });

  it('R-5.3.2 generates a calibration plan for a period and tracks its progress', async () => {
    const plan = await t.call('POST', '/calibration-plans', manager, { period: '2026-Q3' });
    expect(plan.status).toBe(201);
    expect(plan.body.entries.map((e: { assetNumber: string }) => e.assetNumber).sort()).toEqual(['TH-001']);
    expect(plan.body.progress).toEqual({ planned: 1, done: 0 });
    expect((await t.call('POST', '/calibration-plans', manager, { period: '2026-Q3' })).status).toBe(409);

    await t.call('POST', `/equipment/${ids.gauge}/calibrations`, manager, {
      certificateNumber: 'LAB-2026-0200', issuer: 'Own lab', calibratedOn: '2026-08-20', reference: { kind: 'own-equipment', equipmentId: ids.master },
    });
    const progressed = await t.call('GET', `/calibration-plans/${plan.body.id}`, manager);
    expect(progressed.body.progress).toEqual({ planned: 1, done: 1 });
    expect(progressed.body.entries[0]).toMatchObject({ certificateNumber: 'LAB-2026-0200', statusWhenPlanned: 'overdue' });

    const schedule = await t.call('GET', '/calibration-schedule?from=2027-01-01&to=2027-03-31', manager);
    expect(schedule.body.map((e: { assetNumber: string; dueDate: string }) => [e.assetNumber, e.dueDate])).toEqual([
      ['TH-002', '2027-01-31'], ['STD-001', '2027-02-14'], ['TH-001', '2027-02-19'],
    ]);
  });

  it('R-5.3.2 / R-5.3.3 shows the chain to a national standard and finds broken links', async () => {
    const chain = await t.call('GET', `/equipment/${ids.gauge}/traceability`, manager);
    expect(chain.body.intact).toBe(true);
    expect(chain.body.links.map((l: { assetNumber: string; calibration: { certificateNumber: string } }) => [l.assetNumber, l.calibration.certificateNumber])).toEqual([
      ['TH-001', 'LAB-2026-0200'], ['STD-001', 'NIM-CAL-1'],
    ]);
    expect(chain.body.end).toMatchObject({ kind: 'national-primary-standard', reference: 'National primary standard of ITS-90', broken: null });

    // An alternative reference without comparison evidence is a broken link.
    const hygro = await t.call('POST', '/equipment', manager, instrument('HY-001', { equipmentType: 'hygrometer' }));
    await t.call('POST', `/equipment/${hygro.body.id}/calibrations`, manager, {
      certificateNumber: 'EXT-77', issuer: 'Regional lab', calibratedOn: '2026-08-10',
      reference: { kind: 'external', name: 'Dew-point mirror', traceableTo: 'alternative-reference' },
    });
    // The master's calibration expires: links that relied on it later would break; the broken list shows both kinds.
    t.setDate('2027-02-20');
    const broken = await t.call('GET', '/traceability/broken', manager);
    const byAsset = Object.fromEntries(
      broken.body.map((c: { links: { assetNumber: string }[]; breaks: { reason: string }[] }) => [c.links[0].assetNumber, c.breaks.map((b) => b.reason)]),
    );
    expect(byAsset['HY-001']).toEqual(['calibration-expired', 'comparison-evidence-missing']);
    expect(byAsset['STD-001']).toEqual(['calibration-expired']);
    expect(byAsset['TH-001']).toEqual(['calibration-expired']);
  });

  it('R-5.3.4 prints status labels from the live status, whose QR code resolves to the public live status', async () => {
    const admin = await t.token('lab-east', ['administrator']);
    expect((await t.call('PUT', '/institution', admin, { name: 'East Metrology Institute' })).status).toBe(200);
    const file = (await t.call('GET', `/equipment/${ids.gauge}`, manager)).body;
    const statusUrl = `https://lab.example/status/public/lab-east/equipment/${file.publicId}`;

    const label = await t.call('GET', `/equipment/${ids.gauge}/label.svg`, manager);
    expect(label.status).toBe(200);
    expect(label.type).toMatch(/image\/svg\+xml/);
    expect(label.text).toContain('OVERDUE - DO NOT USE');
    expect(label.text).toContain('Valid until: 2027-02-19');
    expect(label.text).toContain('East Metrology Institute');
    const darkModules = qrMatrix(statusUrl).flat().filter(Boolean).length;
    expect(label.text.match(/h[\d.]+v/g)).toHaveLength(darkModules);

    const scanned = await t.call('GET', `/public/lab-east/equipment/${file.publicId}`);
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({ assetNumber: 'TH-001', status: 'overdue', usable: false, dueDate: '2027-02-19', institution: 'East Metrology Institute' });
    expect(scanned.body.publicId).toBeUndefined();
    const page = await fetch(`${t.url}/public/lab-east/equipment/${file.publicId}`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('OVERDUE - DO NOT USE');
    expect((await t.call('GET', `/public/lab-west/equipment/${file.publicId}`)).status).toBe(404);

    // The label is live: a new calibration changes what the same QR code shows.
    await t.call('POST', `/equipment/${ids.gauge}/calibrations`, manager, {
      certificateNumber: 'LAB-2027-0007', issuer: 'Own lab', calibratedOn: '2027-02-20', reference: national,
    });
    expect((await t.call('GET', `/public/lab-east/equipment/${file.publicId}`)).body).toMatchObject({ status: 'in-service', usable: true, certificateNumber: 'LAB-2027-0007' });

    // The PNG label scans to the same live status.
    const png = await fetch(`${t.url}/equipment/${ids.gauge}/label.png`, { headers: { authorization: `Bearer ${manager}` } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const pngBytes = Buffer.from(await png.arrayBuffer());
    expect(pngSize(pngBytes)).toEqual({ width: 840, height: 480 });
    expect(scanQr(pngBytes)).toBe(statusUrl);
    expect((await t.call('GET', `/equipment/00000000-0000-4000-8000-000000000000/label.png`, manager)).status).toBe(404);

    // Chinese names and institution print as real text in the embedded CJK font.
    expect((await t.call('PUT', '/institution', admin, { name: '华东计量测试研究院' })).status).toBe(200);
    const chinese = await t.call('POST', '/equipment', manager, instrument('CN-001', { name: '精密数字温度计' }));
    expect(chinese.status).toBe(201);
    const sheet = await fetch(`${t.url}/labels/sheet.pdf?ids=${ids.gauge},${chinese.body.id}`, { headers: { authorization: `Bearer ${manager}` } });
    expect(sheet.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await sheet.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
    const text = pdfText(pdf);
    expect(text).toContain('精密数字温度计');
    expect(text).toContain('华东计量测试研究院');
    expect(text).toContain('TH-001');
    expect(text).toContain('CN-001');
    expect((await t.call('PUT', '/institution', admin, { name: 'East Metrology Institute' })).status).toBe(200);
  });

  it('R-4.1.1 keeps each institution to its own ledger', async () => {
    const outsider = await t.token('lab-west', ['standard-responsible']);
    expect((await t.call('GET', `/equipment/${ids.gauge}`, outsider)).status).toBe(404);
    expect((await t.call('GET', '/equipment', outsider)).body).toEqual([]);
    const calibrator = await t.token('lab-east', ['calibrator']);
    expect((await t.call('POST', '/equipment', calibrator, instrument('X-1'))).status).toBe(403);
  });

  it('answers invalid input with problem+json naming each field and rule', async () => {
    const bad = await t.call('POST', '/equipment', manager, { ...instrument('BAD-1'), kind: 'toaster', calibrationIntervalMonths: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['calibrationIntervalMonths', 'kind']);
    const rule = await t.call('POST', '/equipment', manager, { ...instrument('BAD-2'), calibrationIntervalMonths: null });
    expect(rule.status).toBe(422);
    expect(rule.body.errors[0]).toMatchObject({ field: 'calibrationIntervalMonths', requirement: 'R-5.3.2' });
  });
});
