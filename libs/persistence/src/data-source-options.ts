import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** One definition of the connection, shared by the apps, the migration runner and the tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // No entities: every read and write is SQL in the repositories (the read model is shaped for its queries).
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    // Fail fast when PostgreSQL is away instead of hanging a request (the API answers 503).
    extra: { max: poolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000 },
  };
}

/** Applies pending migrations; safe to run at every start. Returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
