import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { LocalPlatform, testBrokers } from '@calchain/platform/testing';

/** SIGTERM: the service closes cleanly and its consumer leaves the group at once (no session timeout). */
describe('graceful shutdown', () => {
  let platform: LocalPlatform;

  beforeAll(async () => {
    platform = await LocalPlatform.start('shutdown', ['records', 'certificates', 'equipment', 'quality', 'gateway'], {
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
    });
  });

  afterAll(() => platform?.stop());

  it('every service answers /health and /ready, then exits 0 on SIGTERM', async () => {
    for (const service of platform.services.values()) {
      const ready = await (await fetch(`${service.url}/ready`)).json();
      expect(ready).toMatchObject({ status: 'ready', service: service.name });
    }
    for (const name of ['gateway', 'quality', 'equipment', 'certificates']) {
      await platform.service(name).stop('SIGTERM');
      expect(platform.service(name).exitCode).toBe(0);
    }
  });

  it('a consumer leaves its group on SIGTERM instead of waiting for its session to expire', async () => {
    const admin = new Kafka({ clientId: 'shutdown-check', brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const group = `${platform.topicPrefix}records`;
      const state = async () => (await admin.describeGroups([group])).groups[0];
      expect((await state()).members.length).toBe(1);
      const started = Date.now();
      await platform.service('records').stop('SIGTERM');
      expect(platform.service('records').exitCode).toBe(0);
      const after = await state();
      expect(after.members).toEqual([]);
      expect(after.state).toBe('Empty');
      expect(Date.now() - started).toBeLessThan(30000); // the session timeout it would otherwise wait for
    } finally {
      await admin.disconnect();
    }
  });
});
