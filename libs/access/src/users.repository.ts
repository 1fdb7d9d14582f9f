import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from './auth-user';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: AuthUser['role'];
  jurisdiction_id: string | null;
  level: AuthUser['jurisdictionLevel'];
  path: string | null;
  enterprise_id: string | null;
  department_id: string | null;
  is_safety_director: boolean;
  active: boolean;
  password_hash?: string;
}

const toAuthUser = (r: UserRow): AuthUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  jurisdictionId: r.jurisdiction_id,
  jurisdictionLevel: r.level,
  jurisdictionPath: r.path,
  enterpriseId: r.enterprise_id,
  departmentId: r.department_id,
  isSafetyDirector: r.is_safety_director,
});

const SELECT = `select u.id, u.username, u.display_name, u.role, u.jurisdiction_id, j.level, j.path, u.enterprise_id,
  u.department_id, u.is_safety_director, u.active`;

@Injectable()
export class UsersRepository {
  constructor(private readonly ds: DataSource) {}

  async findActive(id: string): Promise<AuthUser | null> {
    const rows: UserRow[] = await this.ds.query(
      `${SELECT} from users u left join jurisdictions j on j.id = u.jurisdiction_id where u.id = $1 and u.active`,
      [id],
    );
    return rows[0] ? toAuthUser(rows[0]) : null;
  }

  async findForLogin(username: string): Promise<(AuthUser & { passwordHash: string }) | null> {
    const rows: UserRow[] = await this.ds.query(
      `${SELECT}, u.password_hash from users u left join jurisdictions j on j.id = u.jurisdiction_id
       where u.username = $1 and u.active`,
      [username],
    );
    const r = rows[0];
    return r ? { ...toAuthUser(r), passwordHash: r.password_hash! } : null;
  }
}
