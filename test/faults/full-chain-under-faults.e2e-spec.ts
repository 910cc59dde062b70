import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterTopic, Topics } from '@calchain/contracts';
import { LocalPlatform, readTopic, repoRoot, waitUntil } from '@calchain/platform/testing';
import { Chain } from './support/chain';
import { Fault, faultPlan, paused } from './support/faults';
import { allReady, asSuperuser, ensureStackRunning } from './support/stack';

/**
 * Issue 11 part 3: the full chain (intake → records → approval → certificates, through the
 * gateway) under load while, one after another, the broker is killed, PostgreSQL restarted, every
 * service killed mid-batch, the certificates consumer paused past its session timeout, and a poison
 * message produced. Afterwards every work order has exactly one issued certificate (R-6.4.4: an
 * issued certificate is never produced twice), the numbers per institution and year have no gap
 * the poison message sits in the dead-letter topic with its reason, and the time to
 * recover from each fault is reported (console and dist/faults/latest.json).
 *
 * Sized by FAULTS_WORK_ORDERS (minimum orders carried, default 24), FAULTS_MAX_WORK_ORDERS
 * (safety cap, default 400; the load otherwise runs until the last fault), FAULTS_WORKERS (concurrent lab users, default 3) and FAULTS_OUTAGE_MS (how
 * long the broker and the database stay down, default 5000).
 */
const MIN_ORDERS = Number(process.env.FAULTS_WORK_ORDERS ?? 24);
const MAX_ORDERS = Number(process.env.FAULTS_MAX_WORK_ORDERS ?? 400);
const WORKERS = Number(process.env.FAULTS_WORKERS ?? 3);
const OUTAGE_MS = Number(process.env.FAULTS_OUTAGE_MS ?? 5000);
const RUN_LIMIT_MS = 15 * 60_000;

interface Recovery {
  fault: string;
  injectedMs: number; // how long breaking and repairing took (the repair includes the restart)
  readyMs: number; // from the repair until every service answers /ready
  progressMs: number | null; // from the repair until the next certificate was issued (null: no work was pending)
  certificatesBefore: number;
}

