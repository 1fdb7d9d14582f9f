import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

/** ThrottlerStorageRecord of @nestjs/throttler: hits in the window, and seconds until the window or the block ends. */
interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * One fixed window per key in Redis, counted atomically by a script: INCR, the window's expiry on
 * the first hit, and past the limit a block key that lasts `blockDuration`. Returns
 * [hits, window ms left, blocked 0/1, block ms left].
 */
const INCREMENT = `
local hits_key, block_key = KEYS[1], KEYS[2]
local ttl, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local blocked_for = redis.call('PTTL', block_key)
if blocked_for > 0 then
  return { tonumber(redis.call('GET', hits_key) or limit + 1), math.max(redis.call('PTTL', hits_key), 0), 1, blocked_for }
end
local hits = redis.call('INCR', hits_key)
if hits == 1 then redis.call('PEXPIRE', hits_key, ttl) end
local left = redis.call('PTTL', hits_key)
if hits > limit then
  if block > 0 then
    redis.call('SET', block_key, '1', 'PX', block)
    return { hits, left, 1, block }
  end
  return { hits, left, 1, left }
end
return { hits, left, 0, 0 }`;

/**
 * The API's rate limiter counts in Redis, so N API instances behind one address allow
 * RATE_LIMIT_PER_MINUTE per client in total, not N times that. While Redis is away the limiter
 * lets requests through (logged once a minute): a Redis outage must not turn every request into
 * an error when PostgreSQL could still answer it.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly log = new Logger('RateLimit');
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    try {
      const [hits, windowMs, blocked, blockMs] = (await this.redis.eval(
        INCREMENT,
        2,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(windowMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockMs / 1000),
      };
    } catch (err) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.log.warn(`rate limiter: Redis unavailable, requests are not limited meanwhile (${err instanceof Error ? err.message : err})`);
      }
      return { totalHits: 1, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
