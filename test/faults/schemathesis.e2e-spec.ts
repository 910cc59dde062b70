import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalPlatform, waitUntil } from '@calchain/platform/testing';
import { changedTables, dataFingerprint } from './support/data-fingerprint';
import { describeRun, fuzz, preparePythonEnv } from './support/schemathesis';

/**
 * Issue 11 part 3, bad input: schemathesis (pinned in tools/python/requirements.txt) against the gateway's
 * aggregated OpenAPI document, with an authorised token. No request may produce a 5xx, and no
 * refused request may change data: across a phase of schema-violating requests every table of
 * every service schema keeps its row count and content hash (read as superuser).
 *
 * FUZZ_MAX_EXAMPLES sizes the fuzzing phase of both runs, per operation. The coverage phase (every
 * boundary and every single-constraint violation of each operation) does not depend on it and is
 * most of the run; 8 keeps the test near 7 minutes on the CI machine with every service's
 * operations in the document. Raise it locally to search harder.
 */
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '8';
const SERVICES = ['intake', 'records', 'certificates', 'equipment', 'quality'];

describe('bad input through the gateway: schemathesis finds no 5xx and refused requests change nothing', () => {
  jest.setTimeout(30 * 60_000);
  let platform: LocalPlatform;
  let gateway: string;
  let token: string;
  let coveredServices: string[] = [];

  beforeAll(async () => {
    await preparePythonEnv();
    const unlimited = '1000000'; // the fuzzer is one user on one IP: rate limits would only answer 429
    platform = await LocalPlatform.start('fuzz', [...SERVICES, 'gateway'], {
      RATE_LIMIT_PER_MINUTE: unlimited,
      PUBLIC_RATE_LIMIT_PER_MINUTE: unlimited,
      EDGE_IP_RATE_LIMIT_PER_MINUTE: unlimited,
      CERTIFICATES_GENERATE_KEYS: 'true',
      CERTIFICATES_KEY_DIR: mkdtempSync(join(tmpdir(), 'calchain-fuzz-keys-')),
    });
    gateway = platform.service('gateway').url;
    // Every staff role of one institution, so the fuzzer reaches the handlers, not only the permission check.
    token = await platform.token(
      'lab-fuzz',
      ['intake-clerk', 'calibrator', 'checker', 'authorised-signatory', 'quality-supervisor', 'standard-responsible', 'technical-manager', 'administrator'],
      'fuzzer',
    );
    // The gateway asks each service for its document with a 5 s limit: on a busy machine the first answer may miss one.
    const document = await waitUntil(
      async () => (await (await fetch(`${gateway}/openapi.json`)).json()) as { paths: Record<string, unknown>; 'x-calchain-services-without-document': string[] },
      (d) => d['x-calchain-services-without-document'].length === 0,
      { timeoutMs: 120000, intervalMs: 2000, what: "every service's document in the aggregated OpenAPI" },
    );
    const paths = Object.keys(document.paths);
    coveredServices = SERVICES.filter((s) => paths.some((path) => path.startsWith(`/api/${s}/`)));
    process.stdout.write(
      `aggregated OpenAPI: ${paths.length} paths; services documented: ${coveredServices.join(', ') || 'none'}; ` +
        `without a document: ${document['x-calchain-services-without-document'].join(', ') || 'none'}\n`,
    );
  });

  afterAll(() => platform?.stop());

  /** Consumers and relays still at work from an earlier phase would change data: wait until nothing moves. */
  const settled = () =>
    waitUntil(
      async () => {
        const first = await dataFingerprint(platform.database.name);
        await new Promise((r) => setTimeout(r, 3000));
        return changedTables(first, await dataFingerprint(platform.database.name)).length;
      },
      (changes) => changes === 0,
      { timeoutMs: 120000, intervalMs: 0, what: 'the data to settle' },
    );

  it('R-6.1.1 valid and boundary requests (examples, coverage, fuzzing): not_a_server_error, zero 5xx', async () => {
    const run = await fuzz(gateway, token, ['--mode', 'positive', '--phases', 'examples,coverage,fuzzing', '--checks', 'not_a_server_error', '--max-examples', MAX_EXAMPLES, '--seed', '11']);
    process.stdout.write(`${describeRun('positive phase', run)}\n`);
    expect(coveredServices).toEqual(SERVICES); // every service's operations are fuzzed, not only some
    expect(run.requests).toBeGreaterThan(100); // it really ran
    expect(run.serverErrors).toEqual([]);
    expect(run.failedChecks).toEqual({});
  });

  it('R-6.1.1 schema-violating requests (negative mode) are refused with 4xx, never 5xx, and change no row of any service schema', async () => {
    await settled();
    const before = await dataFingerprint(platform.database.name);
    const run = await fuzz(gateway, token, [
      '--mode', 'negative', '--phases', 'coverage,fuzzing', '--checks', 'not_a_server_error,negative_data_rejection', '--max-examples', MAX_EXAMPLES, '--seed', '12',
    ]);
    await new Promise((r) => setTimeout(r, 3000)); // anything a request set off (outbox, events) has had time to land
    const after = await dataFingerprint(platform.database.name);
    process.stdout.write(`${describeRun('negative phase', run)}\n  refused ${run.refused}; tables compared ${Object.keys(before).length}; changed ${JSON.stringify(changedTables(before, after))}\n`);
    expect(run.refused).toBeGreaterThan(100);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(run.serverErrors).toEqual([]);
    expect(run.failedChecks).toEqual({});
    expect(changedTables(before, after)).toEqual([]);
  });
});
