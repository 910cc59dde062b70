import { EntityManager } from 'typeorm';

/** Gap-free numbers per institution, kind and year: CMP-2026-000001, FND-…, CA-…. */
export async function nextNumber(em: EntityManager, tenantId: string, prefix: 'CMP' | 'FND' | 'CA' | 'PT' | 'RM', year: number): Promise<string> {
  const [row] = await em.query(
    `insert into number_sequence (tenant_id, prefix, year, last) values ($1, $2, $3, 1)
     on conflict (tenant_id, prefix, year) do update set last = number_sequence.last + 1
     returning last`,
    [tenantId, prefix, year],
  );
  return `${prefix}-${year}-${String(row.last).padStart(6, '0')}`;
}

/**
 * Institutions the quality service holds data for, so the periodic sweep can visit each under its
 * own row-level-security scope. Deliberately not tenant-isolated: it holds only institution ids.
 */
export async function rememberInstitution(em: EntityManager, tenantId: string): Promise<void> {
  await em.query(`insert into known_institution (institution_id) values ($1) on conflict do nothing`, [tenantId]);
}
