import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hash, verify } from 'argon2';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-error';
import type { AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 5;
const shanghaiTime = (d: Date) => d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * At most this many argon2 computations at once. Each one occupies a libuv thread (of 4) for a
 * good half second; a burst of logins would otherwise take every thread, and whatever else needs
 * the pool (PostgreSQL's SCRAM handshake on a new connection, file reads) stalls until it times
 * out: logins then fail with 503 instead of just waiting their turn.
 */
const HASHING_SLOTS = 2;

class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

@Injectable()
export class AuthService {
  private readonly hashing = new Slots(HASHING_SLOTS);
  /** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
  private readonly dummyHash = hash('not-a-password-' + Math.random());

  constructor(private readonly users: UsersRepository, private readonly jwt: JwtService, private readonly audit: AuditService) {}

  async login(req: Request, username: string, password: string): Promise<{ accessToken: string; user: AuthUser }> {
    const user = await this.users.findForLogin(username);
    if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await this.audit.record(req, { eventType: 'login', result: 'refused', userId: user.id, username, httpStatus: 423, detail: { reason: 'locked' } });
      throw locked(user.lockedUntil);
    }
    const ok = await this.hashing.run(async () =>
      user ? verify(user.passwordHash, password) : (await verify(await this.dummyHash, password), false));
    if (!user || !ok) {
      const lockedUntil = user ? await this.users.recordFailure(user.id, MAX_FAILURES, LOCK_MINUTES) : null;
      await this.audit.record(req, { eventType: 'login_failed', result: 'failure', userId: user?.id ?? null, username, httpStatus: lockedUntil ? 423 : 401 });
      if (lockedUntil) throw locked(lockedUntil);
      throw new ApiException(401, 'invalid_credentials', '用户名或密码错误。', 'Wrong username or password.');
    }
    await this.users.recordSuccess(user.id);
    await this.audit.record(req, { eventType: 'login', result: 'success', userId: user.id, username, httpStatus: 200 });
    const { passwordHash: _p, lockedUntil: _l, ...authUser } = user;
    return { accessToken: await this.jwt.signAsync({ sub: user.id }), user: authUser };
  }
}

function locked(until: Date): ApiException {
  return new ApiException(423, 'account_locked',
    `连续${MAX_FAILURES}次登录失败，账号已锁定至 ${shanghaiTime(until)}（北京时间）。`,
    `Account locked after ${MAX_FAILURES} failed logins, until ${until.toISOString()}.`);
}
