import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@hazards/access/auth-user';
import { UsersRepository } from '@hazards/access/users.repository';
import { CliDatabase } from './cli-database';

/** Whose view a command takes: the user named by --user, or an administrator's view of everything. */
@Injectable()
export class CliUsers {
  constructor(
    private readonly db: CliDatabase,
    private readonly users: UsersRepository,
  ) {}

  async resolve(username: string | undefined): Promise<AuthUser> {
    if (!username) {
      return {
        id: 'cli',
        username: 'cli',
        displayName: '命令行 / CLI',
        role: 'admin',
        jurisdictionId: null,
        jurisdictionLevel: null,
        jurisdictionPath: null,
        enterpriseId: null,
        departmentId: null,
        isSafetyDirector: false,
      };
    }
    await this.db.open();
    const u = await this.users.findForLogin(username);
    if (!u) throw new Error(`用户不存在或已停用 / no active user: ${username}`);
    const { passwordHash: _p, ...user } = u;
    return user;
  }
}
