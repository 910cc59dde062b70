import { Topics } from '@calchain/contracts';
import { KafkaJsBus, MessagePublisher, Outbox, OutboxRelay } from '../src';
import { readTopic } from '../src/testing';
import { quiet, serviceUnderTest, workOrderCreated } from './fixtures';

describe('outbox relay (real PostgreSQL and Kafka)', () => {
  let sut: Awaited<ReturnType<typeof serviceUnderTest>>;
  let publisher: MessagePublisher;
  let relay: OutboxRelay;
  const outbox = new Outbox();

  beforeAll(async () => {
    sut = await serviceUnderTest('relay');
    publisher = sut.bus.publisher();
    await publisher.connect();
    await publisher.ensureTopics([Topics.intakeWorkOrders]);
    relay = new OutboxRelay(sut.dataSource, publisher, { pollMs: 50, log: quiet });
  });

  afterAll(async () => {
    await publisher.disconnect();
    await sut.close();
  });

  const add = (aggregateId: string, orderNumber: string) =>
    sut.dataSource.transaction((em) =>
      outbox.add(em, { type: 'intake.work-order.created', tenant: 'lab-a', aggregateId, payload: workOrderCreated(orderNumber) }),
    );

  const drain = async () => {
    let total = 0;
    for (let n = await relay.relayOnce(); n > 0; n = await relay.relayOnce()) total += n;
    return total;
  };

  it('publishes every event once, in write order per aggregate', async () => {
    const written: Record<string, string[]> = { a: [], b: [], c: [], d: [] };
    for (let i = 0; i < 40; i++) {
      const key = 'abcd'[i % 4];
      const envelope = await add(`agg-${key}`, `WO-${i}`);
      written[key].push(envelope.id);
    }
    expect(await drain()).toBe(40);

    const messages = await readTopic(sut.bus.topic(Topics.intakeWorkOrders), 40);
    expect(messages).toHaveLength(40);
    for (const key of Object.keys(written)) {
      const ids = messages.filter((m) => m.key === `agg-${key}`).map((m) => JSON.parse(m.value).id);
      expect(ids).toEqual(written[key]);
    }
    const [{ unpublished }] = await sut.dataSource.query(`select count(*)::int as unpublished from outbox_message where published_at is null`);
    expect(unpublished).toBe(0);
  });

  it('still sends a row whose transaction commits after a later row was published (no "last id" skip)', async () => {
    const slow = sut.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    const early = await outbox.add(slow.manager, { type: 'intake.work-order.created', tenant: 'lab-a', aggregateId: 'late-1', payload: workOrderCreated('early') });
    const later = await add('late-2', 'later');
    expect(await drain()).toBe(1); // only the committed one is visible
    await slow.commitTransaction();
    await slow.release();
    expect(await drain()).toBe(1);

    const ids = (await readTopic(sut.bus.topic(Topics.intakeWorkOrders), 42)).map((m) => JSON.parse(m.value).id);
    expect(ids).toEqual(expect.arrayContaining([early.id, later.id]));
    expect(ids.filter((id) => id === early.id)).toHaveLength(1);
  });

  it('keeps rows unpublished, counting the attempt, while the broker cannot be reached', async () => {
    const deadBus = new KafkaJsBus({ clientId: 'dead', brokers: ['127.0.0.1:1'], topicPrefix: sut.config.KAFKA_TOPIC_PREFIX, log: quiet });
    const deadPublisher = deadBus.publisher();
    // Not connected: publishing fails the way it does while Kafka is down.
    const failingRelay = new OutboxRelay(sut.dataSource, deadPublisher, { pollMs: 50, log: quiet });
    const envelope = await add('offline', 'offline-1');
    await expect(failingRelay.relayOnce()).rejects.toThrow();
    const [row] = await sut.dataSource.query(`select published_at, attempts, last_error from outbox_message where id = $1`, [envelope.id]);
    expect(row.published_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/not connected/);
    expect(await drain()).toBe(1); // the healthy relay sends it afterwards
  });

  it('rejects an event whose payload breaks its contract, so the state change rolls back too', async () => {
    await expect(
      sut.dataSource.transaction((em) =>
        outbox.add(em, { type: 'intake.work-order.created', tenant: 'lab-a', aggregateId: 'bad', payload: { orderNumber: 'x' } as never }),
      ),
    ).rejects.toThrow(/invalid-payload/);
    const [{ n }] = await sut.dataSource.query(`select count(*)::int as n from outbox_message where message_key = 'bad'`);
    expect(n).toBe(0);
  });
});
