import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig } from '@hazards/config';
import { ApiException } from '@hazards/api-contract/api-error';
import { REDIS } from '../redis.provider';

const throttled = () =>
  new ApiException(429, 'login_throttled', '登录尝试过于频繁，请一分钟后再试。', 'Too many login attempts; try again in a minute.');

const WINDOW_MS = 60_000;

/**
 * A sliding one-minute window kept as a sorted set of instants. Returns how many entries the
 * window held; the new entry is added only while that is below the limit, so an attacker's
 * refused attempts cost nothing and the set never grows past the limit. (Counting per calendar
 * minute let a burst straddling a minute boundary through twice.)
 */
const SLIDING_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local n = redis.call('ZCARD', KEYS[1])
if ARGV[3] == '' or n < tonumber(ARGV[3]) then
  if ARGV[4] ~= '' then
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
  end
end
return n`;

/**
 * Login throttles in Redis, over the last minute: attempts per username (known or not) and failed
 * attempts per client address, so one address cannot lock account after account, and a flood on
 * one name stops before the password check. While Redis is away the throttles are skipped (the
 * lock in PostgreSQL still holds).
 */
@Injectable()
export class LoginThrottle {
  private readonly log = new Logger(LoginThrottle.name);
  private readonly perUsername: number;
  private readonly failuresPerAddress: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.perUsername = config.get('LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME', { infer: true });
    this.failuresPerAddress = config.get('LOGIN_FAILURES_PER_MINUTE_PER_ADDRESS', { infer: true });
  }

  /** Counts the window of `key` (recording `entry` while under `limit`); returns the count before it. */
  private window(key: string, limit: number | null, entry: string | null): Promise<number> {
    return this.redis.eval(
      SLIDING_WINDOW,
      1,
      key,
      String(Date.now()),
      String(WINDOW_MS),
      limit === null ? '' : String(limit),
      entry ?? '',
    ) as Promise<number>;
  }

  /** Before anything else: refuses when this address failed too often, or this name was tried too often, in the last minute. */
  async admit(address: string, username: string): Promise<void> {
    try {
      const failures = await this.window(`login:fail:${address}`, null, null);
      if (failures >= this.failuresPerAddress) throw throttled();
      const attempts = await this.window(`login:user:${username}`, this.perUsername, randomUUID());
      if (attempts >= this.perUsername) throw throttled();
    } catch (err) {
      if (err instanceof ApiException) throw err;
      this.log.warn(`login throttle skipped: ${(err as Error).message}`);
    }
  }

  async failed(address: string): Promise<void> {
    await this.window(`login:fail:${address}`, this.failuresPerAddress, randomUUID()).catch(() => undefined);
  }
}
