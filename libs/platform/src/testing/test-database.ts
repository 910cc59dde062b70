import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local stack's database URL (deploy/local), overridable like the services' own. */
export const baseDatabaseUrl = () => process.env.DATABASE_URL ?? 'postgres://calchain:calchain@127.0.0.1:55432/calchain';

/**
 * A database of its own for one test file, on the real local PostgreSQL, dropped afterwards.
 * Services migrate it themselves, exactly as in production.
 */
export class TestDatabase {
  private constructor(readonly name: string, readonly url: string) {}

  static async create(label: string): Promise<TestDatabase> {
    const name = `calchain_t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`create database ${name}`));
    const url = new URL(baseDatabaseUrl());
    url.pathname = `/${name}`;
    return new TestDatabase(name, url.toString());
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Reads tenant-owned rows as the services do: row-level security shows one tenant only. */
  async queryAsTenant<T = Record<string, unknown>>(tenant: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('calchain.tenant', $1, true)`, [tenant]);
      const rows = (await client.query(sql, params)).rows as T[];
      await client.query('commit');
      return rows;
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    await withAdmin((c) => c.query(`drop database if exists ${this.name} with (force)`));
  }
}

async function withAdmin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: baseDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
