// One Jest run covers the whole workspace, in band: integration and end-to-end tests share the
// real PostgreSQL, Redis and Kafka of deploy/local, and the machine has two cores.
const { pathsToModuleNameMapper } = require('./tools/jest/paths');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'off' },
  // bench/full-chain snapshots the sources under .local/bench; two copies of a package confuse the module map.
  modulePathIgnorePatterns: ['<rootDir>/.local/'],
};

module.exports = {
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,services}/*/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services}/*/test/**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/slow-tests.setup.js'],
    },
    {
      // The web console's components (issue 12) in jsdom; its browser flows are e2e tests in test/console.
      displayName: 'console',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/console/src/**/*.spec.tsx'],
      moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
      moduleNameMapper: { '\\.css$': '<rootDir>/apps/console/src/test-support/style-stub.js' },
      setupFilesAfterEnv: ['<rootDir>/apps/console/src/test-support/setup.ts'],
      transform: {
        '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/slow-tests.setup.js'],
    },
  ],
};
