import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PayloadOf } from '@calchain/contracts';
import { KafkaJsBus, loadServiceConfig, migrateServiceSchema, serviceDataSourceOptions, ServiceDataSourceSpec } from '../src';
import { testBrokers, TestDatabase, uniqueTopicPrefix } from '../src/testing';

export const quiet = () => undefined;

export function workOrderCreated(orderNumber: string): PayloadOf<'intake.work-order.created'> {
  return {
    workOrderId: randomUUID(),
    orderNumber,
    customerId: 'customer-1',
    placeOfWork: 'lab',
    dueDate: null,
    items: [{ itemId: randomUUID(), description: 'Gauge block', serialNumber: null, serviceKind: 'calibration', methodCode: null }],
  };
}

/** A migrated service schema in a database of its own, and a Kafka bus with its own topic prefix. */
export async function serviceUnderTest(label: string, spec: ServiceDataSourceSpec = { entities: [], migrations: [] }) {
  const database = await TestDatabase.create(label);
  const config = loadServiceConfig(
    { name: label, defaultPort: 1 },
    { JWT_SECRET: 'x'.repeat(32), DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(label) },
  );
  const options = serviceDataSourceOptions(config, spec);
  await migrateServiceSchema(options);
  const dataSource = await new DataSource(options).initialize();
  const bus = new KafkaJsBus({ clientId: label, brokers: testBrokers(), topicPrefix: config.KAFKA_TOPIC_PREFIX, log: quiet });
  return {
    database,
    dataSource,
    bus,
    config,
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
