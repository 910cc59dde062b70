import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Tenant isolation in the data layer (architecture brief, "Data"; ): tenant-owned tables
 * carry `tenant_id` and a row-level-security policy keyed on the `calchain.tenant` setting, which
 * is set only for the current transaction. The policy is FORCEd, so even the owning role sees no
 * other institution's rows, whatever a controller forgets.
 */
export async function inTenantTransaction<T>(
  dataSource: DataSource,
  tenant: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (em) => {
    await em.query(`select set_config('calchain.tenant', $1, true)`, [tenant]);
    return work(em);
  });
}

/** SQL for a migration: enables and forces the tenant policy on a table with `tenant_id`. */
export async function enableTenantIsolation(q: QueryRunner, table: string): Promise<void> {
  await q.query(`alter table ${table} enable row level security`);
  await q.query(`alter table ${table} force row level security`);
  await q.query(
    `create policy ${table}_tenant_isolation on ${table}
       using (tenant_id = current_setting('calchain.tenant', true))
       with check (tenant_id = current_setting('calchain.tenant', true))`,
  );
}
