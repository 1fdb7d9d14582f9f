import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { RecordStepInput } from '../../../libs/temporal/src/hazard-activities';
import { dataSourceOptions, runMigrations } from '../../../libs/persistence/src/data-source-options';

/** The test stack's superuser, over its unix socket: what an insider with full access can do. */
export async function superuserClient(database: string): Promise<Client> {
  const socket = process.env.POSTGRES_SUPERUSER_SOCKET;
  if (!socket) throw new Error('POSTGRES_SUPERUSER_SOCKET is not set: run through npm test / jest (the test stack sets it)');
  const port = Number(new URL(process.env.DATABASE_URL!).port);
  const c = new Client({ host: socket, port, user: 'postgres', database });
  await c.connect();
  return c;
}

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/**
 * A database of its own for one test file, set up like the real one: created for the schema
 * owner, the apps' role given row privileges by default, the migrations run as the owner. Chain
 * positions are then the test's alone, whatever other test files write meanwhile.
 */
export async function createArchiveDatabase() {
  const name = `archive_${randomBytes(4).toString('hex')}`;
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
  ]) await su.query(sql);
  await runMigrations(ownerUrl);
  const ds = await new DataSource(dataSourceOptions(appUrl, 8)).initialize();
  const ownerDs = await new DataSource(dataSourceOptions(ownerUrl, 2)).initialize();
  return {
    name,
    appUrl,
    /** The apps' role. */
    ds,
    /** The schema owner (runs migrations). */
    ownerDs,
    /** The superuser: tampering runs with triggers off (session_replication_role = replica), as an insider could. */
    su,
    async tamper(sql: string, params: unknown[] = []) {
      await su.query('set session_replication_role = replica');
      try {
        return (await su.query(sql, params)).rows;
      } finally {
        await su.query('set session_replication_role = origin');
      }
    },
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

export type ArchiveDatabase = Awaited<ReturnType<typeof createArchiveDatabase>>;

/** A lifecycle step as the workflow would record it (synthetic, with Chinese text and nested data). */
export function syntheticStep(hazardId: string, seq: number, at = new Date()): RecordStepInput {
  return {
    hazardId, seq, step: seq === 1 ? 'reported' : 'reminder.sent',
    actor: { userId: 'user-1', role: 'enterprise', name: '甲化工安全员', enterpriseId: 'ent-1' },
    at: at.toISOString(), fromStatus: seq === 1 ? null : 'reported', toStatus: 'reported',
    reason: seq % 3 === 0 ? `第${seq}步：整改期限提醒` : undefined, policyVersion: 'default-v1',
    data: { n: seq, note: '储罐区报警器失效', nested: { list: [1, 2.5, '三'], flag: true, empty: null } },
    snapshot: {
      hazardId, status: 'reported', policyVersion: 'default-v1', enterpriseId: 'ent-1', jurisdictionPath: ['city-1', 'county-1', 'town-1', 'grid-1'],
      source: '企业自查', description: '2号储罐区可燃气体报警器失效', reportedAt: at.toISOString(), grade: null, accidentType: null, industry: null,
      listingLevel: null, currentDeadline: null, rectificationDeadline: null, escalationStage: 0, extensionCount: 0, rejectionCount: 0,
      productionStopped: false, heavierAccountability: false, closedAt: null, detail: {},
    },
    events: [],
  };
}
