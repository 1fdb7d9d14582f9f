import type { DataSource } from 'typeorm';
import type { DeadLetterJobData } from '@hazards/events/queues';

/** A dead letter (a job that exhausted its retries), as an admin re-sends it. */
export interface DeadLetterRow {
  id: string;
  queue: string;
  jobId: string;
  jobName: string;
  data: Record<string, unknown>;
  resendCount: number;
}

/**
 * Marks a dead letter re-sent by an admin and, for a notification, puts its delivery back to
 * pending (same delivery key: the receiver, which keys on it, drops a duplicate). One transaction;
 * null when there is no such dead letter.
 */
export async function markDeadLetterResent(ds: DataSource, id: string, by: string): Promise<DeadLetterRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  return ds.transaction(async (m) => {
    const result: unknown[] = await m.query(
      `update notification_dead_letters set resend_count = resend_count + 1, resent_at = now(), resent_by = $2 where id = $1
       returning id::text, queue, job_id as "jobId", job_name as "jobName", data, resend_count as "resendCount"`,
      [id, by],
    );
    // TypeORM's PostgreSQL driver answers an UPDATE … RETURNING as [rows, affected].
    const [row] = (Array.isArray(result[0]) ? result[0] : result) as DeadLetterRow[];
    if (!row) return null;
    const deliveryKey = (row.data as { deliveryKey?: unknown }).deliveryKey;
    if (typeof deliveryKey === 'string') {
      await m.query(`update notification_deliveries set status = 'pending' where delivery_key = $1 and status = 'dead'`, [deliveryKey]);
    }
    return row;
  });
}

/** Once per queue and job: a repeated copy (a crash in between) only updates the error and attempt count. */
export async function recordDeadLetter(ds: DataSource, l: DeadLetterJobData): Promise<void> {
  await ds.query(
    `insert into notification_dead_letters (queue, job_id, job_name, data, error, attempts_made, failed_at)
       values ($1,$2,$3,$4,$5,$6,$7)
       on conflict (queue, job_id) do update set error = excluded.error, attempts_made = excluded.attempts_made, failed_at = excluded.failed_at`,
    [l.queue, l.jobId, l.jobName, JSON.stringify(l.data ?? {}), l.error, l.attemptsMade, l.failedAt],
  );
}

/** A dead letter as the admin's list shows it. */
export interface DeadLetterListItem extends DeadLetterRow {
  error: string;
  attemptsMade: number;
  failedAt: Date;
  resentAt: Date | null;
  resentBy: string | null;
}

/** The latest dead letters, newest first. */
export function latestDeadLetters(ds: DataSource, limit: number): Promise<DeadLetterListItem[]> {
  return ds.query(
    `select id::text, queue, job_id as "jobId", job_name as "jobName", data, error, attempts_made as "attemptsMade", failed_at as "failedAt",
              resend_count as "resendCount", resent_at as "resentAt", resent_by as "resentBy"
         from notification_dead_letters order by failed_at desc limit $1`,
    [limit],
  );
}

export async function deadLetterCount(ds: DataSource): Promise<number> {
  const [row]: { n: number }[] = await ds.query(`select count(*)::int as n from notification_dead_letters`);
  return row.n;
}
