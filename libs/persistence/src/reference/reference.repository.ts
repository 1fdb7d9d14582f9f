import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';

/*
 * Reference data (jurisdictions, enterprises, users): the reads each role may make and the admin's
 * inserts. "Under a path" means the subtree whose paths start with it.
 */

export interface JurisdictionRow {
  id: string;
  name: string;
  level: JurisdictionLevel;
  kind: string;
  parentId: string | null;
  path: string;
}

export interface EnterpriseRow {
  id: string;
  name: string;
  creditCode: string;
  gridId: string;
  industry: string | null;
  principalName: string | null;
  jurisdictionPath: string;
}

/** A user as listed: never the password hash. */
export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  jurisdictionId: string | null;
  enterpriseId: string | null;
  isSafetyDirector: boolean;
  active: boolean;
}

/** An enterprise to insert: its columns without the derived path, with the principal's contacts. */
export type NewEnterprise = Omit<EnterpriseRow, 'jurisdictionPath'> & { principalPhone: string | null; principalEmail: string | null };

export interface NewUser {
  id: string;
  username: string;
  passwordHash: string;
  displayName: string;
  role: string;
  jurisdictionId: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
  isSafetyDirector: boolean;
  email: string | null;
}

const ENTERPRISE_COLUMNS = `e.id, e.name, e.credit_code as "creditCode", e.grid_id as "gridId", e.industry, e.principal_name as "principalName", j.path as "jurisdictionPath"`;
const USER_COLUMNS = `u.id, u.username, u.display_name as "displayName", u.role, u.jurisdiction_id as "jurisdictionId", u.enterprise_id as "enterpriseId", u.is_safety_director as "isSafetyDirector", u.active`;

@Injectable()
export class ReferenceRepository {
  constructor(private readonly ds: DataSource) {}

  allJurisdictions(): Promise<JurisdictionRow[]> {
    return this.ds.query('select id, name, level, kind, parent_id as "parentId", path from jurisdictions order by path');
  }

  jurisdictionsUnder(path: string): Promise<JurisdictionRow[]> {
    return this.ds.query(
      'select id, name, level, kind, parent_id as "parentId", path from jurisdictions where path like $1 order by path',
      [path + '%'],
    );
  }

  /** The chain of jurisdictions from the top down to the enterprise's grid. */
  jurisdictionsAboveEnterprise(enterpriseId: string): Promise<JurisdictionRow[]> {
    return this.ds.query(
      `select j.id, j.name, j.level, j.kind, j.parent_id as "parentId", j.path from jurisdictions j
         join enterprises e on e.id = $1 join jurisdictions g on g.id = e.grid_id where g.path like j.path || '%' order by j.path`,
      [enterpriseId],
    );
  }

  async jurisdictionPathAndLevel(id: string): Promise<{ path: string; level: JurisdictionLevel } | undefined> {
    const rows: { path: string; level: JurisdictionLevel }[] = await this.ds.query('select path, level from jurisdictions where id = $1', [
      id,
    ]);
    return rows[0];
  }

  async jurisdictionLevel(id: string): Promise<string | undefined> {
    const rows: { level: string }[] = await this.ds.query('select level from jurisdictions where id = $1', [id]);
    return rows[0]?.level;
  }

  async insertJurisdiction(j: JurisdictionRow): Promise<void> {
    await this.ds.query('insert into jurisdictions (id, name, level, kind, parent_id, path) values ($1,$2,$3,$4,$5,$6)', [
      j.id,
      j.name,
      j.level,
      j.kind,
      j.parentId,
      j.path,
    ]);
  }

  allEnterprises(): Promise<EnterpriseRow[]> {
    return this.ds.query(`select ${ENTERPRISE_COLUMNS} from enterprises e join jurisdictions j on j.id = e.grid_id order by e.id`);
  }

  enterprisesUnder(path: string): Promise<EnterpriseRow[]> {
    return this.ds.query(
      `select ${ENTERPRISE_COLUMNS} from enterprises e join jurisdictions j on j.id = e.grid_id where j.path like $1 order by e.id`,
      [path + '%'],
    );
  }

  /** The one enterprise (as a list: empty when there is none). */
  enterprise(id: string): Promise<EnterpriseRow[]> {
    return this.ds.query(`select ${ENTERPRISE_COLUMNS} from enterprises e join jurisdictions j on j.id = e.grid_id where e.id = $1`, [id]);
  }

  async insertEnterprise(e: NewEnterprise): Promise<void> {
    await this.ds.query(
      `insert into enterprises (id, name, credit_code, grid_id, industry, principal_name, principal_phone, principal_email) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [e.id, e.name, e.creditCode, e.gridId, e.industry, e.principalName, e.principalPhone, e.principalEmail],
    );
  }

  allUsers(): Promise<UserRow[]> {
    return this.ds.query(`select ${USER_COLUMNS} from users u order by u.username`);
  }

  /** Users bound to a jurisdiction, or to an enterprise whose grid is, under the path. */
  usersUnder(path: string): Promise<UserRow[]> {
    return this.ds.query(
      `select ${USER_COLUMNS} from users u left join jurisdictions j on j.id = u.jurisdiction_id left join enterprises e on e.id = u.enterprise_id
         left join jurisdictions g on g.id = e.grid_id where coalesce(j.path, g.path) like $1 order by u.username`,
      [path + '%'],
    );
  }

  /** The one user (as a list: empty when there is none). */
  user(id: string): Promise<UserRow[]> {
    return this.ds.query(`select ${USER_COLUMNS} from users u where u.id = $1`, [id]);
  }

  async insertUser(u: NewUser): Promise<void> {
    await this.ds.query(
      `insert into users (id, username, password_hash, display_name, role, jurisdiction_id, enterprise_id, department_id, is_safety_director, email)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        u.id,
        u.username,
        u.passwordHash,
        u.displayName,
        u.role,
        u.jurisdictionId,
        u.enterpriseId,
        u.departmentId,
        u.isSafetyDirector,
        u.email,
      ],
    );
  }
}
