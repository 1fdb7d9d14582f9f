import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@hazards/persistence/data-source-options';

/** The test stack's superuser, over its unix socket: what an insider with full access can do. */
export async function superuserClient(database: string): Promise<Client> {
  const socket = process.env.POSTGRES_SUPERUSER_SOCKET;
  if (!socket) throw new Error('POSTGRES_SUPERUSER_SOCKET is not set: run through npm test / jest (the test stack sets it)');
  const port = Number(new URL(process.env.DATABASE_URL!).port);
  const c = new Client({ host: socket, port, user: 'postgres', database });
  await c.connect();
  return c;
}

export const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/**
 * A database of its own for one test file, set up like the real one: created for the schema
 * owner, the apps' role given row privileges by default, the migrations run as the owner. What
 * the file writes (chain positions, a calendar notice …) is then its alone, whatever other test
 * files do meanwhile.
 */
export async function createIsolatedDatabase(prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const ownerUrl = withDatabase(process.env.MIGRATION_DATABASE_URL!, name);
  const appUrl = withDatabase(process.env.DATABASE_URL!, name);
  const owner = decodeURIComponent(new URL(ownerUrl).username);
  const app = decodeURIComponent(new URL(appUrl).username);
  const root = await superuserClient('postgres');
  try {
    await root.query(`create database ${name} owner "${owner}"`);
  } finally {
    await root.end();
  }
  const su = await superuserClient(name);
  for (const sql of [
    `grant connect on database ${name} to "${app}"`,
    `grant usage on schema public to "${app}"`,
    `alter default privileges for role "${owner}" in schema public grant select, insert, update, delete on tables to "${app}"`,
    `alter default privileges for role "${owner}" in schema public grant usage, select on sequences to "${app}"`,
    `alter default privileges for role "${owner}" in schema public grant execute on functions to "${app}"`,
  ])
    await su.query(sql);
  await runMigrations(ownerUrl);
  const ds = await new DataSource(dataSourceOptions(appUrl, 8)).initialize();
  const ownerDs = await new DataSource(dataSourceOptions(ownerUrl, 2)).initialize();
  return {
    name,
    appUrl,
    ownerUrl,
    /** The apps' role. */
    ds,
    /** The schema owner (runs migrations). */
    ownerDs,
    /** The superuser. */
    su,
    async drop() {
      await ds.destroy();
      await ownerDs.destroy();
      await su.end();
      const r = await superuserClient('postgres');
      try {
        await r.query(`drop database if exists ${name} with (force)`);
      } finally {
        await r.end();
      }
    },
  };
}

export type IsolatedDatabase = Awaited<ReturnType<typeof createIsolatedDatabase>>;
