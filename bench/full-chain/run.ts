/**
 * Full-chain load benchmark (issue 11 part 2; not a test: nothing fails on a figure). See README.md.
 *   node -r ./tools/register.js bench/full-chain/run.ts [--orders=300] [--concurrency=4] [--chain-seconds=90]
 *        [--read-rate=50] [--read-seconds=15] [--ceiling-seconds=10] [--kafka-records=30000] [--source=HEAD] [--keep]
 * Every flag has an environment twin: BENCH_ORDERS, BENCH_CONCURRENCY, … (flag wins).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Gateway } from './api';
import { bareHttpServer, hammer, HttpLoad, kafkaProducerPerf, pgbench } from './ceilings';
import { OrderTiming, runOrder, runOrders } from './chain';
import { setUpLab } from './lab';
import { BenchPlatform, snapshotOf } from './platform';
import { Row, spread, steadyRate, table } from './stats';

const ROOT = join(__dirname, '..', '..');

function setting(name: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = flag ? flag.split('=')[1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
}

const params = {
  orders: setting('orders', 300),
  concurrency: setting('concurrency', 4),
  chainSeconds: setting('chain-seconds', 90),
  pollMs: setting('poll-ms', 100),
  readRate: setting('read-rate', 50),
  readSeconds: setting('read-seconds', 15),
  readConnections: setting('read-connections', 4),
  ceilingSeconds: setting('ceiling-seconds', 10),
  pgbenchClients: setting('pgbench-clients', 4),
  kafkaRecords: setting('kafka-records', 30000),
  kafkaRecordSize: setting('kafka-record-size', 1024),
  keep: process.argv.includes('--keep') || process.env.BENCH_KEEP === '1',
  /** Run the services of this commit (a snapshot) instead of the working tree, e.g. `--source=HEAD`. */
  source: process.argv.find((a) => a.startsWith('--source='))?.slice('--source='.length) ?? process.env.BENCH_SOURCE ?? null,
};

const t0 = Date.now();
const log = (line: string) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const memTotalKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);

