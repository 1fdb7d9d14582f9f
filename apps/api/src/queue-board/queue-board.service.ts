import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hazards/config';
import { ALL_QUEUES } from '@hazards/events/queues';
import { createRedis } from '@hazards/events/redis-connection';
import { queueCounts } from '@hazards/events/queue-metrics';

/** Read-side handles on the notifier's queues for bull-board and the metrics route. */
@Injectable()
export class QueueBoardService implements OnApplicationShutdown {
  readonly queues: Queue[];
  private readonly redis: Redis;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    private readonly ds: DataSource,
  ) {
    // Fail fast while Redis is away: the board answers with an error instead of hanging.
    this.redis = createRedis(config.get('REDIS_URL'), { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
    this.queues = ALL_QUEUES.map((name) => new Queue(name, { connection: this.redis, prefix: config.get('QUEUE_PREFIX') }));
  }

  metrics() {
    return queueCounts(this.queues);
  }

  deadLetters(limit = 100) {
    return this.ds.query(
      `select id::text, queue, job_id as "jobId", job_name as "jobName", data, error, attempts_made as "attemptsMade", failed_at as "failedAt"
         from notification_dead_letters order by failed_at desc limit $1`,
      [limit],
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
    this.redis.disconnect();
  }
}
