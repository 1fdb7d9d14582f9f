import { randomUUID } from 'node:crypto';
import { hash } from 'argon2';
import type { EntityManager } from 'typeorm';

export interface JurisdictionSeed {
  id: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'grid';
  kind: string;
  parent?: string;
}
export interface DepartmentSeed {
  id: string;
  name: string;
  jurisdictionId: string;
  email?: string;
}
export interface EnterpriseSeed {
  id: string;
  name: string;
  creditCode: string;
  gridId: string;
  industry?: string;
  principalName?: string;
  principalPhone?: string;
  principalEmail?: string;
}
export interface UserSeed {
  id?: string;
  username: string;
  displayName: string;
  role: string;
  jurisdictionId?: string;
  enterpriseId?: string;
  departmentId?: string;
  isSafetyDirector?: boolean;
  email?: string;
  password: string;
}

/** Inserts a jurisdiction tree with its paths computed from the parents (parents listed first). */
export async function seedJurisdictions(m: EntityManager, nodes: JurisdictionSeed[]): Promise<void> {
  const paths = new Map<string, string>();
  for (const n of nodes) {
    const parentPath = n.parent ? (paths.get(n.parent) ?? (await parentPathOf(m, n.parent))) : '/';
    const path = `${parentPath}${n.id}/`;
    paths.set(n.id, path);
    await m.query(
      `insert into jurisdictions (id, name, level, kind, parent_id, path) values ($1,$2,$3,$4,$5,$6) on conflict (id) do nothing`,
      [n.id, n.name, n.level, n.kind, n.parent ?? null, path],
    );
  }
}

async function parentPathOf(m: EntityManager, id: string): Promise<string> {
  const rows: { path: string }[] = await m.query('select path from jurisdictions where id = $1', [id]);
  if (!rows[0]) throw new Error(`unknown parent jurisdiction ${id}`);
  return rows[0].path;
}

export async function seedDepartments(m: EntityManager, rows: DepartmentSeed[]): Promise<void> {
  for (const d of rows) {
    await m.query(`insert into departments (id, name, jurisdiction_id, email) values ($1,$2,$3,$4) on conflict (id) do nothing`, [
      d.id,
      d.name,
      d.jurisdictionId,
      d.email ?? null,
    ]);
  }
}

export async function seedEnterprises(m: EntityManager, rows: EnterpriseSeed[]): Promise<void> {
  for (const e of rows) {
    await m.query(
      `insert into enterprises (id, name, credit_code, grid_id, industry, principal_name, principal_phone, principal_email)
       values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (id) do nothing`,
      [
        e.id,
        e.name,
        e.creditCode,
        e.gridId,
        e.industry ?? null,
        e.principalName ?? null,
        e.principalPhone ?? null,
        e.principalEmail ?? null,
      ],
    );
  }
}

/** Users with argon2 password hashes. Returns username → id. */
export async function seedUsers(m: EntityManager, rows: UserSeed[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const u of rows) {
    const id = u.id ?? randomUUID();
    const existing: { id: string }[] = await m.query('select id from users where username = $1', [u.username]);
    if (existing[0]) {
      ids[u.username] = existing[0].id;
      continue;
    }
    await m.query(
      `insert into users (id, username, password_hash, display_name, role, jurisdiction_id, enterprise_id, department_id, is_safety_director, email)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        id,
        u.username,
        await hash(u.password),
        u.displayName,
        u.role,
        u.jurisdictionId ?? null,
        u.enterpriseId ?? null,
        u.departmentId ?? null,
        u.isSafetyDirector ?? false,
        u.email ?? null,
      ],
    );
    ids[u.username] = id;
  }
  return ids;
}
