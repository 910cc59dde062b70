import { DataSource } from 'typeorm';
import { countPerValue, Metrics, registerSqlMetrics } from '@calchain/platform';
import { TestDatabase, waitUntil } from '@calchain/platform/testing';

/**
 * Issue 10, business metrics: the platform's "metric from SQL at scrape time" helper on the real
 * PostgreSQL, with row-level security forced as in every service schema: each
 * institution is counted inside its own tenant transaction, so it sees only its rows.
 */
describe('ops: business metrics computed from SQL at scrape time', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await TestDatabase.create('sqlmetrics');
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    await dataSource.query(`create table inbox_message (tenant text not null)`);
    await dataSource.query(`create table outbox_message (tenant text not null)`);
    await dataSource.query(`create table complaint (id serial primary key, tenant_id text not null, status text not null)`);
    await dataSource.query(`alter table complaint enable row level security`);
    await dataSource.query(`alter table complaint force row level security`);
    await dataSource.query(`create policy complaint_tenant on complaint using (tenant_id = current_setting('calchain.tenant', true))`);
    // Rows go in through each tenant's own transaction, as the services write them.
    for (const [tenant, statuses] of [['lab-east', ['received', 'received', 'closed']], ['lab-west', ['in-handling']]] as const) {
      await dataSource.transaction(async (em) => {
        await em.query(`select set_config('calchain.tenant', $1, true)`, [tenant]);
        for (const status of statuses) await em.query(`insert into complaint (tenant_id, status) values ($1, $2)`, [tenant, status]);
      });
    }
    await dataSource.query(`insert into inbox_message values ('lab-east')`);
    await dataSource.query(`insert into outbox_message values ('lab-west'), ('lab-north')`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('reports every institution the service has seen, each from its own rows, and zero where it has none', async () => {
    const metrics = new Metrics('quality');
    registerSqlMetrics(metrics, dataSource, {
      cacheMs: 0,
      metrics: [
        { name: 'calchain_test_complaints', help: 'by status', labelNames: ['status'], sql: `select status, count(*)::int as value from complaint group by status` },
        { name: 'calchain_test_complaints_open', help: 'open', sql: `select count(*)::int as value from complaint where status <> 'closed'` },
        { name: 'calchain_test_complaints_per_status', help: 'every status', labelNames: ['status'], sql: countPerValue({ label: 'status', values: ['received', 'in-handling', 'closed'], from: 'complaint' }) },
        { name: 'calchain_test_complaints_received_total', help: 'all', type: 'counter', sql: `select count(*)::int as value from complaint` },
      ],
    });
    const text = await metrics.scrape();
    expect(text).toContain('calchain_test_complaints{tenant="lab-east",status="received"} 2');
    expect(text).toContain('calchain_test_complaints{tenant="lab-east",status="closed"} 1');
    expect(text).toContain('calchain_test_complaints{tenant="lab-west",status="in-handling"} 1');
    expect(text).toContain('calchain_test_complaints_open{tenant="lab-east"} 2');
    expect(text).toContain('calchain_test_complaints_open{tenant="lab-north"} 0');
    expect(text).toContain('calchain_test_complaints_per_status{tenant="lab-east",status="in-handling"} 0');
    expect(text).toContain('calchain_test_complaints_per_status{tenant="lab-east",status="received"} 2');
    expect(text).toContain('calchain_test_complaints_per_status{tenant="lab-north",status="closed"} 0');
    expect(text).toMatch(/^# TYPE calchain_test_complaints_received_total counter$/m);
    expect(text).toContain('calchain_test_complaints_received_total{tenant="lab-north"} 0');
    expect(text).toContain('calchain_test_complaints_received_total{tenant="lab-west"} 1');

    // Computed from the database as scrapes come: a scrape serves the last round and starts the
    // next one in the background (never waiting on the database), so a new row shows a scrape later.
    await dataSource.transaction(async (em) => {
      await em.query(`select set_config('calchain.tenant', 'lab-north', true)`);
      await em.query(`insert into complaint (tenant_id, status) values ('lab-north', 'received')`);
    });
    await waitUntil(() => metrics.scrape(), (t) => t.includes('calchain_test_complaints_received_total{tenant="lab-north"} 1'), { what: 'the new row counted', timeoutMs: 10000 });
  });

  it('leaves out only the series of a query that fails, and the others still report', async () => {
    const metrics = new Metrics('quality');
    registerSqlMetrics(metrics, dataSource, {
      cacheMs: 0,
      tenantsSql: `select 'lab-east' as tenant`,
      metrics: [
        { name: 'calchain_test_broken', help: 'no such table', sql: `select count(*)::int as value from no_such_table` },
        { name: 'calchain_test_open', help: 'open', sql: `select count(*)::int as value from complaint where status <> 'closed'` },
      ],
    });
    const text = await metrics.scrape();
    expect(text).not.toMatch(/^calchain_test_broken\{/m);
    expect(text).toContain('calchain_test_open{tenant="lab-east"} 2');
  });
});
