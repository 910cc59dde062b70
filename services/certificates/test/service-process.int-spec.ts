import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LocalPlatform, repoRoot, waitUntil } from '@calchain/platform/testing';
import { approvedRecord } from './fixtures';
import { ensureSystemPackages, Json, publishEvent } from './harness';

/**
 * The certificates service as a real process (its own main.ts, migrations at start) on the real
 * local stack, logging at debug level: an approved record becomes a signed certificate with no
 * manual step but the signature, and neither the PIN nor a private key ever reaches the log.
 */
describe('certificates service as a process', () => {
  const keyDir = `/tmp/calchain-cert-proc-keys-${randomUUID().slice(0, 8)}`;
  let platform: LocalPlatform;

  beforeAll(async () => {
    ensureSystemPackages();
    platform = await LocalPlatform.start('cert-proc', ['certificates'], { CERTIFICATES_GENERATE_KEYS: 'true', CERTIFICATES_KEY_DIR: keyDir, LOG_LEVEL: 'debug' });
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('R-6.4 / R-6.4.5 issues from an approved record as a process; public verification needs no token; PIN and keys never logged', async () => {
    const url = platform.service('certificates').url;
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as Json };
    };
    expect((await call('GET', '/certificates')).status).toBe(401);
    const unknown = await call('GET', '/public/certificates/lab-east/HD-2026-000001');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/problem\+json/);

    const personId = randomUUID();
    const signatory = await platform.token('lab-east', ['authorised-signatory'], personId);
    const manager = await platform.token('lab-east', ['technical-manager']);
    const pin = '73915846';
    expect((await call('PUT', '/signatories/me', signatory, { printedName: '赵敏', pin })).status).toBe(200);
    await publishEvent(platform.topicPrefix, 'quality.authorisation.granted', 'lab-east', personId, {
      authorisationId: randomUUID(), personId, itemCode: 'JJG 21-2008', role: 'authorised-signatory', validFrom: '2026-01-01', validUntil: '2030-12-31', qualifiedForResponsible: true,
    });
    const record = approvedRecord();
    await publishEvent(platform.topicPrefix, 'records.record.approved', 'lab-east', record.recordId, record);
    const [draft] = await waitUntil(async () => (await call('GET', `/certificates?itemId=${record.itemId}`, manager)).body as Json[], (l) => l.length === 1, { what: 'draft', timeoutMs: 60000 });
    const signed = await waitUntil(() => call('POST', `/certificates/${draft.id}/sign`, signatory, { pin }), (r) => r.status !== 422, { what: 'authorisation read model', timeoutMs: 60000 });
    expect(signed.status).toBe(200);
    const verified = await call('GET', `/public/certificates/lab-east/${signed.body.number}`);
    expect(verified.body).toMatchObject({ status: 'valid', signatureValid: true });

    const log = readFileSync(join(repoRoot, '.local', 'test-logs', `cert-proc-${platform.topicPrefix.slice(-7, -1)}`, 'certificates.log'), 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(pin);
    expect(log).not.toContain('PRIVATE KEY');
  });
});
