import type { DataSource } from 'typeorm';
import type { DomainEvent, DomainEventType } from '@hazards/events/domain-event';
import { EVENT_ROUTES, JOB_NAMES, jobIdFor, type QueueName } from '@hazards/events/queues';
import { claimUnpublished, markPublished, type OutboxRow } from '@hazards/persistence/outbox/outbox.repository';
import type { QueueRegistry } from '../queues/queue-registry';

export interface RelayLogger {
  warn(msg: string): void;
}

/**
 * Publishes outbox_events to BullMQ, at least once, with jobId = eventId.
 *
 * Runs in the notifier: it is the process that owns the queues, and keeping it out of the
 * Temporal worker means a Redis outage never slows a workflow activity (the outbox row is
 * already committed with the step; it simply waits). Several notifiers may run: each batch is
 * claimed with `for update skip locked`, so two relays never publish the same rows at once. The
 * rows are marked published in the same transaction after BullMQ accepted the jobs; a crash in
 * between publishes them again, which BullMQ ignores (same jobId) and consumers ignore (receipts).
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly ds: DataSource,
    private readonly queues: QueueRegistry,
    private readonly o: { intervalMs: number; batchSize?: number; hazardPrefix?: string; log?: RelayLogger },
  ) {}

  /** One batch; returns how many outbox rows it handled. */
  async relayOnce(): Promise<number> {
    const limit = this.o.batchSize ?? 200;
    return this.ds.transaction(async (m) => {
      const rows = await claimUnpublished<DomainEventType>(m, limit, this.o.hazardPrefix ?? null);
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, OutboxRow<DomainEventType>[]>();
      for (const r of rows) {
        const q = EVENT_ROUTES[r.type];
        if (q) byQueue.set(q, [...(byQueue.get(q) ?? []), r]);
      }
      for (const [queue, list] of byQueue) {
        await this.queues.get(queue).addBulk(
          list.map((r) => ({
            name: JOB_NAMES.event,
            data: {
              eventId: r.event_id,
              type: r.type,
              hazardId: r.hazard_id,
              occurredAt: new Date(r.occurred_at).toISOString(),
              policyVersion: r.policy_version,
              payload: r.payload,
            } satisfies DomainEvent,
            opts: { jobId: jobIdFor(r.event_id) },
          })),
        );
      }
      await markPublished(
        m,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let failures = 0;
      while (this.running) {
        let handled = 0;
        try {
          handled = await this.relayOnce();
          failures = 0;
        } catch (err) {
          failures++;
          // Redis or PostgreSQL away: nothing is lost (rows stay unpublished); back off up to 5 s.
          this.o.log?.warn(`outbox relay: ${err instanceof Error ? err.message : String(err)} (retrying)`);
        }
        if (handled >= (this.o.batchSize ?? 200)) continue;
        const wait = failures > 0 ? Math.min(5000, this.o.intervalMs * 2 ** Math.min(failures, 4)) : this.o.intervalMs;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
