import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countPerValue, inTenantTransaction, Metrics, registerSqlMetrics } from '@calchain/platform';
import { verifyChain } from '../chain/application/chain-verifier';

/** How often the tamper-evidence check runs for the metrics (full walk of each chain; 0 = never). */
const verifyEveryMs = Number(process.env.RECORDS_CHAIN_VERIFY_MS ?? 900_000);

/**
 * Records for operations (issue 10): the review queue from records' own tables at scrape time, and
 * the tamper-evidence status (R-6.3.4, R-7.2). Walking a chain is too heavy for a scrape, so this
 * verifies every institution's chain on a timer and the gauges report the last result and its time.
 */
@Injectable()
export class RecordsBusinessMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RecordsBusinessMetrics');
  private readonly lastCheck = new Map<string, { intact: boolean; at: number }>();
  private first: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(metrics: Metrics, private readonly dataSource: DataSource) {
    registerSqlMetrics(metrics, dataSource, {
      tenantsSql: `select tenant_id from tenant_directory`,
      metrics: [
        {
          name: 'calchain_records_awaiting_review',
          help: 'Raw records submitted and waiting for a checker',
          sql: `select count(*)::int as value from raw_record where status = 'submitted'`,
        },
        {
          name: 'calchain_records',
          help: 'Raw records by status',
          labelNames: ['status'],
          sql: countPerValue({ label: 'status', values: ['pending', 'dispatched', 'open', 'submitted', 'returned', 'suspicious', 'approved'], from: 'raw_record' }),
        },
      ],
    });
    const each = (pick: (c: { intact: boolean; at: number }) => number) => async () =>
      [...this.lastCheck].map(([tenant, check]) => ({ labels: { tenant }, value: pick(check) }));
    metrics.gauge({
      name: 'calchain_records_chain_intact',
      help: 'Last tamper-evidence check of the institution\'s record chain: 1 intact, 0 broken',
      labelNames: ['tenant'],
      collect: each((c) => (c.intact ? 1 : 0)),
    });
    metrics.gauge({
      name: 'calchain_records_chain_verified_timestamp_seconds',
      help: 'When the institution\'s record chain was last verified (Unix time)',
      labelNames: ['tenant'],
      collect: each((c) => c.at / 1000),
    });
  }

  onApplicationBootstrap(): void {
    if (verifyEveryMs <= 0) return;
    const round = () => {
      if (!this.running) this.running = this.verifyAll().finally(() => (this.running = undefined));
    };
    // A first check soon after start, so the status is known without waiting a whole interval.
    this.first = setTimeout(round, Math.min(verifyEveryMs, 5000)).unref();
    this.timer = setInterval(round, verifyEveryMs).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async verifyAll(): Promise<void> {
    try {
      const tenants: { tenant_id: string }[] = await this.dataSource.query(`select tenant_id from tenant_directory order by tenant_id`);
      for (const { tenant_id: tenant } of tenants) {
        const report = await inTenantTransaction(this.dataSource, tenant, (em) => verifyChain(em, tenant));
        this.lastCheck.set(tenant, { intact: report.intact, at: Date.now() });
        if (!report.intact) this.logger.error({ tenant, firstBroken: report.firstBroken }, 'record chain broken');
      }
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'chain verification for the metrics failed; next round retries');
    }
  }
}
