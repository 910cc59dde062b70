import { EntityManager } from 'typeorm';

/**
 * Makes an institution known to the time-limit sweep, which must visit every institution while
 * row-level security shows each transaction one institution only. Holds ids only.
 */
export async function rememberTenant(em: EntityManager, tenant: string): Promise<void> {
  await em.query(`insert into tenant_directory (tenant_id) values ($1) on conflict do nothing`, [tenant]);
}

export async function knownTenants(em: EntityManager): Promise<string[]> {
  const rows: { tenant_id: string }[] = await em.query(`select tenant_id from tenant_directory order by tenant_id`);
  return rows.map((r) => r.tenant_id);
}
