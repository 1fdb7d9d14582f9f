import type { DataSource, EntityManager } from 'typeorm';

/*
 * Who can be told about a hazard, from the jurisdiction tree: enterprises and their 主要负责人,
 * users by post, departments and their staff, and who stands in for whom. Each read takes the
 * DataSource, or the manager of the transaction it belongs to.
 */

type Db = DataSource | EntityManager;

/** A user as a recipient (an enterprise account's node is its enterprise's grid). */
export interface RecipientUserRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  role: string;
  jurisdiction_id: string | null;
  enterprise_id: string | null;
  grid_id: string | null;
  delegate_user_id: string | null;
  away_from: Date | null;
  away_until: Date | null;
  active: boolean;
}

/** An enterprise with its 主要负责人's contacts. */
export interface EnterpriseContactRow {
  id: string;
  name: string;
  credit_code: string | null;
  grid_id: string;
  principal_name: string | null;
  principal_phone: string | null;
  principal_email: string | null;
}

/** A department (部门) and the path of its jurisdiction. */
export interface DepartmentRow {
  id: string;
  name: string;
  jurisdiction_id: string;
  email: string | null;
  path: string;
}

const USER_COLUMNS = `u.id, u.display_name, u.email, u.phone, u.role, u.jurisdiction_id, u.enterprise_id, e.grid_id,
  u.delegate_user_id, u.away_from, u.away_until, u.active`;

/** The enterprise's active enterprise accounts. */
export function enterpriseUsers(db: Db, enterpriseId: string): Promise<RecipientUserRow[]> {
  return db.query(
    `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id
        where u.enterprise_id = $1 and u.active and u.role = 'enterprise' order by u.id`,
    [enterpriseId],
  );
}

export async function enterpriseContact(db: Db, enterpriseId: string): Promise<EnterpriseContactRow | undefined> {
  const [e] = (await db.query(
    `select id, name, credit_code, grid_id, principal_name, principal_phone, principal_email from enterprises where id = $1`,
    [enterpriseId],
  )) as EnterpriseContactRow[];
  return e;
}

/** The enterprise's active safety directors (安全总监). */
export function safetyDirectors(db: Db, enterpriseId: string): Promise<{ id: string; display_name: string; email: string | null }[]> {
  return db.query(`select id, display_name, email from users where enterprise_id = $1 and is_safety_director and active order by id`, [
    enterpriseId,
  ]);
}

/** The active users of a role bound to a jurisdiction node, with the department (if any) they work in. */
export function usersAtNode(db: Db, nodeId: string, role: string): Promise<(RecipientUserRow & { department_id: string | null })[]> {
  return db.query(
    `select ${USER_COLUMNS}, u.department_id from users u left join enterprises e on e.id = u.enterprise_id
          where u.jurisdiction_id = $1 and u.role = $2 and u.active order by u.id`,
    [nodeId, role],
  );
}

export function activeAdmins(db: Db): Promise<RecipientUserRow[]> {
  return db.query(
    `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id where u.role = 'admin' and u.active order by u.id`,
  );
}

/** A department named by id, or by name nearest-first along the path's nodes; undefined when there is none. */
export async function departmentOnPath(db: Db, idOrName: string, pathIds: string[]): Promise<DepartmentRow | undefined> {
  const [d] = (await db.query(
    `select d.id, d.name, d.jurisdiction_id, d.email, j.path from departments d join jurisdictions j on j.id = d.jurisdiction_id
        where d.id = $1 or (d.name = $1 and j.id = any($2::text[])) order by (d.id = $1) desc, length(j.path) desc limit 1`,
    [idOrName, pathIds],
  )) as DepartmentRow[];
  return d;
}

/** The department's active staff. */
export function departmentStaff(db: Db, departmentId: string): Promise<RecipientUserRow[]> {
  return db.query(
    `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id
        where u.department_id = $1 and u.active order by u.id`,
    [departmentId],
  );
}

/** Whom the user named to stand in, and when they are away. */
export async function absenceOf(
  db: Db,
  userId: string,
): Promise<Pick<RecipientUserRow, 'delegate_user_id' | 'away_from' | 'away_until'> | undefined> {
  const [u] = (await db.query(`select delegate_user_id, away_from, away_until from users where id = $1`, [userId])) as Pick<
    RecipientUserRow,
    'delegate_user_id' | 'away_from' | 'away_until'
  >[];
  return u;
}

export async function activeUser(db: Db, userId: string): Promise<RecipientUserRow | undefined> {
  const [u] = (await db.query(
    `select ${USER_COLUMNS} from users u left join enterprises e on e.id = u.enterprise_id where u.id = $1 and u.active`,
    [userId],
  )) as RecipientUserRow[];
  return u;
}
