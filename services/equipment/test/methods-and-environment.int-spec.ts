import { Topics } from '@calchain/contracts';
import { EquipmentTestApp } from './equipment-test-app';

/**
 * .x method library and .x environmental monitoring on real PostgreSQL and Kafka:
 * a day of one-minute readings for 50 rooms, excursions, and the condition query for a method's limits.
 */
describe('method library and environmental monitoring (R-5.2.x, R-5.4.x)', () => {
  let t: EquipmentTestApp;
  let keeper: string;
  let facilities: string;
  let gaugeMethodId: string;

  const jjg146 = {
    code: 'JJG 146', title: 'Gauge blocks', version: '2011', type: 'national', documentKind: 'verification-regulation', effectiveFrom: '2012-05-01',
    environmentalLimits: [
      { quantity: 'temperature', lower: '18.0', upper: '22.0', unit: '°C' },
      { quantity: 'relative-humidity', lower: null, upper: '70', unit: '%RH' },
    ],
    readings: [{ symbol: 'l', description: 'indicated length deviation', unit: 'µm', repetitions: 3 }],
    measurementModel: { output: 'e', expression: 'l - ls + L * alpha * dt', inputs: ['l', 'ls', 'L', 'alpha', 'dt'] },
    requiredEquipmentKinds: ['gauge block comparator'],
    reviewIntervalMonths: 12,
  };

  beforeAll(async () => {
    t = await EquipmentTestApp.start('eq-env', '2026-03-03T02:00:00Z');
    keeper = await t.token('lab-east', ['technical-manager'], 'tm-1');
    facilities = keeper;
  });

  afterAll(() => t?.stop());

  it('R-5.2.1 / R-5.2.4 a standard method is usable only once verified, and every change is announced', async () => {
    const created = await t.call('POST', '/methods', keeper, jjg146);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', usable: false, nextReviewDue: '2013-05-01' });
    gaugeMethodId = created.body.methodId;
    expect((await t.call('POST', `/methods/${gaugeMethodId}/validation`, keeper, { on: '2026-03-01', reference: 'VAL-1' })).status).toBe(422);
    const verified = await t.call('POST', `/methods/${gaugeMethodId}/verification`, keeper, { on: '2026-03-02', reference: 'VER-2026-07' });
    expect(verified.body).toMatchObject({ status: 'verified', usable: true });

    const events = await t.events('equipment.method.published');
    expect(events.map((e) => e.payload.status)).toEqual(['draft', 'verified']);
    expect(events[1].payload).toMatchObject({
      code: 'JJG 146', version: '2011', type: 'national', environmentalLimits: jjg146.environmentalLimits, measurementModel: jjg146.measurementModel,
    });
  });

  it('R-5.2.4 a non-standard method is validated before it is verified', async () => {
    const own = await t.call('POST', '/methods', keeper, { ...jjg146, code: 'LAB-PROC-12', title: 'In-house torque wrench procedure', type: 'non-standard', documentKind: 'procedure' });
    const refused = await t.call('POST', `/methods/${own.body.methodId}/verification`, keeper, { on: '2026-03-02', reference: 'VER-1' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ requirement: 'R-5.2.4' });
    expect((await t.call('POST', `/methods/${own.body.methodId}/validation`, keeper, { on: '2026-02-20', reference: 'VAL-REP-3' })).body.status).toBe('validated');
    expect((await t.call('POST', `/methods/${own.body.methodId}/verification`, keeper, { on: '2026-03-02', reference: 'VER-1' })).body).toMatchObject({ status: 'verified', usable: true });
  });

  it('R-5.2.3 withdrawal takes effect on its date with the superseding version named; reviews move the next review', async () => {
    const successor = await t.call('POST', '/methods', keeper, { ...jjg146, version: '2023', effectiveFrom: '2026-04-01' });
    const withdrawn = await t.call('POST', `/methods/${gaugeMethodId}/withdrawal`, keeper, { withdrawnOn: '2026-04-01', supersededById: successor.body.methodId });
    expect(withdrawn.body).toMatchObject({ status: 'verified', usable: true, supersededBy: { code: 'JJG 146', version: '2023' } });
    // The withdrawn version leaves the review schedule; the in-house procedure (reviewed yearly since 2012) is long due.
    const due = (await t.call('GET', '/methods/reviews-due', keeper)).body.map((m: { code: string; version: string }) => `${m.code} ${m.version}`);
    expect(due).toEqual(['LAB-PROC-12 2011']);

    t.setDate('2026-04-01');
    await t.call('POST', '/status-sweeps', await t.token('lab-east', ['administrator']));
    const events = (await t.events('equipment.method.published')).filter((e) => e.aggregateId === gaugeMethodId);
    expect(events[events.length - 1].payload).toMatchObject({ status: 'withdrawn', usable: false, withdrawnOn: '2026-04-01' });

    const reviewed = await t.call('POST', `/methods/${successor.body.methodId}/reviews`, keeper, { reviewedOn: '2026-04-01', outcome: 'current', notes: 'Checked against SAMR catalogue 2026' });
    expect(reviewed.status).toBe(201);
    expect(reviewed.body.nextReviewDue).toBe('2027-04-01');
    const record = await t.call('GET', `/methods/${successor.body.methodId}`, keeper);
    expect(record.body.reviews).toEqual([expect.objectContaining({ outcome: 'current', reviewedBy: 'tm-1' })]);
    expect((await t.call('GET', '/methods?code=JJG%20146', keeper)).body.map((m: { version: string; status: string }) => [m.version, m.status])).toEqual([
      ['2023', 'draft'], ['2011', 'withdrawn'],
    ]);
    t.setDate('2026-03-03');
  });

  describe('50 rooms, a day of one-minute readings', () => {
    const day = Date.parse('2026-03-02T00:00:00+08:00');
    const minute = (i: number) => new Date(day + i * 60_000).toISOString();
    const rooms: { id: string; code: string; device: string }[] = [];
    // Room 7 overheats from 14:00 to 14:09 (minutes 840–849).
    const temperature = (room: number, i: number) =>
      room === 7 && i >= 840 && i < 850 ? '25.30' : (20 + 0.5 * Math.sin((2 * Math.PI * (i + room)) / 1440)).toFixed(2);
    const humidity = (room: number, i: number) => (45 + 5 * Math.cos((2 * Math.PI * (i + room)) / 1440)).toFixed(1);
    const batch = (r: number, quantity: 'temperature' | 'relative-humidity') => ({
      series: [
        {
          deviceId: rooms[r].device, quantity, unit: quantity === 'temperature' ? '°C' : '%RH',
          readings: Array.from({ length: 1440 }, (_, i) => ({ at: minute(i), value: quantity === 'temperature' ? temperature(r, i) : humidity(r, i) })),
        },
      ],
    });

    beforeAll(async () => {
      for (let r = 0; r < 50; r++) {
        const code = `R-${String(r).padStart(3, '0')}`;
        const room = await t.call('POST', '/rooms', facilities, {
          code, name: `Laboratory ${code}`, activities: ['length calibration'],
          limits: [{ quantity: 'temperature', lower: '18.0', upper: '24.0', unit: '°C' }, { quantity: 'relative-humidity', upper: '75', unit: '%RH' }],
        });
        expect(room.status).toBe(201);
        const device = `TH-${code}`;
        expect((await t.call('POST', `/rooms/${room.body.id}/devices`, facilities, { deviceId: device, quantities: ['temperature', 'relative-humidity'] })).status).toBe(201);
        rooms.push({ id: room.body.id, code, device });
      }
    });

    it('R-5.4.2 ingests 144 000 readings in batches, idempotently, and raises one excursion with its end', async () => {
      const sender = await t.token('lab-east', ['calibrator'], 'device-gateway');
      const started = Date.now();
      let stored = 0;
      for (let r = 0; r < 50; r++) {
        for (const quantity of ['temperature', 'relative-humidity'] as const) {
          const reply = await t.call('POST', '/environment/readings', sender, batch(r, quantity));
          expect(reply.status).toBe(200);
          stored += reply.body.stored;
        }
      }
      const seconds = (Date.now() - started) / 1000;
      expect(stored).toBe(144_000);
      expect(seconds).toBeLessThan(90);

      const again = await t.call('POST', '/environment/readings', sender, batch(7, 'temperature'));
      expect(again.body).toMatchObject({ received: 1440, stored: 0, duplicates: 1440, excursionsStarted: 0 });
      const [{ n }] = await t.database.queryAsTenant<{ n: number }>('lab-east', `select count(*)::int as n from equipment.env_reading`);
      expect(n).toBe(144_000);

      const detected = await t.events('equipment.environment.excursion-detected');
      expect(detected.map((e) => e.payload)).toEqual([
        expect.objectContaining({ roomCode: 'R-007', quantity: 'temperature', value: '25.30', upper: '24.0', startedAt: minute(840), deviceId: 'TH-R-007' }),
      ]);
      const ended = await t.events('equipment.environment.excursion-ended');
      expect(ended.map((e) => e.payload)).toEqual([expect.objectContaining({ roomCode: 'R-007', endedAt: minute(850), worstValue: '25.30' })]);
      const onKafka = await t.kafkaEvents(Topics.equipmentEnvironment, 2);
      expect(onKafka.map((e) => e.type)).toEqual(['equipment.environment.excursion-detected', 'equipment.environment.excursion-ended']);
    });

    it('R-5.4.2 refuses readings from unknown devices or in the wrong unit, storing nothing of the batch', async () => {
      const sender = await t.token('lab-east', ['calibrator']);
      const bad = await t.call('POST', '/environment/readings', sender, {
        series: [
          { deviceId: 'TH-R-001', quantity: 'temperature', unit: '°F', readings: [{ at: '2026-03-03T00:00:00+08:00', value: '68' }] },
          { deviceId: 'ghost', quantity: 'temperature', unit: '°C', readings: [{ at: '2026-03-03T00:00:00+08:00', value: '20' }] },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
        ['series.0.unit', 'canonical-unit'], ['series.1.deviceId', 'registered-device'],
      ]);
    });

    it('R-5.4.1 answers what the conditions were in a room at a moment', async () => {
      const at = new Date(day + 845 * 60_000 + 30_000).toISOString(); // 14:05:30
      const conditions = await t.call('GET', `/rooms/${rooms[7].id}/conditions?at=${encodeURIComponent(at)}`, keeper);
      expect(conditions.body.conditions).toEqual([
        expect.objectContaining({ quantity: 'relative-humidity', value: humidity(7, 845), unit: '%RH' }),
        expect.objectContaining({ quantity: 'temperature', value: '25.30', unit: '°C', deviceId: 'TH-R-007' }),
      ]);
      const tooLate = await t.call('GET', `/rooms/${rooms[7].id}/conditions?at=${encodeURIComponent('2026-03-03T12:00:00+08:00')}`, keeper);
      expect(tooLate.body).toMatchObject({ conditions: [], missing: ['temperature', 'relative-humidity'] });
    });

    it("R-5.4.1 judges a method's limits over an interval from the stored readings", async () => {
      const q = (room: number, from: string, to: string) =>
        t.call('GET', `/rooms/${rooms[room].id}/compliance?methodId=${gaugeMethodId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, keeper);
      const calm = await q(3, '2026-03-02T08:00:00+08:00', '2026-03-02T12:00:00+08:00');
      expect(calm.body).toMatchObject({ met: true, verdict: 'met', methodCode: 'JJG 146' });
      expect(calm.body.quantities.map((x: { quantity: string; readings: number; verdict: string }) => [x.quantity, x.readings, x.verdict])).toEqual([
        ['temperature', 241, 'met'], ['relative-humidity', 241, 'met'],
      ]);

      const hot = await q(7, '2026-03-02T13:00:00+08:00', '2026-03-02T15:00:00+08:00');
      expect(hot.body).toMatchObject({ met: false, verdict: 'not-met' });
      const temp = hot.body.quantities.find((x: { quantity: string }) => x.quantity === 'temperature');
      expect(temp).toMatchObject({ verdict: 'not-met', outside: 10, max: '25.30', upper: '22.0' });
      expect(temp.firstOutside[0]).toMatchObject({ value: '25.30', deviceId: 'TH-R-007' });

      const noData = await q(3, '2026-03-02T23:00:00+08:00', '2026-03-03T02:00:00+08:00');
      expect(noData.body).toMatchObject({ met: false, verdict: 'insufficient-data' });

      const dashboard = await t.call('GET', '/environment/dashboard', keeper);
      expect(dashboard.body.rooms).toHaveLength(50);
    });
  });

  it('R-5.4.3 keeps incompatible activities apart and controls access', async () => {
    const hall = await t.call('POST', '/rooms', facilities, { code: 'HV-HALL', name: 'High-voltage hall', activities: ['high-voltage testing'], accessList: ['tm-1', 'hv-7'] });
    const refused = await t.call('POST', '/rooms', facilities, {
      code: 'HV-MASS', name: 'Mass corner', kind: 'zone', parentId: hall.body.id, activities: ['mass calibration'], excludedActivities: ['high-voltage testing'],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'activities', rule: 'separation', requirement: 'R-5.4.3' });
    expect((await t.call('GET', `/rooms/${hall.body.id}/access?subject=hv-7`, keeper)).body).toMatchObject({ allowed: true, controlled: true });
    expect((await t.call('GET', `/rooms/${hall.body.id}/access?subject=visitor-1`, keeper)).body.allowed).toBe(false);
  });
});
