import Redis, { RedisOptions } from 'ioredis';

/** BullMQ needs maxRetriesPerRequest = null on its connections; other users may set their own. */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}

/**
 * BullMQ keeps jobs as Redis keys: an evicting Redis silently loses reminders and events.
 * The worker and the notifier refuse to start unless the policy is `noeviction`.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1];
  if (policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}", expected "noeviction": queued jobs could be evicted and lost. ` +
        `Set "maxmemory-policy noeviction" in the Redis config (or CONFIG SET maxmemory-policy noeviction).`,
    );
  }
}
