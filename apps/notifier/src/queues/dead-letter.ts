import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES, type DeadLetterJobData, type QueueName } from '@hazards/events/queues';
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
    await this.ds.query(
      `insert into notification_dead_letters (queue, job_id, job_name, data, error, attempts_made, failed_at)
       values ($1,$2,$3,$4,$5,$6,$7)
       on conflict (queue, job_id) do update set error = excluded.error, attempts_made = excluded.attempts_made, failed_at = excluded.failed_at`,
      [queue, letter.jobId, job.name, JSON.stringify(job.data ?? {}), message, letter.attemptsMade, letter.failedAt],
    );
    await this.queues
      .get(QUEUE_NAMES.deadLetters)
      .add(JOB_NAMES.deadLetter, letter, { jobId: `${queue}|${String(job.id).replaceAll(':', '|')}` });
  }
}
