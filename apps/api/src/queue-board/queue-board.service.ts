import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hazards/config';
import { ALL_QUEUES } from '@hazards/events/queues';
import { createRedis } from '@hazards/events/redis-connection';
import { queueCounts } from '@hazards/events/queue-metrics';
import { latestDeadLetters, markDeadLetterResent } from '@hazards/persistence/notifications/dead-letters.repository';
import { notFound } from '@hazards/api-contract/api-error';

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
    return latestDeadLetters(this.ds, limit);
  }

  /**
   * 重发死信: the job goes back to its queue under the same job id (for a notification, the same
   * delivery key, so a receiver that already has it drops the duplicate); counted and attributed.
   */
  async resend(id: string, by: string) {
    const row = await markDeadLetterResent(this.ds, id, by);
    if (!row) throw notFound('dead letter');
    const queue = this.queues.find((q) => q.name === row.queue);
    if (!queue) throw notFound('dead letter');
    const job = await queue.getJob(row.jobId);
    const state = job ? await job.getState() : null;
    if (job && (state === 'failed' || state === 'completed')) await job.retry(state, { resetAttemptsMade: true });
    else if (!job) await queue.add(row.jobName, row.data, { jobId: row.jobId });
    // Waiting, delayed or active: it is on its way already.
    return { id: row.id, queue: row.queue, jobId: row.jobId, resendCount: row.resendCount, previousState: state ?? 'removed' };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
    this.redis.disconnect();
  }
}
