import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES, type DeadLetterJobData, type QueueName } from '@hazards/events/queues';
import { recordDeadLetter } from '@hazards/persistence/notifications/dead-letters.repository';
import type { QueueRegistry } from './queue-registry';

/** True when the attempt now running is the job's last one. */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Copies a job that failed its last attempt to the `dead-letters` queue (bull-board shows it) and
 * to PostgreSQL (durable, for the API), before BullMQ marks it failed: a crash in between only
 * repeats the copy, which both stores ignore by key.
 */
export class DeadLetterWriter {
  constructor(
    private readonly ds: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async write(queue: QueueName, job: Job, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const letter: DeadLetterJobData = {
      queue,
      jobId: String(job.id),
      jobName: job.name,
      data: job.data,
      error: message,
      attemptsMade: job.attemptsMade + 1,
      failedAt: new Date().toISOString(),
    };
    await recordDeadLetter(this.ds, letter);
    await this.queues
      .get(QUEUE_NAMES.deadLetters)
      .add(JOB_NAMES.deadLetter, letter, { jobId: `${queue}|${String(job.id).replaceAll(':', '|')}` });
  }
}
