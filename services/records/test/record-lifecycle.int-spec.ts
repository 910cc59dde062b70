import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseEvent, Topics } from '@calchain/contracts';
import { repoRoot } from '@calchain/platform/testing';
import { entryHash, GENESIS_HASH, payloadHash } from '../src/chain/domain/hash-chain';
import { calculationSpec, dispatchedItem, ITEM_CODE, seedLab } from './fixtures';
import { RecordsTestApp } from './records-test-app';

const run = promisify(execFile);

/**
 * A raw record from dispatch to approval on real PostgreSQL and Kafka (issue 6): opening bound to
 * method, standards, equipment, person and room; capture at the time; corrections as versions;
 * results with uncertainty reproduced from the stored budget; review and approval by another
 * authorised person; the records.record.approved event; retention; and the chain check catching a
 * row changed directly in SQL, through the endpoint and the verify-chain command.
 */
describe('raw record lifecycle (records service, real PostgreSQL and Kafka)', () => {
  const tenant = 'lab-east';
  let app: RecordsTestApp;
  let lab: Awaited<ReturnType<typeof seedLab>>;
  let calibrator: string;
  let checker: string;
  let recordId: string;
  const at = (iso: string) => app.clock.set(iso);

  beforeAll(async () => {
    app = await RecordsTestApp.start('records-life', '2026-11-26T01:00:00Z');
    lab = await seedLab(app, tenant);
    calibrator = await app.token(tenant, ['calibrator'], lab.calibrator);
    checker = await app.token(tenant, ['checker'], lab.checker);
    recordId = (await dispatchedItem(app, tenant, calibrator)).record.id;
  });

  afterAll(() => app?.stop());

  const open = (token: string, body: object) => app.call('POST', `/raw-records/${recordId}/open`, token, body);
  const good = () => ({ standardIds: [lab.standardId], equipmentIds: [lab.comparator], roomId: lab.roomId, roomCode: 'R-101' });

  it('R-7.1.1 a dispatched item has one record bound to its method version and item code', async () => {
    const r = await app.call('GET', `/raw-records/${recordId}`, calibrator);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'dispatched', itemCode: ITEM_CODE, methodCode: 'JJG 146-2011', methodVersion: '2011', recordNumber: expect.stringMatching(/^RR-2026-\d{6}$/), currentVersion: 2 });
  });

  it('R-5.1.4 refuses to open a record for a person not authorised for the item on the day', async () => {
    const stranger = await app.token(tenant, ['calibrator'], 'a0000000-0000-4000-8000-000000000001');
    const r = await open(stranger, good());
    expect(r.status).toBe(422);
    expect(r.type).toMatch(/problem\+json/);
    expect(r.body.errors).toEqual([expect.objectContaining({ requirement: 'R-5.1.4', field: 'person', rule: 'authorised-calibrator' })]);
    // the checker is authorised for the item, but not as calibrator
    const asChecker = await app.token(tenant, ['calibrator'], lab.checker);
    expect((await open(asChecker, good())).body.errors[0].requirement).toBe('R-5.1.4');
  });

  it('R-5.3.2 / R-4.1.2 refuses overdue equipment and an invalid measurement standard, naming each', async () => {
    const r = await open(calibrator, { ...good(), standardIds: [lab.standardId, lab.invalidStandardId], equipmentIds: [lab.comparator, lab.overdue] });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'standardIds.1', rule: 'standard-valid', requirement: 'R-4.1.2' }),
        expect.objectContaining({ field: 'equipmentIds.1', rule: 'equipment-usable', requirement: 'R-5.3.2' }),
      ]),
    );
    expect((await app.call('GET', `/raw-records/${recordId}`, calibrator)).body.status).toBe('dispatched');
  });

  it('opens the record for the authorised calibrator with method, standards (and certificates), equipment and room bound', async () => {
    at('2026-11-26T01:10:00Z');
    const r = await open(calibrator, good());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'open', calibrator: lab.calibrator, roomCode: 'R-101', standardIds: [lab.standardId] });
    expect(r.body.binding.standards[0].certificates[0]).toMatchObject({ number: '[2024]GB-001-A', validUntil: '2028-04-30' });
    expect(r.body.method.measurementModel).toEqual({ output: 'L', expression: 'lS + d', inputs: ['lS', 'd'] });
    expect((await open(calibrator, good())).status).toBe(422); // once
  });

  it('R-6.3.3 stamps readings on arrival; refuses a late reading without a reason and marks one with a reason late', async () => {
    at('2026-11-26T02:00:00Z');
    const late = await app.call('POST', `/raw-records/${recordId}/readings`, calibrator, {
      readings: [{ symbol: 'd', point: '50 mm', nominal: '50', value: '0.00011', claimedAt: '2026-11-26T01:00:00Z' }],
    });
    expect(late.status).toBe(422);
    expect(late.body.errors[0]).toMatchObject({ requirement: 'R-6.3.3', rule: 'late-needs-reason', field: 'readings.0.lateReason' });
    const marked = await app.call('POST', `/raw-records/${recordId}/readings`, calibrator, {
      readings: [{ symbol: 'd', point: '50 mm', nominal: '50', value: '0.00011', claimedAt: '2026-11-26T01:00:00Z', lateReason: 'tablet lost its network in room R-101' }],
    });
    expect(marked.status).toBe(201);
    expect(marked.body.accepted[0]).toMatchObject({ late: true, receivedAt: '2026-11-26T02:00:00.000Z' });
    const now = await app.call('POST', `/raw-records/${recordId}/readings`, calibrator, {
      readings: ['0.00012', '0.00110', '0.00013', '0.00012'].map((value) => ({ symbol: 'd', point: '50 mm', nominal: '50', value, claimedAt: '2026-11-26T01:59:30Z' })),
    });
    expect(now.status).toBe(201);
    expect(now.body.accepted.map((a: { late: boolean; repeat: number }) => [a.late, a.repeat])).toEqual([[false, 2], [false, 3], [false, 4], [false, 5]]);
    const unknown = await app.call('POST', `/raw-records/${recordId}/readings`, calibrator, { readings: [{ symbol: 'q', point: '50 mm', value: '1' }] });
    expect(unknown.body.errors[0]).toMatchObject({ rule: 'method-reading', field: 'readings.0.symbol' });
  });

  it('R-6.3.4 a correction is a new version: the wrong value stays beside the right one, every version is retrievable', async () => {
    at('2026-11-26T02:05:00Z');
    const record = (await app.call('GET', `/raw-records/${recordId}`, calibrator)).body;
    const wrong = record.readings.find((r: { value: string }) => r.value === '0.00110');
    const first = await app.call('POST', `/raw-records/${recordId}/observations/${wrong.observationId}/corrections`, calibrator, { value: '0.00011', reason: 'misplaced decimal' });
    expect(first.status).toBe(201);
    at('2026-11-26T02:06:00Z');
    const second = await app.call('POST', `/raw-records/${recordId}/observations/${wrong.observationId}/corrections`, calibrator, { value: '0.00010', reason: 'last digit misread on the display' });
    expect(second.body).toMatchObject({ originalValue: '0.00110', value: '0.00010' });
    expect(second.body.corrections).toEqual([
      expect.objectContaining({ previousValue: '0.00110', value: '0.00011', reason: 'misplaced decimal', by: lab.calibrator, at: '2026-11-26T02:05:00.000Z' }),
      expect.objectContaining({ previousValue: '0.00011', value: '0.00010', reason: 'last digit misread on the display', at: '2026-11-26T02:06:00.000Z' }),
    ]);
    expect((await app.call('POST', `/raw-records/${recordId}/observations/${wrong.observationId}/corrections`, calibrator, { value: '0.00009', reason: 'x' })).status).toBe(400);

    const versions = (await app.call('GET', `/raw-records/${recordId}/versions`, calibrator)).body;
    expect(versions.map((v: { kind: string }) => v.kind)).toEqual(['created', 'dispatched', 'opened', 'reading', 'reading', 'reading', 'reading', 'reading', 'correction', 'correction']);
    expect(versions.every((v: { entryHash: string }) => /^[0-9a-f]{64}$/.test(v.entryHash))).toBe(true);
    const before = versions.find((v: { kind: string }) => v.kind === 'correction').version - 1;
    const old = (await app.call('GET', `/raw-records/${recordId}/versions/${before}`, calibrator)).body;
    expect(old.readings.find((r: { observationId: string }) => r.observationId === wrong.observationId).value).toBe('0.00110');
    // nothing in the database was updated in place
    await expect(app.database.queryAsTenant(tenant, `update records.record_entry set actor = 'x' where record_id = $1`, [recordId])).rejects.toThrow(/append-only/);
  });

  it('R-5.4.1 records the conditions at measurement time and blocks submission outside the method limits', async () => {
    at('2026-11-26T02:10:00Z');
    const c = await app.call('POST', `/raw-records/${recordId}/conditions`, calibrator, {
      conditions: [{ quantity: 'temperature', value: '21.6', unit: '°C' }, { quantity: 'relative-humidity', value: '48', unit: '%' }],
    });
    expect(c.status).toBe(201);
    expect((await app.call('POST', `/raw-records/${recordId}/calculation`, calibrator, calculationSpec)).status).toBe(200);
    const blocked = await app.call('POST', `/raw-records/${recordId}/submit`, calibrator);
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors).toEqual([expect.objectContaining({ requirement: 'R-5.4.1', field: 'environment.temperature', rule: 'method-limits-met' })]);
    // the thermometer was read wrongly: corrected with the reason, like any value
    const temperature = c.body.accepted[0].observationId;
    expect((await app.call('POST', `/raw-records/${recordId}/observations/${temperature}/corrections`, calibrator, { value: '20.6', reason: 'read the wrong thermometer' })).status).toBe(201);
  });

  it('R-6.3.2 / R-6.3.5 calculates with the method\'s model and reproduces the result from the stored budget alone', async () => {
    const stale = await app.call('POST', `/raw-records/${recordId}/submit`, calibrator);
    expect(stale.body.errors[0]).toMatchObject({ rule: 'calculation-current' });
    const calc = await app.call('POST', `/raw-records/${recordId}/calculation`, calibrator, calculationSpec);
    expect(calc.status).toBe(200);
    const [result] = calc.body.results;
    expect(result).toMatchObject({ resultId: '50 mm', unit: 'mm', uncertaintyUnit: 'µm', coverageProbability: '0.9545', readings: 5 });
    expect(result.measuredValue).toMatch(/^50\.000\d+$/);
    expect(Number(result.expandedUncertainty)).toBeGreaterThan(0.05);
    expect(calc.body.bmc[0]).toMatchObject({ outcome: 'ok' });
    const again = await app.call('GET', `/raw-records/${recordId}/budgets/${encodeURIComponent('50 mm')}/reproduction`, checker);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ reproduced: true, differences: [] });
    expect(again.body.recomputed.value).toBe(result.measuredValue);
    expect(again.body.stored.inputs.map((i: { source: string }) => i.source)).toEqual(['certificate [2024]GB-001-A', 'Type A, 5 readings']);
  });

  it('R-5.1.4 the calibrator cannot check their own record, even holding the checker role', async () => {
    expect((await app.call('POST', `/raw-records/${recordId}/submit`, calibrator)).body).toMatchObject({ status: 'submitted', findings: [] });
    const both = await app.token(tenant, ['calibrator', 'checker'], lab.calibrator);
    const r = await app.call('POST', `/raw-records/${recordId}/approve`, both);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ rule: 'checker-not-calibrator', requirement: 'R-5.1.4' });
    expect((await app.call('POST', `/raw-records/${recordId}/approve`, calibrator)).status).toBe(403);
  });

  it('approves by a different authorised checker and publishes records.record.approved with everything a certificate needs', async () => {
    at('2026-11-26T03:00:00Z');
    const r = await app.call('POST', `/raw-records/${recordId}/approve`, checker);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'approved', retainUntil: '2032-11-26' });
    const [stored] = await app.events('records.record.approved');
    const [onKafka] = await app.kafkaEvents(Topics.recordsRecords, 1);
    expect(onKafka.id).toBe(stored.id);
    const event = parseEvent(onKafka);
    expect(event.aggregateId).toBe(recordId);
    expect(event.payload).toMatchObject({
      recordId, recordVersion: r.body.version, itemCode: ITEM_CODE, serialNumber: 'GB-50', serviceKind: 'calibration', customerId: 'customer-42',
      method: { code: 'JJG 146-2011', version: '2011', title: 'Gauge blocks' },
      measurementStandards: [{ standardId: lab.standardId, certificates: [{ number: '[2024]GB-001-A', validUntil: '2028-04-30' }] }],
      environment: { source: 'recorded-with-record', roomCode: 'R-101', withinLimits: true },
      calibratorPersonId: lab.calibrator, checkerPersonId: lab.checker, approvedAt: '2026-11-26T03:00:00.000Z', measurementDate: '2026-11-26',
      chain: { algorithm: 'sha256' },
    });
    const p = event.payload as { results: { measuredValue: string }[]; budgets: { components: unknown[]; budgetHash: string }[]; environment: { conditions: { quantity: string; value: string }[] }; chain: { entryHash: string } };
    expect(p.results).toHaveLength(1);
    expect(p.budgets[0].components).toHaveLength(2);
    expect(p.environment.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ quantity: 'temperature', value: '20.6' })]));
    const versions = (await app.call('GET', `/raw-records/${recordId}/versions`, checker)).body;
    expect(versions[versions.length - 1]).toMatchObject({ kind: 'approved', entryHash: p.chain.entryHash });
    expect((await app.call('POST', `/raw-records/${recordId}/readings`, calibrator, { readings: [{ symbol: 'd', point: '50 mm', value: '0.1' }] })).status).toBe(422);
  });

  it('R-6.3.6 refuses deleting the record before its retention expires, through the API and in the database', async () => {
    const admin = await app.token(tenant, ['administrator'], 'admin-1');
    const r = await app.call('DELETE', `/raw-records/${recordId}`, admin);
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ requirement: 'R-6.3.6', rule: 'retention-expired' });
    expect(r.body.detail).toMatch(/2032-11-26/);
    await expect(app.database.queryAsTenant(tenant, `delete from records.raw_record where id = $1`, [recordId])).rejects.toThrow(/R-6.3.6/);
    await expect(app.database.queryAsTenant(tenant, `delete from records.record_entry where record_id = $1`, [recordId])).rejects.toThrow(/R-6.3.4/);
  });

  it('R-6.3.4 / R-7.2 the chain verifies; a row changed directly in SQL is caught and named by the endpoint and the command', async () => {
    const supervisor = await app.token(tenant, ['quality-supervisor'], 'qs-1');
    const clean = await app.call('GET', '/chain/verification', supervisor);
    expect(clean.body).toMatchObject({ intact: true, firstBroken: null, problems: [] });
    expect(clean.body.entries).toBeGreaterThan(10);
    const checkpoint = await app.call('POST', '/chain/checkpoints', supervisor);
    expect(checkpoint.body).toMatchObject({ fromSequence: 1, toSequence: clean.body.entries });
    expect((await app.events('records.chain.checkpoint')).at(-1)!.payload.merkleRoot).toBe(checkpoint.body.merkleRoot);

    // Someone with the schema owner's rights rewrites a reading, getting past the trigger.
    const [target] = await app.database.queryAsTenant<{ seq: string; id: string; record_version: number }>(
      tenant, `select seq, id, record_version from records.record_entry where record_id = $1 and kind = 'reading' order by seq limit 1 offset 2`, [recordId],
    );
    await app.database.query(`alter table records.record_entry disable trigger record_entry_append_only`);
    await app.database.queryAsTenant(tenant, `update records.record_entry set payload = jsonb_set(payload, '{value}', '"0.00012"') where id = $1`, [target.id]);
    await app.database.query(`alter table records.record_entry enable trigger record_entry_append_only`);

    const broken = await app.call('GET', '/chain/verification', supervisor);
    expect(broken.body.intact).toBe(false);
    expect(broken.body.firstBroken).toMatchObject({ problem: 'payload-hash-mismatch', seq: Number(target.seq), entryId: target.id, recordId, recordVersion: target.record_version, kind: 'reading' });

    const command = await run(process.execPath, ['-r', './tools/register.js', 'services/records/src/main.ts', 'verify-chain', '--tenant', tenant], {
      cwd: repoRoot, env: { ...process.env, ...app.env },
    }).then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }));
    expect(command.code).toBe(2);
    expect(command.stdout).toContain(`lab-east: BROKEN — first broken entry: #${target.seq} reading of record ${recordId} version ${target.record_version} [payload-hash-mismatch]`);
  });

  it('R-7.2 a chain rewritten with fresh hashes after the change is still caught by the published checkpoint', async () => {
    // The attacker goes further: recomputes every hash from the changed entry on, and the head.
    const rows = await app.database.queryAsTenant<Record<string, unknown>>(tenant, `select * from records.record_entry order by seq`);
    let prev = GENESIS_HASH;
    await app.database.query(`alter table records.record_entry disable trigger record_entry_append_only`);
    for (const r of rows) {
      const header = {
        tenantId: tenant, seq: Number(r.seq), prevHash: prev, id: r.id as string, recordId: r.record_id as string, recordVersion: r.record_version as number,
        kind: r.kind as string, payloadHash: payloadHash(r.payload), actor: r.actor as string, recordedAt: (r.recorded_at as Date).toISOString(),
      };
      prev = entryHash(header);
      await app.database.queryAsTenant(tenant, `update records.record_entry set prev_hash = $2, payload_hash = $3, entry_hash = $4 where id = $1`, [r.id, header.prevHash, header.payloadHash, prev]);
      await app.database.queryAsTenant(tenant, `update records.raw_record set head_hash = $2 where id = $1 and current_version = $3`, [r.record_id, prev, r.record_version]);
    }
    await app.database.query(`alter table records.record_entry enable trigger record_entry_append_only`);
    await app.database.queryAsTenant(tenant, `update records.chain_head set head_hash = $1`, [prev]);

    const supervisor = await app.token(tenant, ['quality-supervisor'], 'qs-1');
    const r = await app.call('GET', '/chain/verification', supervisor);
    expect(r.body.intact).toBe(false);
    expect(r.body.problems).toEqual([expect.objectContaining({ problem: 'checkpoint-mismatch', seq: 1 })]);
    // The same against the checkpoint as published on Kafka, even if the stored copy were gone.
    const published = (await app.kafkaEvents(Topics.recordsChain, 1)).map((e) => e.payload);
    const external = await app.call('POST', '/chain/verification', supervisor, { checkpoints: published });
    expect(external.body.problems.filter((p: { detail: string }) => p.detail.includes('external'))).toHaveLength(1);
  });

  it('R-6.3.4 a raw_record row changed directly in SQL no longer matches its journal', async () => {
    const other = (await dispatchedItem(app, 'lab-west', await app.token('lab-west', ['calibrator'], 'p-west'))).record;
    const supervisor = await app.token('lab-west', ['quality-supervisor'], 'qs-2');
    expect((await app.call('GET', '/chain/verification', supervisor)).body.intact).toBe(true);
    await app.database.queryAsTenant('lab-west', `update records.raw_record set status = 'approved' where id = $1`, [other.id]);
    const r = await app.call('GET', '/chain/verification', supervisor);
    expect(r.body.firstBroken).toMatchObject({ problem: 'projection-mismatch', recordId: other.id });
    expect(r.body.firstBroken.detail).toMatch(/status is "approved", the journal says "dispatched"/);
  });
});
