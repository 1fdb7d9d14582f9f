import type { Queue } from 'bullmq';

export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  /** Jobs finished and failed over the last hour, from BullMQ's per-minute metrics. */
  completedLastHour: number;
  failedLastHour: number;
}

/** Counts per queue for the log, the admin API and bull-board's neighbours. */
export async function queueCounts(queues: Queue[]): Promise<QueueCounts[]> {
  return Promise.all(
    queues.map(async (q) => {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
      const [done, failed] = await Promise.all([q.getMetrics('completed', 0, 59), q.getMetrics('failed', 0, 59)]);
      const sum = (m: { data: number[] }) => m.data.reduce((a, b) => a + (Number(b) || 0), 0);
      return {
        queue: q.name,
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
        completedLastHour: sum(done),
        failedLastHour: sum(failed),
      };
    }),
  );
}

/** Workers record per-minute completed/failed counts (BullMQ metrics) for a week. */
export const WORKER_METRICS = { maxDataPoints: 7 * 24 * 60 };
