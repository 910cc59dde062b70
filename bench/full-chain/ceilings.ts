/**
 * Same-machine ceilings, measured in the same run as the chain: PostgreSQL's small-transaction rate
 * (pgbench), the broker's producer rate (Kafka's own ProducerPerformance tool) and a bare Node
 * HTTP server (hit by autocannon exactly as the gateway is).
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { freePort, repoRoot, TestDatabase, testBrokers } from '@calchain/platform/testing';

const run = promisify(execFile);

/** pgbench of the installed PostgreSQL (deploy/local/postgres.sh uses the newest /usr/lib/postgresql/<v>). */
export function pgbenchPath(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  for (const v of versions.reverse()) {
    const candidate = join(root, v, 'bin', 'pgbench');
    if (existsSync(candidate)) return candidate;
  }
  return 'pgbench';
}

export interface PgbenchResult {
  selectOnlyTps: number;
  simpleUpdateTps: number;
  clients: number;
  seconds: number;
  scale: number;
}

/** pgbench on a throw-away database of the same server: `-S` (one indexed read) and `-N` (simple-update: 3 writes + 1 read). */
export async function pgbench(seconds: number, clients: number, scale = 1): Promise<PgbenchResult> {
  const database = await TestDatabase.create('pgbench');
  const url = new URL(database.url);
  const env = {
    ...process.env, PGHOST: url.hostname, PGPORT: url.port, PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password), PGDATABASE: url.pathname.slice(1),
  };
  const bin = pgbenchPath();
  const tps = (out: string) => Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? Number.NaN);
  try {
    await run(bin, ['-i', '-q', '-s', String(scale)], { env });
    const common = ['-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-n'];
    const selectOnly = await run(bin, [...common, '-S'], { env });
    const simpleUpdate = await run(bin, [...common, '-N'], { env });
    return { selectOnlyTps: tps(selectOnly.stdout), simpleUpdateTps: tps(simpleUpdate.stdout), clients, seconds, scale };
  } finally {
    await database.drop();
  }
}

export interface ProducerPerfResult {
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  p99LatencyMs: number;
  records: number;
  recordSize: number;
}

/**
 * org.apache.kafka.tools.ProducerPerformance from the broker's own jars (.local/kafka/libs, see
 * deploy/local/kafka.sh) against a throw-away topic, with the services' producer settings:
 * acks=all and idempotence (libs/platform kafkajs-bus.ts).
 */
export async function kafkaProducerPerf(records: number, recordSize: number): Promise<ProducerPerfResult> {
  const libs = join(repoRoot, '.local', 'kafka', 'libs');
  if (!existsSync(libs)) throw new Error(`no Kafka jars in ${libs}: run bash deploy/local/start.sh`);
  const topic = `bench-producer-perf-${randomBytes(4).toString('hex')}`;
  const kafka = new Kafka({ clientId: 'bench-perf-admin', brokers: testBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const { stdout } = await run('java', [
      '-Xmx256m', '-cp', `${libs}/*`, 'org.apache.kafka.tools.ProducerPerformance',
      '--topic', topic, '--num-records', String(records), '--record-size', String(recordSize), '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${testBrokers().join(',')}`, 'acks=all', 'enable.idempotence=true',
    ], { maxBuffer: 16 << 20, timeout: 300000 });
    // Last line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, p50 ms 50th, p95 ms 95th, p99 ms 99th, …"
    const last = stdout.trim().split('\n').pop() ?? '';
    const m = /([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency.*?(\d+) ms 99th/.exec(last);
    if (!m) throw new Error(`unexpected ProducerPerformance output: ${last}`);
    return { recordsPerSecond: Number(m[1]), mbPerSecond: Number(m[2]), avgLatencyMs: Number(m[3]), p99LatencyMs: Number(m[4]), records, recordSize };
  } finally {
    await admin.deleteTopics({ topics: [topic], timeout: 30000 }).catch(() => undefined);
    await admin.disconnect();
  }
}

export interface HttpLoad {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  connections: number;
  seconds: number;
  /** The fixed rate asked for (requests per second over all connections), or null for "as fast as it goes". */
  targetRate: number | null;
}

/** autocannon against one URL, open-loop at `rate` requests per second when given. */
export async function hammer(url: string, headers: Record<string, string>, seconds: number, connections: number, rate: number | null): Promise<HttpLoad> {
  const result = await autocannon({ url, headers, duration: seconds, connections, ...(rate ? { overallRate: rate } : {}) });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    connections,
    seconds,
    targetRate: rate,
  };
}

/**
 * A bare Node `http` server in a process of its own (as each service is), answering every request
 * with a JSON body of the given size: what the HTTP layer alone costs on this machine.
 */
export async function bareHttpServer(bodyBytes: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const code = `
    const body = JSON.stringify({ pad: 'x'.repeat(Math.max(0, ${bodyBytes} - 10)) });
    require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
    }).listen(${port}, '127.0.0.1', () => process.send && process.send('ready'));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (c) => reject(new Error(`bare HTTP server exited with ${c}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
