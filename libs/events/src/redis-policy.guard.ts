import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@hazards/config';
import { assertNoEviction, createRedis } from './redis-connection';

/** Refuses to start against a Redis that may evict keys (queued events would be lost). */
@Injectable()
export class RedisPolicyGuard implements OnModuleInit {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const redis = createRedis(this.config.get('REDIS_URL'), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      await assertNoEviction(redis);
    } finally {
      redis.disconnect();
    }
  }
}
