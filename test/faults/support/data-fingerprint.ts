import { asSuperuser } from './stack';

export const SERVICE_SCHEMAS = ['gateway', 'intake', 'records', 'certificates', 'equipment', 'quality'];

/**
 * Row count and content hash of every table of every service schema, read as superuser (row-level
 * security hides nothing). Two equal fingerprints mean no request changed any stored data.
 */
export async function dataFingerprint(database: string): Promise<Record<string, { rows: number; md5: string | null }>> {
  return asSuperuser(database, async (c) => {
    const tables = (
      await c.query<{ schema: string; name: string }>(
        `select table_schema as schema, table_name as name from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema = any($1) order by 1, 2`,
        [SERVICE_SCHEMAS],
      )
    ).rows;
    const result: Record<string, { rows: number; md5: string | null }> = {};
    for (const { schema, name } of tables) {
      const [row] = (
        await c.query<{ rows: number; md5: string | null }>(
          `select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as md5 from "${schema}"."${name}" t`,
        )
      ).rows;
      result[`${schema}.${name}`] = row;
    }
    return result;
  });
}

/** The tables whose fingerprint differs, with before/after, for the failure message. */
export function changedTables(before: Awaited<ReturnType<typeof dataFingerprint>>, after: Awaited<ReturnType<typeof dataFingerprint>>) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n])).map((n) => ({ table: n, before: before[n], after: after[n] }));
}
