import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { waitUntil } from './wait-until';

export const testBrokers = () => (process.env.KAFKA_BROKERS ?? '127.0.0.1:59092').split(',');

/** A topic prefix of its own per test file, so runs never see each other's events. */
export const uniqueTopicPrefix = (label: string) => `t-${label}-${randomBytes(3).toString('hex')}.`;

export interface ReadMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
}

/** Reads every message currently in a topic (from the beginning) with a throw-away consumer group. */
export async function readTopic(topic: string, expected: number, timeoutMs = 30000): Promise<ReadMessage[]> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: testBrokers(), logLevel: logLevel.NOTHING });
  await waitForTopic(kafka, topic, timeoutMs);
  const consumer = kafka.consumer({ groupId: `test-reader-${randomBytes(4).toString('hex')}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
        messages.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers, partition });
        if (messages.length >= expected) done();
      },
    });
    await Promise.race([finished, new Promise((r) => setTimeout(r, timeoutMs))]);
    // A short grace period shows messages beyond the expected count (duplicates) too.
    await new Promise((r) => setTimeout(r, 500));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** A topic a service has only just created may not have partition leaders yet: wait for them. */
async function waitForTopic(kafka: Kafka, topic: string, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitUntil(
      async () => (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions ?? [],
      (partitions) => partitions.length > 0 && partitions.every((p) => p.leader >= 0),
      { timeoutMs, what: `leaders for ${topic}` },
    );
  } finally {
    await admin.disconnect();
  }
}
