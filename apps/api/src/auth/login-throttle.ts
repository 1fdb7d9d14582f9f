import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '../../../../libs/config/src';
import { ApiException } from '../common/api-error';
import { REDIS } from '../redis.provider';

const throttled = () => new ApiException(429, 'login_throttled', '登录尝试过于频繁，请一分钟后再试。', 'Too many login attempts; try again in a minute.');

/**
 * Login throttles in Redis, per minute: attempts per username (known or not) and failed attempts
 * per client address, so one address cannot lock account after account, and a flood on one name
 * stops before the password check. While Redis is away the throttles are skipped (the lock in
 * PostgreSQL still holds).
 */
@Injectable()
export class LoginThrottle {
  private readonly log = new Logger(LoginThrottle.name);
  private readonly perUsername: number;
  private readonly failuresPerAddress: number;

  constructor(@Inject(REDIS) private readonly redis: Redis, @Inject(AppConfig) config: AppConfig) {
    this.perUsername = config.get('LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME', { infer: true });
    this.failuresPerAddress = config.get('LOGIN_FAILURES_PER_MINUTE_PER_ADDRESS', { infer: true });
  }

  /** Before anything else: refuses when this address failed too often, or this name was tried too often, this minute. */
  async admit(address: string, username: string): Promise<void> {
    const minute = Math.floor(Date.now() / 60_000);
    try {
      const [[, failures], [, attempts]] = (await this.redis.multi()
        .get(`login:fail:${address}:${minute}`)
        .incr(`login:user:${username}:${minute}`)
        .expire(`login:user:${username}:${minute}`, 120)
        .exec()) as [Error | null, unknown][];
      if (Number(failures ?? 0) >= this.failuresPerAddress || Number(attempts) > this.perUsername) throw throttled();
    } catch (err) {
      if (err instanceof ApiException) throw err;
      this.log.warn(`login throttle skipped: ${(err as Error).message}`);
    }
  }

  async failed(address: string): Promise<void> {
    const key = `login:fail:${address}:${Math.floor(Date.now() / 60_000)}`;
    await this.redis.multi().incr(key).expire(key, 120).exec().catch(() => undefined);
  }
}
