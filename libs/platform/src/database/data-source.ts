import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { ServiceConfig } from '../config/service-config';
import { MessagingTables1764100000000 } from './messaging-tables.migration';

// TypeORM's own option types for the lists it accepts.
type EntityList = MixedList<string | (new () => unknown) | EntitySchema>;
type MigrationList = MixedList<string | (new () => unknown)>;

export interface ServiceDataSourceSpec {
  entities: EntityList;
  migrations: MigrationList;
}

/**
 * One PostgreSQL schema per service (architecture brief, "Data"). The search_path is set on every
 * connection so migrations can use unqualified names; `synchronize` is never on.
 */
export function serviceDataSourceOptions(config: ServiceConfig, spec: ServiceDataSourceSpec): DataSourceOptions {
  const schema = config.DB_SCHEMA;
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema,
    entities: spec.entities,
    migrations: [MessagingTables1764100000000, ...(spec.migrations as unknown[])] as MigrationList,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    extra: {
      max: config.DATABASE_POOL_SIZE,
      options: `-c search_path=${schema},public`,
      application_name: config.SERVICE_NAME,
    },
  };
}

/** Creates the schema if needed and applies pending migrations; returns their names. */
export async function migrateServiceSchema(options: DataSourceOptions): Promise<string[]> {
  const schema = (options as { schema?: string }).schema ?? 'public';
  // A single connection, so the session advisory lock below covers every migration query:
  // replicas starting together migrate one after the other (TypeORM itself does not lock).
  const single = { ...options, extra: { ...(options.extra as object), max: 1 } } as DataSourceOptions;
  const dataSource = new DataSource(single);
  await dataSource.initialize();
  try {
    await dataSource.query(`select pg_advisory_lock(hashtext($1))`, [`calchain.migrate.${schema}`]);
    await dataSource.query(`create schema if not exists "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(`select pg_advisory_unlock(hashtext($1))`, [`calchain.migrate.${schema}`]);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
