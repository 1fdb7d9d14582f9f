import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { hash, verify } from 'argon2';
import type { Request } from 'express';
import { AppConfig } from '@hazards/config';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '@hazards/api-contract/api-error';
import type { AuthUser } from '@hazards/access/auth-user';
import { LoginGuardRepository } from '@hazards/persistence/auth/login-guard.repository';
import { LoginThrottle } from './login-throttle';
import { UsersRepository } from '@hazards/access/users.repository';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 5;
const shanghaiTime = (d: Date) => d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/**
 * At most this many argon2 computations at once. Each one occupies a libuv thread (of 4) for a
 * good half second; a burst of logins would otherwise take every thread, and whatever else needs
 * the pool (PostgreSQL's SCRAM handshake on a new connection, file reads) stalls until it times
 * out: logins then fail with 503 instead of just waiting their turn.
 */
const HASHING_SLOTS = 2;

/**
 * A bounded queue in front of argon2. A login takes its place when it arrives, before any database
 * work: past `size + maxWaiting` logins in progress it answers 429 at once instead of making everyone
 * wait (or queueing on the database pool); inside, at most `size` hash at a time.
 */
class HashingQueue {
  private inProgress = 0;
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly size: number,
    private readonly maxWaiting: number,
  ) {
    this.free = size;
  }
  /** Runs a whole login (its lookups and its one password check) if there is room, else 429. */
  async admit<T>(login: (hash: <H>(fn: () => Promise<H>) => Promise<H>) => Promise<T>): Promise<T> {
    if (this.inProgress >= this.size + this.maxWaiting) throw busy();
    this.inProgress++;
    try {
      return await login((fn) => this.hash(fn));
    } finally {
      this.inProgress--;
    }
  }
  private async hash<H>(fn: () => Promise<H>): Promise<H> {
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

const busy = () => new ApiException(429, 'login_busy', '登录请求过多，请稍后再试。', 'Too many logins at once; try again shortly.');
const invalid = () => new ApiException(401, 'invalid_credentials', '用户名或密码错误。', 'Wrong username or password.');

/**
 * Login. In order, each step cheaper than the next: the throttles (Redis), the lock claim
 * (PostgreSQL, atomic, the same for known and unknown names), the bounded hashing queue, argon2.
 * A name that does not exist goes through every step like one that does (a dummy hash is checked),
 * so neither the answer nor its timing tells which names exist.
 */
@Injectable()
export class AuthService {
  private readonly hashing: HashingQueue;
  /** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
  private readonly dummyHash = hash('not-a-password-' + Math.random());

  constructor(
    private readonly users: UsersRepository,
    private readonly guards: LoginGuardRepository,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.hashing = new HashingQueue(HASHING_SLOTS, config.get('LOGIN_HASH_QUEUE', { infer: true }));
  }

  async login(req: Request, username: string, password: string): Promise<{ accessToken: string; user: AuthUser }> {
    const address = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    await this.throttle.admit(address, username);
    return this.hashing.admit((inSlot) => this.checkPassword(req, address, username, password, inSlot));
  }

  /** The lock claim, the one argon2 check (in a hashing slot) and the verdict. */
  private async checkPassword(
    req: Request,
    address: string,
    username: string,
    password: string,
    inSlot: <H>(fn: () => Promise<H>) => Promise<H>,
  ) {
    const user = await this.users.findForLogin(username);
    const claim = await this.guards.claim(username, MAX_FAILURES);
    if (!claim.ok) {
      await this.audit.record(req, {
        eventType: 'login',
        result: 'refused',
        userId: user?.id ?? null,
        username,
        httpStatus: claim.lockedUntil ? 423 : 429,
        detail: { reason: claim.lockedUntil ? 'locked' : 'attempts_in_flight' },
      });
      throw claim.lockedUntil ? locked(claim.lockedUntil) : busy();
    }
    let ok: boolean;
    try {
      ok = await inSlot(async () => (user ? verify(user.passwordHash, password) : (await verify(await this.dummyHash, password), false)));
    } catch (err) {
      await this.guards.release(username);
      throw err;
    }
    if (!user || !ok) {
      const lockedUntil = await this.guards.failed(username, MAX_FAILURES, LOCK_MINUTES);
      await this.throttle.failed(address);
      await this.audit.record(req, {
        eventType: 'login_failed',
        result: 'failure',
        userId: user?.id ?? null,
        username,
        httpStatus: lockedUntil ? 423 : 401,
      });
      if (lockedUntil) throw locked(lockedUntil);
      throw invalid();
    }
    const accepted = await this.guards.succeeded(username);
    if (!accepted.ok) {
      await this.audit.record(req, {
        eventType: 'login',
        result: 'refused',
        userId: user.id,
        username,
        httpStatus: 423,
        detail: { reason: 'locked' },
      });
      throw locked(accepted.lockedUntil ?? new Date());
    }
    await this.audit.record(req, { eventType: 'login', result: 'success', userId: user.id, username, httpStatus: 200 });
    const { passwordHash: _p, ...authUser } = user;
    return { accessToken: await this.jwt.signAsync({ sub: user.id }), user: authUser };
  }
}

function locked(until: Date): ApiException {
  return new ApiException(
    423,
    'account_locked',
    `连续${MAX_FAILURES}次登录失败，账号已锁定至 ${shanghaiTime(until)}（北京时间）。`,
    `Account locked after ${MAX_FAILURES} failed logins, until ${until.toISOString()}.`,
  );
}
