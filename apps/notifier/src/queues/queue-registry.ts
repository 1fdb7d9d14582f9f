import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { ALL_QUEUES, QUEUE_NAMES, type QueueName } from '@hazards/events/queues';
import type { NotifierSettings } from '../notifier-settings';

/**
 * The producer side of every queue, with its default job options. Completed jobs are kept for a
 * week so a re-published event (same jobId) is ignored by BullMQ itself; PostgreSQL keys catch
 * anything older. Failed jobs are kept for a month for admins.
 */
export class QueueRegistry {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    connection: Redis,
    private readonly settings: NotifierSettings,
  ) {
    for (const name of ALL_QUEUES) {
      this.queues.set(name, new Queue(name, { connection, prefix: settings.queuePrefix, defaultJobOptions: this.defaults(name) }));
    }
  }

  get(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown queue ${name}`);
    return q;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  private defaults(name: QueueName): JobsOptions {
    const keep = { removeOnComplete: { age: 7 * 24 * 3600, count: 200_000 }, removeOnFail: { age: 30 * 24 * 3600 } };
    if (name === QUEUE_NAMES.deadLetters) return { ...keep, removeOnComplete: false, removeOnFail: false };
    const p = this.settings.retry[name];
    return { ...keep, attempts: p.attempts, backoff: { type: 'exponential', delay: p.baseDelayMs } };
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((q) => q.close()));
  }
}
