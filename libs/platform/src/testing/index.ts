export * from './test-database';
export * from './test-kafka';
export * from './wait-until';
export * from './service-process';
export * from './local-platform';
