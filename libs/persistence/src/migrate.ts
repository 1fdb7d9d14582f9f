import { runMigrations } from './data-source-options';

/** `node dist/libs/persistence/src/migrate.js`: applies the TypeORM migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('MIGRATION_DATABASE_URL (or DATABASE_URL) is not set: expected a postgres:// URL of the schema owner');
  const applied = await runMigrations(url);
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: schema up to date');
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