describe('fault injection under load: exactly one certificate per work order (R-6.4.2, R-6.4.4)', () => {
  jest.setTimeout(RUN_LIMIT_MS + 120_000);
  const tenant = 'lab-faults';
  let platform: LocalPlatform;
  let chain: Chain;

  beforeAll(async () => {
    await ensureStackRunning();
    platform = await LocalPlatform.start('chainfaults', ['equipment', 'quality', 'records', 'certificates', 'intake', 'gateway'], {
      CERTIFICATES_GENERATE_KEYS: 'true',
      CERTIFICATES_KEY_DIR: mkdtempSync(join(tmpdir(), 'calchain-faults-keys-')),
    });
    chain = new Chain(platform, tenant);
    await chain.prepare();
  });

  afterAll(async () => {
    // Whatever happened: nothing left frozen, the stack running for the next test file.
    for (const pid of paused) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        /* already gone */
      }
    }
    await ensureStackRunning();
    await chain?.close();
    await platform?.stop();
  });

  const issuedCount = async () =>
    asSuperuser(platform.database.name, async (c) =>
      Number((await c.query(`select count(*)::int as n from certificates.certificate where tenant_id = $1 and status = 'issued'`, [tenant])).rows[0].n),
    );

  it('R-6.4.4 broker crash, database restart, kill -9 of every service, a paused consumer and a poison message: none lost, none duplicated, numbers gap-free', async () => {
    const started = Date.now();
    const deadline = started + RUN_LIMIT_MS;
    const workOrders: string[] = [];
    const failures: string[] = [];
    let next = 0;
    let faultsDone = false;
    let busy = 0;

    const worker = async () => {
      for (;;) {
        const index = next++;
        if (index >= MAX_ORDERS || (faultsDone && index >= MIN_ORDERS)) return;
        busy++;
        try {
          workOrders.push(await chain.carry(index, deadline));
        } catch (error) {
          failures.push(String(error));
        } finally {
          busy--;
        }
      }
    };
    const driver = Promise.all(Array.from({ length: WORKERS }, worker));

    // Let the load build up so every fault lands mid-batch.
    await waitUntil(issuedCount, (n) => n >= 2, { timeoutMs: 300000, intervalMs: 1000, what: 'the first certificates' });

    const poisonValue = `{"poison": "not an envelope ${Date.now()}`; // malformed JSON, deliberately
    const recoveries: Recovery[] = [];
    const urls = [...platform.services.values()].map((s) => s.url);
    for (const fault of faultPlan(platform, OUTAGE_MS, () => chain.produceRaw(Topics.recordsRecords, 'poison', poisonValue))) {
      recoveries.push(await measure(fault, urls));
      process.stdout.write(`fault: ${JSON.stringify(recoveries.at(-1))}\n`);
    }
    faultsDone = true;
    await driver;

    async function measure(fault: Fault, serviceUrls: string[]): Promise<Recovery> {
      const certificatesBefore = await waitUntil(issuedCount, () => true, { timeoutMs: 120000, what: 'certificate count' });
      const t0 = Date.now();
      await fault.inject();
      const repaired = Date.now();
      await allReady(serviceUrls);
      const ready = Date.now();
      const atRepair = await waitUntil(issuedCount, () => true, { timeoutMs: 120000, what: 'certificate count' });
      const progressed = await waitUntil(
        async () => ({ n: await issuedCount(), idle: busy === 0 }),
        (p) => p.n > atRepair || p.idle,
        { timeoutMs: 240000, intervalMs: 500, what: `progress after "${fault.name}"` },
      );
      return {
        fault: fault.name,
        injectedMs: repaired - t0,
        readyMs: ready - repaired,
        progressMs: progressed.n > atRepair ? Date.now() - repaired : null,
        certificatesBefore,
      };
    }

    // ---- judging, as superuser (row-level security hides nothing from this reader) ----
    const perOrder = await asSuperuser(platform.database.name, async (c) =>
      (await c.query<{ work_order_id: string; records: number; issued: number; certificates: number }>(
        `select r.work_order_id, count(distinct r.id)::int as records,
                count(c.id) filter (where c.status = 'issued')::int as issued, count(c.id)::int as certificates
           from records.raw_record r left join certificates.certificate c on c.item_id = r.item_id and c.tenant_id = r.tenant_id
          where r.tenant_id = $1 group by r.work_order_id`,
        [tenant],
      )).rows,
    );
    const byOrder = new Map(perOrder.map((row) => [row.work_order_id, row]));
    const lost = workOrders.filter((id) => (byOrder.get(id)?.issued ?? 0) === 0);
    const duplicated = workOrders.filter((id) => (byOrder.get(id)?.certificates ?? 0) > 1 || (byOrder.get(id)?.records ?? 0) > 1);
    const strays = perOrder.filter((row) => !workOrders.includes(row.work_order_id) && row.certificates > 0);
    const numbers = await asSuperuser(platform.database.name, async (c) =>
      (await c.query<{ number: string; number_year: number; number_seq: number }>(
        `select number, number_year, number_seq from certificates.certificate where tenant_id = $1 and number is not null order by number_year, number_seq`,
        [tenant],
      )).rows,
    );
    const gaps = numbers.filter((row, i) => i > 0 && row.number_year === numbers[i - 1].number_year && row.number_seq !== numbers[i - 1].number_seq + 1);
    const outboxBacklog = () => asSuperuser(platform.database.name, async (c) => {
      const counts: Record<string, number> = {};
      for (const schema of ['intake', 'records', 'certificates', 'equipment', 'quality']) {
        counts[schema] = Number((await c.query(`select count(*)::int as n from ${schema}.outbox_message where published_at is null`)).rows[0].n);
      }
      return counts;
    });
    // The last certificate's own event was written a moment ago and the relay publishes on its next
    // poll (CI, stop 17's dry run: one such row counted). Judged once the relays have had a minute;
    // a row still unpublished then stays in the counts and fails the assertion below.
    const drained = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0);
    const unpublished = await waitUntil(outboxBacklog, drained, { timeoutMs: 60000, intervalMs: 500, what: 'every outbox row published' }).catch(outboxBacklog);

    const deadLetters = await readTopic(`${platform.topicPrefix}${deadLetterTopic('certificates')}`, 1, 60000);
    const poison = deadLetters.filter((m) => m.value === poisonValue);

    const summary = {
      at: new Date().toISOString(),
      durationMs: Date.now() - started,
      workOrders: workOrders.length,
      certificatesIssued: await issuedCount(),
      lost: lost.length,
      duplicated: duplicated.length,
      numberGaps: gaps.length,
      driverFailures: failures,
      driverRetries: Object.fromEntries(chain.retries),
      unpublishedOutboxRows: unpublished,
      deadLetters: deadLetters.map((m) => ({ reason: m.headers['dlt-reason'], originalTopic: m.headers['dlt-original-topic'] })),
      recoveries,
    };
    mkdirSync(join(repoRoot, 'dist', 'faults'), { recursive: true });
    writeFileSync(join(repoRoot, 'dist', 'faults', 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(
      `fault suite: ${workOrders.length} work orders, ${summary.certificatesIssued} certificates, lost ${lost.length}, duplicated ${duplicated.length}, ` +
        `number gaps ${gaps.length}, dead letters ${deadLetters.length}\n` +
        recoveries.map((r) => `  ${r.fault}: fault ${r.injectedMs} ms, ready after ${r.readyMs} ms, next certificate after ${r.progressMs ?? '-'} ms`).join('\n') +
        '\n',
    );

    expect(failures).toEqual([]);
    expect(workOrders.length).toBeGreaterThanOrEqual(MIN_ORDERS);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(strays).toEqual([]); // orders opened twice by a retried request never reach a certificate
    expect(summary.certificatesIssued).toBe(workOrders.length);
    expect(numbers.length).toBe(workOrders.length);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
    expect(gaps).toEqual([]);
    expect(numbers[0]?.number_seq).toBe(1);
    expect(unpublished).toEqual({ intake: 0, records: 0, certificates: 0, equipment: 0, quality: 0 });
    // The poison message, with its reason, and nothing else: infrastructure failures are redelivered, never dead-lettered.
    expect(poison).toHaveLength(1);
    expect(poison[0].headers['dlt-reason']).toBe('malformed-json');
    expect(poison[0].headers['dlt-original-topic']).toBe(Topics.recordsRecords);
    expect(deadLetters).toHaveLength(1);
    expect(recoveries.every((r) => r.readyMs >= 0)).toBe(true);
  });
});
