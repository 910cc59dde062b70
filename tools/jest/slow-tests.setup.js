// Integration and end-to-end tests wait on real servers (Kafka group joins, broker restarts).
jest.setTimeout(Number(process.env.CALCHAIN_TEST_TIMEOUT_MS ?? 180000));
