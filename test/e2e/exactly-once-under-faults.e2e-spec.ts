import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopic } from '@calchain/contracts';
import { testBrokers, waitUntil } from '@calchain/platform/testing';
import { broker, LocalPlatform } from '@calchain/platform/testing';

/**
 * Fault test (issue: platform foundation; architecture brief, "Communication"): a stream of N
 * work orders is produced while (A) the Kafka broker is stopped and restarted, and (B) the
 * consuming service is killed with SIGKILL and restarted. Afterwards every event has had exactly
 * one effect: N × items pending records, none lost, none doubled, nothing dead-lettered.
 */
describe('exactly-once effects under faults (real Kafka, PostgreSQL, processes)', () => {
  const N = 60;
  let platform: LocalPlatform;
  let clerk: string;

  beforeAll(async () => {
    platform = await LocalPlatform.start('faults', ['intake', 'records']);
    clerk = await platform.token('lab-fault', ['intake-clerk']);
  });

  afterAll(async () => {
    await broker.start(); // whatever happened, leave the broker running for the next test file
    await platform?.stop();
  });

  const openOrder = async (tag: string, i: number) => {
    const response = await fetch(`${platform.service('intake').url}/work-orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customerId: `${tag}-customer`,
        placeOfWork: 'lab',
        items: [
          { description: `${tag} item ${i} a`, serviceKind: 'calibration' },
          { description: `${tag} item ${i} b`, serviceKind: 'verification' },
        ],
      }),
    });
    if (response.status !== 201) throw new Error(`order ${tag}-${i}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  };

  const effects = async (orderIds: string[]) => {
    const [row] = await platform.database.queryAsTenant<{ records: number; distinct_items: number; orders: number; sources: number }>(
      'lab-fault',
      `select count(*)::int as records, count(distinct item_id)::int as distinct_items,
              count(distinct work_order_id)::int as orders, count(distinct source_event_id)::int as sources
         from records.raw_record where work_order_id = any($1::uuid[])`,
      [orderIds],
    );
    return row;
  };

  const deadLettered = async () => {
    const kafka = new Kafka({ clientId: 'dlt-check', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = `${platform.topicPrefix}${deadLetterTopic('records')}`;
      if (!(await admin.listTopics()).includes(topic)) return 0;
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    } finally {
      await admin.disconnect();
    }
  };

  const resetConsumerGroupToEarliest = async (groupId: string, topic: string) => {
    const kafka = new Kafka({ clientId: 'offset-reset', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // The killed member's session must expire before the group counts as empty.
      await waitUntil(async () => (await admin.describeGroups([groupId])).groups[0].state, (s) => s === 'Empty', {
        timeoutMs: 60000,
        what: 'records group to be empty',
      });
      await admin.resetOffsets({ groupId, topic, earliest: true });
    } finally {
      await admin.disconnect();
    }
  };

  const expectExactlyOnce = async (orderIds: string[], scenario: string) => {
    const settled = await waitUntil(
      () => effects(orderIds),
      (e) => e.records >= orderIds.length * 2,
      { timeoutMs: 180000, what: 'every order to reach records' },
    );
    // Let any late duplicate arrive before judging.
    await new Promise((r) => setTimeout(r, 3000));
    const final = await effects(orderIds);
    const dead = await deadLettered();
    process.stdout.write(
      `fault ${scenario}: sent ${orderIds.length} orders, applied ${final.sources} events, ` +
        `${final.records} records for ${final.distinct_items} items, dead-lettered ${dead}\n`,
    );
    expect(final).toEqual({ records: N * 2, distinct_items: N * 2, orders: N, sources: N });
    expect(settled.records).toBe(N * 2);
    expect(dead).toBe(0);
  };

  it('A: N sent = N applied while the broker is stopped and restarted mid-stream', async () => {
    const ids: string[] = [];
    let waitingWhileDown = 0;
    for (let i = 0; i < N; i++) {
      if (i === N / 3) await broker.stop(); // the API keeps accepting: events wait in the outbox
      if (i === (2 * N) / 3) {
        [{ waitingWhileDown }] = await platform.database.query<{ waitingWhileDown: number }>(
          `select count(*)::int as "waitingWhileDown" from intake.outbox_message where published_at is null`,
        );
        await broker.start();
      }
      ids.push(await openOrder('broker', i));
    }
    // The broker really was down: at least the orders taken meanwhile had to wait in the outbox.
    expect(waitingWhileDown).toBeGreaterThanOrEqual(N / 3);
    await expectExactlyOnce(ids, 'A (broker stopped and restarted)');
  });

  it('B: N sent = N applied while the consuming service is killed (SIGKILL) and restarted', async () => {
    const records = platform.service('records');
    const ids: string[] = [];
    for (let i = 0; i < N; i++) {
      if (i === N / 3) await records.stop('SIGKILL');
      if (i === (2 * N) / 3) {
        // Worst case for duplicates: the group's committed offsets are lost, so on restart every
        // event of the topic (both tests' and this one's) is delivered again.
        await resetConsumerGroupToEarliest(`${platform.topicPrefix}records`, `${platform.topicPrefix}calchain.intake.work-order.v1`);
        await records.start();
      }
      ids.push(await openOrder('crash', i));
    }
    await expectExactlyOnce(ids, 'B (consumer killed, offsets reset, restarted)');
    const [{ inboxRows }] = await platform.database.query<{ inboxRows: number }>(
      `select count(*)::int as "inboxRows" from records.inbox_message`,
    );
    expect(inboxRows).toBe(2 * N); // one inbox row per event of both tests, however often delivered
  });
});
