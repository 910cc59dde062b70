import { EntityManager } from 'typeorm';

/**
 * One row of a local read model kept from another service's events. Events carry the full state
 * of their aggregate, so a consumer replaces the row it keeps; `newerOnly` names the column that
 * holds the occurrence time of the state held, so an old event redelivered after a newer one
 * leaves the newer state in place.
 */
export interface ReadModelRow {
  table: string;
  /** Conflict target, e.g. ['tenant_id', 'method_id']. */
  key: readonly string[];
  /** Column → value, key columns included; JSON columns take `JSON.stringify`'d values (a JS array goes to a SQL array). */
  values: Record<string, unknown>;
  /** Columns replaced on conflict; default: every non-key column. An empty list keeps the first row. */
  update?: readonly string[];
  newerOnly?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  // Names come from code, never from input; the check keeps it that way.
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

export function readModelUpsert(row: ReadModelRow): { sql: string; parameters: unknown[] } {
  const table = identifier(row.table);
  const columns = Object.keys(row.values).map(identifier);
  const key = row.key.map(identifier);
  const update = (row.update ?? columns.filter((c) => !key.includes(c))).map(identifier);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  let sql = `insert into ${table} (${columns.join(', ')}) values (${placeholders.join(', ')}) on conflict (${key.join(', ')}) `;
  if (update.length === 0) sql += 'do nothing';
  else {
    sql += `do update set ${update.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    if (row.newerOnly) sql += ` where ${table}.${identifier(row.newerOnly)} <= excluded.${identifier(row.newerOnly)}`;
  }
  return { sql, parameters: Object.values(row.values).map((v) => v ?? null) };
}

export async function upsertReadModel(em: EntityManager, row: ReadModelRow): Promise<void> {
  const { sql, parameters } = readModelUpsert(row);
  await em.query(sql, parameters);
}
