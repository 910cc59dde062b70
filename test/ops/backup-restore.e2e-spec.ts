import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { LocalPlatform, repoRoot, TestDatabase, waitUntil } from '@calchain/platform/testing';

const run = promisify(execFile);
const backupRole = { name: 'calchain_backup', password: 'calchain-backup-local' };
const chainVerifier = join(repoRoot, 'services/records/src/chain/verify-chain-command.ts');

/**
 * The backup role: reads every table (pg_read_all_data) and bypasses the tenants' row-level
 * security, which the services' own role cannot and must not. Created through the local
 * cluster's superuser socket, as an operator would with their own admin access.
 */
function ensureBackupRole(): void {
  const sql = `do $$ begin
    if not exists (select 1 from pg_roles where rolname = '${backupRole.name}') then
      create role ${backupRole.name} login bypassrls password '${backupRole.password}' in role pg_read_all_data;
    end if; end $$`;
  execFileSync('psql', ['-h', join(repoRoot, '.local/postgres/run'), '-p', process.env.CALCHAIN_PG_PORT ?? '55432', '-U', 'postgres', '-d', 'postgres', '-XqAtc', sql]);
}

const asRole = (url: string, role = backupRole) => {
  const u = new URL(url);
  u.username = role.name;
  u.password = role.password;
  return u.toString();
};

/** Per table: row count and a digest of all rows in a stable order (RLS bypassed). */
async function fingerprint(url: string, schemas: string[]): Promise<Record<string, string>> {
  const client = new Client({ connectionString: asRole(url) });
  await client.connect();
  try {
    const tables = (await client.query(
      `select table_schema || '.' || table_name as t from information_schema.tables
        where table_schema = any($1) and table_type = 'BASE TABLE' order by 1`, [schemas])).rows.map((r) => r.t as string);
    const out: Record<string, string> = {};
    for (const table of tables) {
      const [row] = (await client.query(`select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`)).rows;
      out[table] = `${row.n}:${row.h}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

/** a backup of each service schema restores into a fresh database, intact. */
describe('ops: backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calchain-backup-'));
  let platform: LocalPlatform;
  let restored: TestDatabase | undefined;

  beforeAll(async () => {
    ensureBackupRole();
    platform = await LocalPlatform.start('backup', ['intake', 'records', 'equipment']);
  });

  afterAll(async () => {
    await platform?.stop();
    await restored?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up every service schema, restores into a fresh database and the data round-trips', async () => {
    const clerk = await platform.token('lab-east', ['intake-clerk']);
    const calibrator = await platform.token('lab-east', ['calibrator']);
    const ids: string[] = [];
    for (const serial of ['GB-1', 'GB-2']) {
      const response = await fetch(`${platform.service('intake').url}/work-orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'customer-42', placeOfWork: 'lab', dueDate: '2026-12-20',
          items: [{ description: 'Gauge block', serialNumber: serial, serviceKind: 'calibration', methodCode: 'JJG 146-2011' }],
        }),
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    for (const id of ids) {
      await waitUntil(
        async () => (await fetch(`${platform.service('records').url}/raw-records?workOrderId=${id}`, { headers: { authorization: `Bearer ${calibrator}` } })).json(),
        (body) => Array.isArray(body) && body.length === 1,
        { what: `records for work order ${id}` },
      );
    }
    // Quiesce: nothing is written while the dumps run, so the fingerprints compare like for like.
    for (const name of ['records', 'intake', 'equipment']) await platform.service(name).stop();

    const backup = await run('bash', [join(repoRoot, 'deploy/backup/backup.sh'), asRole(platform.database.url), dir]);
    const schemas = readFileSync(join(dir, 'MANIFEST'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\s+/)[1].replace(/\.dump$/, ''));
    expect(schemas.sort()).toEqual(['equipment', 'intake', 'records']);
    expect(backup.stdout).toMatch(/3 schema\(s\)/);

    restored = await TestDatabase.create('restored');
    const restore = await run('bash', [join(repoRoot, 'deploy/backup/restore.sh'), dir, restored.url], { cwd: repoRoot });
    expect(restore.stdout).toMatch(/restore: done/);

    const before = await fingerprint(platform.database.url, schemas);
    const after = await fingerprint(restored.url, schemas);
    expect(Object.keys(before).length).toBeGreaterThan(5);
    expect(after).toEqual(before);
    // Not vacuous: the business rows are there (2 orders, 2 records).
    expect(before['intake.work_order']?.split(':')[0]).toBe('2');
    expect(before['records.raw_record']?.split(':')[0]).toBe('2');

    // A second restore into the same database is refused rather than merged.
    await expect(run('bash', [join(repoRoot, 'deploy/backup/restore.sh'), dir, restored.url])).rejects.toMatchObject({ code: 1 });
  });

  it('refuses a backup whose archive was altered', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'calchain-backup-bad-'));
    try {
      execFileSync('cp', ['-r', `${dir}/.`, copy]);
      execFileSync('bash', ['-c', `printf x >> "${copy}/intake.dump"`]);
      const target = await TestDatabase.create('tampered');
      try {
        await expect(run('bash', [join(repoRoot, 'deploy/backup/restore.sh'), copy, target.url])).rejects.toMatchObject({ stderr: expect.stringMatching(/checksum mismatch/) });
        expect(await target.query(`select nspname from pg_namespace where nspname = 'intake'`)).toEqual([]);
      } finally {
        await target.drop();
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('verifies the restored records chain, and a change to a restored entry is detected', async () => {
    // The records tamper-evidence check (issue: records chain); restore.sh ran it above.
    expect(existsSync(chainVerifier)).toBe(true);
    const env = { ...process.env, DATABASE_URL: restored!.url, JWT_SECRET: 'x'.repeat(32), OTEL_SDK_DISABLED: 'true', LOG_LEVEL: 'warn' };
    const verify = () => run(process.execPath, ['-r', './tools/register.js', 'services/records/src/main.ts', 'verify-chain'], { cwd: repoRoot, env });
    const intact = await verify();
    expect(intact.stdout).toMatch(/lab-east: intact — [1-9]\d* entries/);
    await restored!.query(`alter table records.record_entry disable trigger user`);
    await restored!.queryAsTenant('lab-east', `update records.record_entry set actor = 'mallory' where seq = (select min(seq) from records.record_entry)`);
    await expect(verify()).rejects.toMatchObject({ code: 2, stdout: expect.stringMatching(/lab-east: BROKEN/) });
  });
});
