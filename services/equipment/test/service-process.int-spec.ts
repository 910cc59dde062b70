import { Topics } from '@calchain/contracts';
import { LocalPlatform, readTopic } from '@calchain/platform/testing';

/** The equipment service as a real process (its own main.ts, migrations at start) on the real local stack. */
describe('equipment service as a process', () => {
  let platform: LocalPlatform;

  beforeAll(async () => {
    platform = await LocalPlatform.start('eq-proc', ['equipment']);
  });

  afterAll(() => platform?.stop());

  it('R-5.3.2 starts, migrates its schema and relays a status event to Kafka', async () => {
    const url = platform.service('equipment').url;
    const token = await platform.token('lab-east', ['standard-responsible']);
    const created = await fetch(`${url}/equipment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        assetNumber: 'P-1', name: 'Barometer', kind: 'instrument', equipmentType: 'barometer', location: 'Room 3', ownerSection: 'Pressure',
        calibrationRequired: true, calibrationIntervalMonths: 12,
      }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    const [event] = (await readTopic(`${platform.topicPrefix}${Topics.equipmentEquipment}`, 1)).map((m) => JSON.parse(m.value));
    expect(event).toMatchObject({ type: 'equipment.equipment.status-changed', aggregateId: body.id, payload: { status: 'overdue', reason: 'never-calibrated' } });
    const tables = await platform.database.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema = 'equipment'`);
    expect(tables[0].n).toBeGreaterThanOrEqual(20);
  });
});