function machine() {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryMiB: Math.round(memTotalKb / 1024),
    node: process.version,
    kernel: os.release(),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** pg_stat_database flushes a backend's counts within about 10 s of it going idle. */
const STATS_FLUSH_MS = 11000;

async function main() {
  const startedAt = new Date();
  const machineAtStart = machine();
  log(`machine: ${machineAtStart.nproc} CPUs (${machineAtStart.cpu}), ${machineAtStart.memoryMiB} MiB, node ${machineAtStart.node}, load ${machineAtStart.loadAverage.join(' ')}`);
  log(`parameters: ${JSON.stringify(params)}`);

  // Ceilings of the database and the broker, with none of the services running.
  log(`pgbench: -S and -N, ${params.pgbenchClients} clients, ${params.ceilingSeconds} s each`);
  const pg = await pgbench(params.ceilingSeconds, params.pgbenchClients);
  log(`pgbench: select-only ${pg.selectOnlyTps.toFixed(0)} tps, simple-update ${pg.simpleUpdateTps.toFixed(0)} tps`);
  log(`Kafka ProducerPerformance: ${params.kafkaRecords} records of ${params.kafkaRecordSize} B, acks=all`);
  const kafka = await kafkaProducerPerf(params.kafkaRecords, params.kafkaRecordSize);
  log(`Kafka: ${kafka.recordsPerSecond.toFixed(0)} records/s, p99 ${kafka.p99LatencyMs} ms`);

  const snapshot = params.source ? snapshotOf(params.source) : null;
  log(`starting the six services on free ports (own database, topic prefix and secret) from ${snapshot ? `commit ${snapshot.commit} (snapshot ${snapshot.dir})` : 'the working tree'}`);
  const platform = await BenchPlatform.start({
    // The gateway's rate limits stay in the path (one Redis round trip per request) but never refuse here.
    RATE_LIMIT_PER_MINUTE: '100000000', EDGE_IP_RATE_LIMIT_PER_MINUTE: '100000000', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
  }, snapshot?.dir);
  const pids = platform.pids();
  log(`services up: ${JSON.stringify(pids)}; logs in ${platform.logDir}`);
  const gw = new Gateway(platform.gateway);
  try {
    const lab = await setUpLab(platform, gw, log);
    log('warm-up order through the whole chain');
    const warm = await runOrder(gw, lab, { pollMs: params.pollMs, retryRefusals: true });
    log(`warm-up certificate ${warm.number} issued`);

    // Background commits of the idle services (outbox polling), subtracted from the load phase.
    await sleep(STATS_FLUSH_MS);
    const idleFrom = Date.now();
    const idleCommits0 = await platform.committedTransactions();
    await sleep(10000);
    const idleCommits1 = await platform.committedTransactions();
    const idleUntil = Date.now();
    const idleCommitRate = ((idleCommits1 - idleCommits0) * 1000) / (idleUntil - idleFrom);

    const messages0 = await platform.messagesInTopics();
    const sent0 = new Map(gw.sent);
    const loadStart = Date.now();
    log(`chain: ${params.orders} orders, ${params.concurrency} in flight, at most ${params.chainSeconds} s`);
    const { timings, failures } = await runOrders(
      gw, lab, params.orders, params.concurrency, loadStart + params.chainSeconds * 1000, { pollMs: params.pollMs, retryRefusals: false },
      (t, done) => { if (done % 10 === 0) log(`  ${done} certificates issued (last ${t.number})`); },
    );
    const loadEnd = Date.now();
    const requests = Object.fromEntries([...gw.sent].map(([method, count]) => [method, count - (sent0.get(method) ?? 0)]));
    // Sustained means every consumer kept up: how much was still unconsumed, and how long it took to drain.
    const lagAtEnd = await platform.consumerLag();
    let lagLeft = lagAtEnd;
    while (lagLeft > 0 && Date.now() - loadEnd < 120000) {
      await sleep(500);
      lagLeft = await platform.consumerLag();
    }
    const drainSeconds = (Date.now() - loadEnd) / 1000;
    log(`consumer lag at the end of the chain: ${lagAtEnd} messages; ${lagLeft === 0 ? `drained in ${drainSeconds.toFixed(1)} s` : `${lagLeft} left after ${drainSeconds.toFixed(0)} s`}`);
    const messages1 = await platform.messagesInTopics();
    await sleep(STATS_FLUSH_MS);
    // Commits since the idle window, less what the idle services would have committed meanwhile.
    const commits = (await platform.committedTransactions()) - idleCommits1 - (idleCommitRate * (Date.now() - idleUntil)) / 1000;
    log(`chain: ${timings.length} issued, ${failures.length} failed in ${((loadEnd - loadStart) / 1000).toFixed(1)} s`);
    for (const f of failures.slice(0, 5)) log(`  failure: ${f}`);

    // Distrust the driver's own count: the register must hold exactly the certificates it issued,
    // numbered without gaps or duplicates (R-6.4.x numbering), and no draft may be left behind.
    const register = await gw.must('GET', '/certificates/certificates', lab.tokens.signatory, undefined);
    const integrity = checkRegister(register, timings.length + 1);
    log(`register: ${JSON.stringify(integrity)}`);

    // Gateway reads of one issued certificate: a fixed rate (latency), then flat out (throughput).
    const readUrl = `${platform.gateway}/api/certificates/certificates/${warm.certificateId}`;
    const headers = { authorization: `Bearer ${lab.tokens.signatory}` };
    const readBody = await (await fetch(readUrl, { headers })).text();
    await hammer(readUrl, headers, 3, params.readConnections, null); // warm-up (JIT, connection pools)
    log(`gateway reads: ${params.readRate} req/s for ${params.readSeconds} s, then flat out for ${params.ceilingSeconds} s (body ${readBody.length} B)`);
    const readFixed = await hammer(readUrl, headers, params.readSeconds, params.readConnections, params.readRate);
    const readMax = await hammer(readUrl, headers, params.ceilingSeconds, params.readConnections, null);
    const peaks = platform.samplePeaks();
    const crashed = platform.exited();
    if (crashed.length) throw new Error(`services exited during the run: ${crashed.join(', ')}`);
    await platform.stop(params.keep);

    // The HTTP ceiling: the same requests against a bare Node server returning a body of the same size.
    const bare = await bareHttpServer(readBody.length);
    let bareFixed: HttpLoad;
    let bareMax: HttpLoad;
    try {
      await hammer(bare.url, headers, 3, params.readConnections, null);
      bareFixed = await hammer(bare.url, headers, params.readSeconds, params.readConnections, params.readRate);
      bareMax = await hammer(bare.url, headers, params.ceilingSeconds, params.readConnections, null);
    } finally {
      await bare.stop();
    }
    report({
      startedAt, machineAtStart, pids, peaks, pg, kafka, timings, failures, loadStart, loadEnd, commits, idleCommitRate,
      messages: messages1 - messages0, requests, lag: { atEnd: lagAtEnd, left: lagLeft, drainSeconds }, integrity, readFixed, readMax, bareFixed, bareMax, tenant: lab.tenant,
      source: snapshot ? `commit ${snapshot.commit}` : 'working tree',
    });
  } catch (error) {
    await platform.stop(true).catch(() => undefined);
    log(`kept the database ${platform.database.name} and topics ${platform.topicPrefix}* for inspection; logs in ${platform.logDir}`);
    throw error;
  }
}

/** What the certificate register holds after the load phase (the warm-up order included in `expected`). */
function checkRegister(rows: { number: string | null; status: string }[], expected: number) {
  const issued = rows.filter((r) => r.status === 'issued' && r.number).map((r) => Number(r.number!.split('-').pop()));
  const unique = new Set(issued);
  const max = issued.length ? Math.max(...issued) : 0;
  return {
    expected,
    /** The register answers at most 500 rows; beyond that the check below says nothing. */
    truncated: rows.length >= 500,
    issued: issued.length,
    drafts: rows.filter((r) => r.status === 'draft').length,
    duplicates: issued.length - unique.size,
    gapFree: unique.size === max && !issued.some((k) => k < 1),
  };
}

interface Outcome {
  startedAt: Date;
  machineAtStart: ReturnType<typeof machine>;
  pids: Record<string, number>;
  peaks: Record<string, number>;
  pg: Awaited<ReturnType<typeof pgbench>>;
  kafka: Awaited<ReturnType<typeof kafkaProducerPerf>>;
  timings: OrderTiming[];
  failures: string[];
  loadStart: number;
  loadEnd: number;
  commits: number;
  idleCommitRate: number;
  messages: number;
  requests: Record<string, number>;
  lag: { atEnd: number; left: number; drainSeconds: number };
  integrity: ReturnType<typeof checkRegister>;
  readFixed: HttpLoad;
  readMax: HttpLoad;
  bareFixed: HttpLoad;
  bareMax: HttpLoad;
  tenant: string;
  source: string;
}

function report(o: Outcome) {
  const n = o.timings.length;
  const seconds = (o.loadEnd - o.loadStart) / 1000;
  const certificatesPerSecond = n / seconds;
  const steady = steadyRate(o.timings.map((t) => t.issuedAt));
  const commitsPerCertificate = o.commits / n;
  const messagesPerCertificate = o.messages / n;
  const latency = {
    approvalToDraftMs: spread(o.timings.map((t) => t.draftAt - t.approvedAt)),
    approvalToIssuedMs: spread(o.timings.map((t) => t.issuedAt - t.approvedAt)),
    wholeOrderMs: spread(o.timings.map((t) => t.issuedAt - t.startedAt)),
  };
  const rows: Row[] = [
    { figure: 'certificates issued /s (whole load phase)', value: certificatesPerSecond, unit: '/s', ceiling: `pgbench -N tps ÷ ${commitsPerCertificate.toFixed(0)} commits per certificate`, ceilingValue: o.pg.simpleUpdateTps / commitsPerCertificate, note: 'of DB-bound ceiling' },
    { figure: 'certificates issued /s (whole load phase)', value: certificatesPerSecond, unit: '/s', ceiling: `Kafka perf records/s ÷ ${messagesPerCertificate.toFixed(0)} messages per certificate`, ceilingValue: o.kafka.recordsPerSecond / messagesPerCertificate, note: 'of broker-bound ceiling' },
    { figure: 'database commits /s during the chain', value: o.commits / seconds, unit: 'tx/s', ceiling: `pgbench -N (simple-update), ${o.pg.clients} clients`, ceilingValue: o.pg.simpleUpdateTps, note: 'of ceiling' },
    { figure: 'Kafka messages /s during the chain', value: o.messages / seconds, unit: 'msg/s', ceiling: `ProducerPerformance ${o.kafka.recordSize} B, acks=all`, ceilingValue: o.kafka.recordsPerSecond, note: 'of ceiling' },
    { figure: `gateway read p99 at ${o.readFixed.targetRate} req/s asked (${o.readFixed.requestsPerSecond.toFixed(0)} achieved)`, value: o.readFixed.p99Ms, unit: 'ms', ceiling: `bare Node http p99 at ${o.bareFixed.targetRate} req/s`, ceilingValue: o.bareFixed.p99Ms, note: '× the bare server' },
    { figure: `gateway reads /s flat out (${o.readMax.connections} connections)`, value: o.readMax.requestsPerSecond, unit: 'req/s', ceiling: 'bare Node http flat out', ceilingValue: o.bareMax.requestsPerSecond, note: 'of ceiling' },
  ];
  const memory = Object.entries(o.peaks).map(([service, kb]) => ({ service, peakRssMiB: Number((kb / 1024).toFixed(1)), shareOfMemory: kb / memTotalKb }));
  const machineAtEnd = machine();
  const result = {
    startedAt: o.startedAt.toISOString(),
    services: o.source,
    machine: { ...o.machineAtStart, loadAverageAtEnd: machineAtEnd.loadAverage },
    parameters: params,
    tenant: o.tenant,
    chain: {
      ordersIssued: n, failures: o.failures, seconds, certificatesPerSecond, steadyCertificatesPerSecond: steady,
      latency, commitsPerCertificate, idleCommitsPerSecond: o.idleCommitRate, messagesPerCertificate, kafkaMessages: o.messages,
      register: o.integrity,
      consumerLag: o.lag,
      gatewayRequestsPerCertificate: Object.fromEntries(Object.entries(o.requests).map(([m, c]) => [m, c / n])),
    },
    gatewayReads: { fixedRate: o.readFixed, flatOut: o.readMax },
    ceilings: { pgbench: o.pg, kafkaProducerPerformance: o.kafka, bareHttp: { fixedRate: o.bareFixed, flatOut: o.bareMax } },
    peakRss: memory,
    rows,
  };

  const ms = (s: { p50: number; p95: number; p99: number; max: number; n: number }) => `p50 ${s.p50} · p95 ${s.p95} · p99 ${s.p99} · max ${s.max} ms (n=${s.n})`;
  const lines = [
    '',
    `Full chain, tenant ${o.tenant}: ${n} certificates issued in ${seconds.toFixed(1)} s with ${params.concurrency} orders in flight` +
      ` (${certificatesPerSecond.toFixed(2)}/s; ${steady.toFixed(2)}/s between the first and last issue), ${o.failures.length} failed`,
    `approval → draft visible     ${ms(latency.approvalToDraftMs)}`,
    `approval → certificate issued ${ms(latency.approvalToIssuedMs)}   (poll every ${params.pollMs} ms, then sign with the PIN)`,
    `whole order (contract → issued) ${ms(latency.wholeOrderMs)}`,
    '',
    table(rows),
    '',
    `gateway requests per certificate: ${Object.entries(o.requests).filter(([, c]) => c > 0).map(([m, c]) => `${m} ${(c / n).toFixed(1)}`).join(', ')} (GETs are the driver's polls)`,
    `consumer lag when the last certificate was issued: ${o.lag.atEnd} messages, ${o.lag.left === 0 ? `drained ${o.lag.drainSeconds.toFixed(1)} s later` : `${o.lag.left} still unconsumed after ${o.lag.drainSeconds.toFixed(0)} s`}`,
    `register: ${o.integrity.issued} issued (expected ${o.integrity.expected}), ${o.integrity.drafts} drafts left, numbers gap-free ${o.integrity.gapFree}, duplicates ${o.integrity.duplicates}`,
    `gateway reads: ${o.readFixed.requests} at ${o.readFixed.targetRate}/s (${o.readFixed.non2xx} non-2xx, ${o.readFixed.errors} errors), ${o.readMax.requests} flat out (${o.readMax.non2xx} non-2xx, ${o.readMax.errors} errors)`,
    `peak RSS (VmHWM): ${memory.map((m) => `${m.service} ${m.peakRssMiB} MiB`).join(', ')}; machine ${machineAtEnd.memoryMiB} MiB`,
    `load average at start ${o.machineAtStart.loadAverage.join(' ')}, at end ${machineAtEnd.loadAverage.join(' ')} (${machineAtEnd.nproc} CPUs)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = o.startedAt.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  updateDocs(result, rows, latency, memory, lines.filter((l) => /^(gateway requests|consumer lag|register|gateway reads):?/.test(l)));
  log(`results: bench/full-chain/results/${stamp}.json (and latest.json); table in docs/performance.md`);
}

/** Replaces the generated section of docs/performance.md (between the markers) with this run's figures. */
function updateDocs(
  result: { startedAt: string; services: string; machine: ReturnType<typeof machine> & { loadAverageAtEnd: number[] }; chain: { ordersIssued: number; seconds: number; failures: string[] } },
  rows: Row[],
  latency: Record<string, ReturnType<typeof spread>>,
  memory: { service: string; peakRssMiB: number }[],
  checks: string[],
) {
  const path = join(ROOT, 'docs', 'performance.md');
  const begin = '<!-- full-chain:begin (written by bench/full-chain/run.ts) -->';
  const end = '<!-- full-chain:end -->';
  const m = result.machine;
  const section = [
    begin,
    `Run of ${result.startedAt} (services from the ${result.services}): ${m.nproc} CPUs (${m.cpu}), ${m.memoryMiB} MiB, node ${m.node}, load average ${m.loadAverage.join(' ')} at start and ` +
      `${m.loadAverageAtEnd.join(' ')} at end; ${result.chain.ordersIssued} orders in ${result.chain.seconds.toFixed(0)} s, ${result.chain.failures.length} failed; ` +
      `parameters ${JSON.stringify(params)}.`,
    '',
    table(rows, true),
    '',
    ...checks.map((c) => `- ${c}`),
    '',
    '| latency | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|',
    ...Object.entries({ 'approval → draft visible': latency.approvalToDraftMs, 'approval → certificate issued (signed)': latency.approvalToIssuedMs, 'whole order, contract → issued': latency.wholeOrderMs })
      .map(([k, s]) => `| ${k} | ${s.p50} ms | ${s.p95} ms | ${s.p99} ms | ${s.max} ms |`),
    '',
    `| service | ${memory.map((x) => x.service).join(' | ')} |`,
    `|---|${memory.map(() => '---').join('|')}|`,
    `| peak RSS (VmHWM) | ${memory.map((x) => `${x.peakRssMiB} MiB`).join(' | ')} |`,
    end,
  ].join('\n');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = `# Performance\n\n${begin}\n${end}\n`;
  }
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  text = from >= 0 && to > from ? `${text.slice(0, from)}${section}${text.slice(to + end.length)}` : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, text);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`benchmark failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
