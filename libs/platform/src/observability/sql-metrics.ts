import { FactoryProvider, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTenantTransaction } from '../database/tenant-scope';
import { Metrics } from './metrics';

export interface SqlMetricSpec {
  /** `calchain_<service>_…`; a counter's name ends with `_total`. */
  name: string;
  help: string;
  /**
   * `gauge` (default), or `counter` when the SQL counts rows that are never deleted (an append-only
   * log, immutable intake records): then `rate()`/`increase()` work on it across restarts and replicas.
   */
  type?: 'gauge' | 'counter';
  /** Columns of the SQL's rows that become labels; `tenant` is added by the helper. */
  labelNames?: string[];
  /** Runs in each institution's tenant transaction (row-level security applies); rows `{ value, ...labels }`. */
  sql: string;
}

export interface SqlMetricsOptions {
  metrics: SqlMetricSpec[];
  /**
   * The institutions reported are every tenant this service's inbox or outbox has seen (platform
   * tables, no RLS) plus, when given, this SQL's rows (one column: the service's tenant directory).
   */
  tenantsSql?: string;
  /** One round of queries serves every scrape within this time (several Prometheus replicas, retries). */
  cacheMs?: number;
}

type Sample = { labels: Record<string, string>; value: number };

const seenTenantsSql = `select tenant from inbox_message union select tenant from outbox_message`;

/**
 * Business metrics computed at scrape time from the service's own schema: for every institution,
 * one tenant transaction runs each metric's (cheap, aggregate) SQL, and the rows become samples
 * labelled by `tenant`. A query that fails leaves only its own series out (savepoint per query).
 * Every replica reports the same numbers, so dashboards aggregate with `max by (tenant)`.
 */
export function registerSqlMetrics(metrics: Metrics, dataSource: DataSource, options: SqlMetricsOptions): void {
  const round = refreshedInBackground(() => collectRound(dataSource, options), options.cacheMs ?? 5000);
  for (const spec of options.metrics) {
    const labelNames = ['tenant', ...(spec.labelNames ?? [])];
    const samples = async () => {
      const result = (await round()).get(spec.name);
      if (!result) throw new Error(`${spec.name}: query failed`);
      return result;
    };
    if (spec.type === 'counter') {
      metrics.counter({
        name: spec.name, help: spec.help, labelNames,
        collect: async function (this: { reset(): void; inc(labels: Record<string, string>, value: number): void }) {
          const result = await samples().catch(() => undefined);
          this.reset();
          for (const s of result ?? []) this.inc(s.labels, Math.max(0, s.value)); // 0 too: the series exists from the start
        },
      });
    } else {
      metrics.gauge({ name: spec.name, help: spec.help, labelNames, collect: samples });
    }
  }
}

/** Nest provider for a service module: `providers: [sqlMetricsProvider({ metrics: [...] })]`. */
export function sqlMetricsProvider(options: SqlMetricsOptions): FactoryProvider {
  return {
    provide: Symbol('SQL_BUSINESS_METRICS'),
    useFactory: (metrics: Metrics, dataSource: DataSource) => registerSqlMetrics(metrics, dataSource, options),
    inject: [Metrics, DataSource],
  };
}

async function collectRound(dataSource: DataSource, options: SqlMetricsOptions): Promise<Map<string, Sample[]>> {
  const tenants: { tenant: string }[] = await dataSource.query(options.tenantsSql ? `${seenTenantsSql} union ${options.tenantsSql}` : seenTenantsSql);
  const out = new Map<string, Sample[]>(options.metrics.map((m) => [m.name, []]));
  for (const { tenant } of tenants) {
    await inTenantTransaction(dataSource, tenant, async (em) => {
      for (const spec of options.metrics) {
        const rows = await queryOrNull(em, spec.sql);
        if (rows === null) out.delete(spec.name);
        else out.get(spec.name)?.push(...rows.map((r) => toSample(r, tenant, spec.labelNames ?? [])));
      }
    });
  }
  return out;
}

/** A failed statement aborts a PostgreSQL transaction; the savepoint keeps the other queries going. */
async function queryOrNull(em: EntityManager, sql: string): Promise<Record<string, unknown>[] | null> {
  await em.query('savepoint sql_metric');
  try {
    const rows = await em.query(sql);
    await em.query('release savepoint sql_metric');
    return rows;
  } catch (error) {
    await em.query('rollback to savepoint sql_metric');
    logger.warn({ error: (error as Error).message }, 'business metric query failed; its series is left out');
    return null;
  }
}

function toSample(row: Record<string, unknown>, tenant: string, labelNames: string[]): Sample {
  const labels: Record<string, string> = { tenant };
  for (const name of labelNames) labels[name] = String(row[name] ?? '');
  return { labels, value: Number(row.value ?? 0) };
}

/**
 * SQL for "rows per value of a column", every listed value reported (0 when it has no rows), so a
 * dashboard's series exist before the first such row. `value` is an expression over the table's
 * alias `t`; `where` narrows the rows counted.
 */
export function countPerValue(spec: { label: string; values: readonly string[]; from: string; value?: string; where?: string }): string {
  const literals = spec.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  const value = spec.value ?? `t.${spec.label}`;
  return `select v.${spec.label}, count(t.*)::int as value from unnest(array[${literals}]) v(${spec.label})
            left join ${spec.from} t on ${value} = v.${spec.label}${spec.where ? ` and (${spec.where})` : ''} group by v.${spec.label}`;
}

const logger = new Logger('SqlMetrics');
/** How long the last good round may stand in for failing ones before the series are left out. */
const maxStaleMs = 120_000;

/**
 * A scrape never waits for the database once a first round exists: it gets the last round and, when
 * that is older than `ttlMs`, starts the next one in the background. So a slow or loaded database
 * cannot make the scrape time out (which would drop every series of the service, the platform's
 * too); a round that fails is logged and the last good one stands in for up to two minutes.
 */
function refreshedInBackground<T>(load: () => Promise<T>, ttlMs: number): () => Promise<T> {
  let last: { at: number; value: T } | undefined;
  let pending: Promise<T> | undefined;
  const refresh = (): Promise<T> =>
    (pending ??= load()
      .then((value) => ((last = { at: Date.now(), value }), value))
      .catch((error: Error) => {
        logger.warn({ error: error.message }, 'business metrics query round failed');
        throw error;
      })
      .finally(() => (pending = undefined)));
  return async () => {
    if (!last || Date.now() - last.at > maxStaleMs) return refresh();
    if (Date.now() - last.at > ttlMs) refresh().catch(() => undefined);
    return last.value;
  };
}

/** Shares one round of queries between the metrics of a scrape and scrapes close together. */
export function cached<T>(load: () => Promise<T>, ttlMs = 5000): () => Promise<T> {
  let value: { at: number; result: Promise<T> } | undefined;
  return () => {
    if (!value || Date.now() - value.at > ttlMs) {
      const result = load();
      value = { at: Date.now(), result };
      result.catch(() => (value = undefined));
    }
    return value.result;
  };
}
