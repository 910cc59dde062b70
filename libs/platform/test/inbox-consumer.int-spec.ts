import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { deadLetterTopic, EventEnvelope, Topics } from '@calchain/contracts';
import { EventHandler, IncomingMessage, InboxConsumer, MessagePublisher } from '../src';
import { readTopic, waitUntil } from '../src/testing';
import { quiet, serviceUnderTest, workOrderCreated } from './fixtures';

/** A handler whose effect is one row per event; it can be told to fail for chosen orders. */
class RecordingHandler implements EventHandler<'intake.work-order.created'> {
  readonly eventType = 'intake.work-order.created' as const;
  failWith: Map<string, () => Error> = new Map();
  calls = 0;

  async handle(event: EventEnvelope<ReturnType<typeof workOrderCreated>>, em: EntityManager): Promise<void> {
    this.calls++;
    await em.query(`insert into effect (event_id, tenant_id, order_number) values ($1, $2, $3)`, [
      event.id, event.tenant, event.payload.orderNumber,
    ]);
    const failure = this.failWith.get(event.payload.orderNumber);
    if (failure) throw failure(); // after the insert: the rollback must undo it
  }
}

const envelope = (orderNumber: string, overrides: Partial<EventEnvelope> = {}) => ({
  id: randomUUID(),
  type: 'intake.work-order.created',
  version: 1,
  occurredAt: new Date().toISOString(),
  tenant: 'lab-a',
  aggregateId: `agg-${orderNumber}`,
  traceparent: null,
  payload: workOrderCreated(orderNumber),
  ...overrides,
});

const delivered = (value: unknown, offset = 0): IncomingMessage => ({
  topic: Topics.intakeWorkOrders,
  partition: 0,
  offset: String(offset),
  key: 'k',
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  headers: {},
});

describe('inbox consumer (real PostgreSQL and Kafka)', () => {
  let sut: Awaited<ReturnType<typeof serviceUnderTest>>;
  let publisher: MessagePublisher;
  let handler: RecordingHandler;
  let consumer: InboxConsumer;
  const group = 'inbox-test';

  const effects = async () => sut.dataSource.query(`select event_id, order_number from effect order by id`);

  beforeAll(async () => {
    sut = await serviceUnderTest('inbox');
    await sut.dataSource.query(`create table effect (id serial primary key, event_id uuid, tenant_id text, order_number text)`);
    publisher = sut.bus.publisher();
    await publisher.connect();
    await publisher.ensureTopics([Topics.intakeWorkOrders, deadLetterTopic(group)]);
  });

  beforeEach(async () => {
    await sut.dataSource.query(`truncate effect, inbox_message`);
    handler = new RecordingHandler();
    consumer = new InboxConsumer(sut.dataSource, sut.bus, publisher, [handler], { groupId: group, maxAttempts: 3, log: quiet });
  });

  afterAll(async () => {
    await publisher.disconnect();
    await sut.close();
  });

  it('applies a redelivered event once', async () => {
    const event = envelope('WO-1');
    expect(await consumer.process(delivered(event))).toBe('applied');
    expect(await consumer.process(delivered(event))).toBe('duplicate');
    expect(await effects()).toEqual([{ event_id: event.id, order_number: 'WO-1' }]);
    expect(handler.calls).toBe(1);
  });

  it.each([
    ['malformed-json', '{"id": '],
    ['unknown-type-or-version', envelope('WO-2', { version: 7 })],
    ['invalid-payload', envelope('WO-3', { payload: { orderNumber: 42 } })],
    ['invalid-envelope', { ...envelope('WO-4'), id: 'nope' }],
  ])('sends a %s message to the dead-letter topic without applying it', async (_reason, value) => {
    expect(await consumer.process(delivered(value))).toBe('dead-lettered');
    expect(await effects()).toEqual([]);
  });

  it('retries a failing handler a bounded number of times, rolls each attempt back, then dead-letters', async () => {
    handler.failWith.set('WO-5', () => new Error('rule broken'));
    expect(await consumer.process(delivered(envelope('WO-5')))).toBe('dead-lettered');
    expect(handler.calls).toBe(3);
    expect(await effects()).toEqual([]);
    const [{ n }] = await sut.dataSource.query(`select count(*)::int as n from inbox_message`);
    expect(n).toBe(0);
  });

  it('never dead-letters on an infrastructure error: the message is left for redelivery', async () => {
    handler.failWith.set('WO-6', () => Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' }));
    await expect(consumer.process(delivered(envelope('WO-6')))).rejects.toThrow(/Connection terminated/);
    expect(handler.calls).toBe(1);
    expect(await effects()).toEqual([]);
  });

  it('through Kafka: duplicates have one effect, a poison message goes to the DLT with its reason, and the partition moves on', async () => {
    const first = envelope('K-1', { aggregateId: 'same-key' });
    const second = envelope('K-2', { aggregateId: 'same-key' });
    const send = (value: unknown) =>
      publisher.publish(Topics.intakeWorkOrders, [{ key: 'same-key', value: typeof value === 'string' ? value : JSON.stringify(value), headers: {} }]);
    await send(first);
    await send(first); // redelivery as a relay crash would cause it
    await send('this is not json');
    await send(second);

    await consumer.start();
    try {
      const rows = await waitUntil(effects, (r) => r.length >= 2, { what: 'both events applied' });
      expect(rows.map((r: { order_number: string }) => r.order_number)).toEqual(['K-1', 'K-2']);
      const dead = await readTopic(sut.bus.topic(deadLetterTopic(group)), 6);
      const poison = dead.find((m) => m.value === 'this is not json');
      expect(poison?.headers['dlt-reason']).toBe('malformed-json');
      expect(poison?.headers['dlt-original-topic']).toBe(Topics.intakeWorkOrders);
      expect(consumer.counts.duplicate).toBe(1);
    } finally {
      await consumer.stop();
    }
    expect(await effects()).toHaveLength(2);
  });
});
