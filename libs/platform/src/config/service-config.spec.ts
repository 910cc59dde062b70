import { ConfigurationError, loadServiceConfig } from './service-config';

const secret = 'x'.repeat(32);

describe('loadServiceConfig', () => {
  it('fills defaults and derives the schema from the service name', () => {
    const config = loadServiceConfig({ name: 'records', defaultPort: 3002 }, { JWT_SECRET: secret });
    expect(config.PORT).toBe(3002);
    expect(config.DB_SCHEMA).toBe('records');
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:59092']);
  });

  it('splits a broker list', () => {
    const config = loadServiceConfig({ name: 'intake', defaultPort: 1 }, { JWT_SECRET: secret, KAFKA_BROKERS: 'a:1, b:2' });
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
  });

  it('names every bad variable at once', () => {
    expect(() => loadServiceConfig({ name: 'intake', defaultPort: 1 }, { JWT_SECRET: 'short', PORT: 'abc' })).toThrow(
      ConfigurationError,
    );
    try {
      loadServiceConfig({ name: 'intake', defaultPort: 1 }, { JWT_SECRET: 'short', PORT: 'abc' });
    } catch (error) {
      expect((error as Error).message).toMatch(/JWT_SECRET/);
      expect((error as Error).message).toMatch(/PORT/);
    }
  });
});
