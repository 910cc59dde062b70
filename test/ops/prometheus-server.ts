import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, waitUntil } from '@calchain/platform/testing';

export interface PromResult { metric: Record<string, string>; value: [number, string] }

/**
 * A real Prometheus (Debian's package, installed by deploy/prometheus/install.sh when missing) on
 * loopback, scraping the given targets every second with the project's alerting rules loaded.
 */
export class PrometheusServer {
  private constructor(private readonly child: ChildProcess, private readonly dir: string, readonly url: string) {}

  static install(): void {
    execFileSync('bash', [join(repoRoot, 'deploy/prometheus/install.sh')], { stdio: 'inherit', timeout: 300_000 });
  }

  static async start(targets: { service: string; url: string }[], ruleFiles: string[]): Promise<PrometheusServer> {
    const dir = mkdtempSync(join(tmpdir(), 'calchain-prometheus-'));
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ruleFiles,
      scrape_configs: [{
        job_name: 'calchain',
        static_configs: targets.map((t) => ({ targets: [new URL(t.url).host], labels: { service: t.service } })),
      }],
    };
    writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config)); // JSON is YAML
    const port = await freePort();
    const child = spawn('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
    ], { stdio: ['ignore', 'ignore', 'inherit'] });
    const server = new PrometheusServer(child, dir, `http://127.0.0.1:${port}`);
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
      return (await fetch(`${server.url}/-/ready`).catch(() => undefined))?.status;
    }, (s) => s === 200, { what: 'prometheus ready', timeoutMs: 30000 });
    return server;
  }

  async query(expr: string): Promise<PromResult[]> {
    const response = await fetch(`${this.url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
    const body = (await response.json()) as { status: string; error?: string; data: { resultType: string; result: PromResult[] } };
    if (body.status !== 'success') throw new Error(`query failed: ${expr}: ${body.error}`);
    if (body.data.resultType !== 'vector') throw new Error(`expected a vector from ${expr}, got ${body.data.resultType}`);
    return body.data.result;
  }

  async api<T>(path: string): Promise<T> {
    return ((await (await fetch(`${this.url}/api/v1/${path}`)).json()) as { data: T }).data;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
