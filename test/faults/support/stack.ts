import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { repoRoot, waitUntil } from '@calchain/platform/testing';

const run = promisify(execFile);

/**
 * The stack the tests run against, located with the same variables as deploy/local/lib.sh, so a
 * second stack (CALCHAIN_LOCAL_DIR, CALCHAIN_*_PORT) is driven exactly like the default one.
 */
export const localDir = () => process.env.CALCHAIN_LOCAL_DIR ?? join(repoRoot, '.local');
const script = (component: string) => join(repoRoot, 'deploy/local', `${component}.sh`);
const component = (name: string, action: string) => run('bash', [script(name), action], { env: process.env });

export const kafka = {
  /** A crash, not a shutdown: the broker gets no chance to flush or hand over. */
  kill9: () => {
    const pid = Number(readFileSync(join(localDir(), 'kafka', 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
  },
  start: () => component('kafka', 'start'),
};

export const postgres = {
  stop: () => component('postgres', 'stop'),
  start: () => component('postgres', 'start'),
};

/** Idempotent: starts whatever is down. Used in afterAll so the stack is always left running. */
export const ensureStackRunning = () => run('bash', [script('start')], { env: process.env });

/**
 * A superuser connection through the cluster's own socket: row-level security hides tenant rows
 * from the services' role, and a reviewer who does not trust the system reads past it.
 */
export async function asSuperuser<T>(database: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    host: join(localDir(), 'postgres', 'run'),
    port: Number(process.env.CALCHAIN_PG_PORT ?? 55432),
    user: 'postgres',
    database,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Waits until every service answers /ready with 200 (database, Kafka and consumer checks). */
export const allReady = (urls: string[], timeoutMs = 180000) =>
  waitUntil(
    () => Promise.all(urls.map((u) => fetch(`${u}/ready`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 0))),
    (statuses) => statuses.every((s) => s === 200),
    { timeoutMs, intervalMs: 500, what: 'every service ready' },
  );
