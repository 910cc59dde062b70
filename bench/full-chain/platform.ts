/**
 * The six services as real processes on free ports, against the running deploy/local PostgreSQL,
 * Redis and Kafka, isolated from everything else on the machine: a database of their own, a Kafka
 * topic prefix of their own, a JWT secret of their own (and the benchmark's tenant is new each run).
 * The child pids are kept so the peak resident memory of each service can be read from /proc.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Role } from '@calchain/contracts';
import { signAccessToken } from '@calchain/platform';
import { freePort, repoRoot, TestDatabase, testBrokers, uniqueTopicPrefix } from '@calchain/platform/testing';

export const SERVICES = ['intake', 'records', 'certificates', 'equipment', 'quality', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

interface Running {
  name: ServiceName;
  port: number;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Peak resident set size in kB (VmHWM, the kernel's own high-water mark) of a live process. */
export function peakRssKb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null; // gone
  }
}

export class BenchPlatform {
  private readonly peaks = new Map<ServiceName, number>();
  private sampler: NodeJS.Timeout | undefined;

  private constructor(
    readonly database: TestDatabase,
    readonly topicPrefix: string,
    private readonly secret: string,
    private readonly running: Map<ServiceName, Running>,
    readonly logDir: string,
    private readonly sourceDir: string,
  ) {}

  /** `sourceDir`: where the services' sources are run from (the working tree, or a snapshot of a commit). */
  static async start(extraEnv: Record<string, string>, sourceDir = repoRoot): Promise<BenchPlatform> {
    const database = await TestDatabase.create('bench');
    const topicPrefix = uniqueTopicPrefix('bench');
    const secret = randomBytes(32).toString('hex');
    const logDir = join(repoRoot, '.local', 'bench', topicPrefix.slice(0, -1));
    mkdirSync(logDir, { recursive: true });
    const ports = new Map<ServiceName, number>();
    for (const name of SERVICES) ports.set(name, await freePort());
    const env: Record<string, string> = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      JWT_SECRET: secret,
      LOG_LEVEL: 'warn',
      CERTIFICATES_KEY_DIR: join(logDir, 'certificate-keys'),
      CERTIFICATES_GENERATE_KEYS: 'true',
      QUALITY_DATA_KEY: randomBytes(32).toString('base64'),
      OTEL_SDK_DISABLED: 'true',
      ...extraEnv,
    };
    for (const [name, port] of ports) env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
    const platform = new BenchPlatform(database, topicPrefix, secret, new Map(), logDir, sourceDir);
    try {
      // The five upstreams start together (each migrates its own schema); the gateway after them.
      await Promise.all(SERVICES.filter((n) => n !== 'gateway').map((name) => platform.launch(name, ports.get(name)!, env)));
      await platform.launch('gateway', ports.get('gateway')!, env);
    } catch (error) {
      await platform.stop();
      throw error;
    }
    platform.sampler = setInterval(() => platform.samplePeaks(), 1000);
    return platform;
  }

  private async launch(name: ServiceName, port: number, env: Record<string, string>): Promise<void> {
    const log = openSync(join(this.logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, ['-r', './tools/register.js', `services/${name}/src/main.ts`], {
      cwd: this.sourceDir,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', log, log],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(name, { name, port, child, exited });
    // Not waitUntil: a service that exits must stop the run at once, not after the timeout.
    const deadline = Date.now() + 180000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${this.logDir}/${name}.log`);
      const status = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${name} not ready on :${port} after 180 s; see ${this.logDir}/${name}.log`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  get gateway(): string {
    return `http://127.0.0.1:${this.running.get('gateway')!.port}`;
  }

  pids(): Record<ServiceName, number> {
    return Object.fromEntries([...this.running.values()].map((r) => [r.name, r.child.pid!])) as Record<ServiceName, number>;
  }

  /** VmHWM is already a high-water mark; sampling keeps the last value of a process that dies. */
  samplePeaks(): Record<string, number> {
    for (const r of this.running.values()) {
      const kb = r.child.pid ? peakRssKb(r.child.pid) : null;
      if (kb !== null) this.peaks.set(r.name, Math.max(kb, this.peaks.get(r.name) ?? 0));
    }
    return Object.fromEntries(this.peaks);
  }

  /** Services that exited during the run (a crash would make every figure meaningless). */
  exited(): string[] {
    return [...this.running.values()].filter((r) => r.child.exitCode !== null || r.child.signalCode !== null).map((r) => r.name);
  }

  token(tenant: string, roles: Role[], subject: string): Promise<string> {
    return signAccessToken({ tenant, roles, subject }, { secret: this.secret, issuer: 'calchain-local', audience: 'calchain' }, 4 * 3600);
  }

  /** Messages currently held by this run's topics (sum of high-water marks). */
  async messagesInTopics(): Promise<number> {
    const kafka = new Kafka({ clientId: 'bench-offsets', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
      let total = 0;
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
      }
      return total;
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Messages not yet consumed by this run's consumer groups (their ids carry the topic prefix):
   * the chain only sustains a rate if every service keeps up with what it is sent.
   */
  async consumerLag(): Promise<number> {
    const kafka = new Kafka({ clientId: 'bench-lag', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(this.topicPrefix));
      const ends = new Map<string, Map<number, number>>(); // topic → partition → high-water mark
      let lag = 0;
      for (const groupId of groups) {
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
          if (!ends.has(topic)) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)])));
          for (const p of partitions) {
            const end = ends.get(topic)!.get(p.partition) ?? 0;
            const committed = Number(p.offset);
            lag += committed < 0 ? end : Math.max(0, end - committed);
          }
        }
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  /** Committed transactions of this run's database so far (pg_stat_database, flushed about every second). */
  async committedTransactions(): Promise<number> {
    const [row] = await this.database.query<{ n: string }>(`select xact_commit::text as n from pg_stat_database where datname = current_database()`);
    return Number(row.n);
  }

  async stop(keep = false): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    for (const r of [...this.running.values()].reverse()) {
      if (r.child.exitCode === null && r.child.signalCode === null) {
        r.child.kill('SIGTERM');
        await Promise.race([r.exited, new Promise((resolve) => setTimeout(resolve, 15000))]);
        if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
      }
    }
    if (keep) return;
    await this.database.drop();
    await this.deleteTopics().catch(() => undefined);
  }

  private async deleteTopics(): Promise<void> {
    const kafka = new Kafka({ clientId: 'bench-cleanup', brokers: testBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(this.topicPrefix));
      if (topics.length) await admin.deleteTopics({ topics, timeout: 30000 });
    } finally {
      await admin.disconnect();
    }
  }
}

/**
 * A read-only snapshot of a commit's tree (`git archive`, which changes nothing in the repository)
 * sharing the working tree's node_modules: the services of that commit, unaffected by edits in
 * progress in the working tree. Reused when it exists.
 */
export function snapshotOf(rev: string): { dir: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const dir = join(repoRoot, '.local', 'bench', `src-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${commit} | tar -x -C '${dir}'`], { cwd: repoRoot });
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  }
  return { dir, commit };
}
