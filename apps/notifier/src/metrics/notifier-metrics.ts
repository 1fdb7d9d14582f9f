import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import { queueCounts } from '@hazards/events/queue-metrics';
import { createMetricsRegistry, LATENESS_BUCKETS, METRIC, latenessHashKey } from '@hazards/metrics';
import { HazardReadRepository } from '@hazards/persistence/hazards/hazard-read.repository';
import { escalationDueAt, historyKeyOf } from './escalation-due';

/** What the notifier's consumers report as they work; the metrics implement it, tests may ignore it. */
export interface NotifierObserver {
  /** A delivery reached its channel (a crash resend counts again: it was sent again). */
  sent(channel: string, kind: string): void;
  /** An escalation event was consumed for the first time (not on a re-delivered job). */
  escalationConsumed(event: DomainEvent): void;
  jobFailed(queue: string): void;
  deadLettered(queue: string): void;
}

/**
 * The notifier's series: queue depth (read from BullMQ at each scrape), job failures, dead letters,
 * escalation lateness (due → history row recorded) and sends by channel and message kind.
 * Lateness also goes to a Redis hash shared by all notifiers, which the API's 运行状态 page reads.
 */
export class NotifierMetrics implements NotifierObserver {
  readonly registry: Registry;
  private readonly failed: Counter;
  private readonly dead: Counter;
  private readonly lateness: Histogram;
  private readonly sends: Counter;
  private readonly hazards: HazardReadRepository;

  constructor(
    ds: DataSource,
    queues: () => Queue[],
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.hazards = new HazardReadRepository(ds);
    const registers = [(this.registry = createMetricsRegistry('notifier'))];
    new Gauge({
      name: METRIC.queueJobs,
      help: 'Jobs per BullMQ queue and state (waiting, active, delayed, failed, completed)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const c of await queueCounts(queues())) {
          for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed'] as const)
            this.set({ queue: c.queue, state }, c[state]);
        }
      },
    });
    this.failed = new Counter({
      name: METRIC.jobsFailed,
      help: 'Failed job attempts per queue (retried until the last)',
      labelNames: ['queue'],
      registers,
    });
    this.dead = new Counter({
      name: METRIC.deadLetters,
      help: 'Jobs that exhausted their attempts, copied to the dead-letter queue',
      labelNames: ['queue'],
      registers,
    });
    this.lateness = new Histogram({
      name: METRIC.escalationLateness,
      help: 'Escalation lateness: from when it fell due to when its history row was recorded (seconds)',
      labelNames: ['kind'],
      buckets: LATENESS_BUCKETS,
      registers,
    });
    this.sends = new Counter({
      name: METRIC.notificationsSent,
      help: 'Messages delivered, by channel and kind (reminder_digest and filing_reminder are reminders)',
      labelNames: ['channel', 'kind'],
      registers,
    });
  }

  sent(channel: string, kind: string): void {
    this.sends.inc({ channel, kind });
  }

  jobFailed(queue: string): void {
    this.failed.inc({ queue });
  }

  deadLettered(queue: string): void {
    this.dead.inc({ queue });
  }

  escalationConsumed(event: DomainEvent): void {
    void this.observeLateness(event).catch(() => undefined); // a figure, never a reason to fail the job
  }

  private async observeLateness(event: DomainEvent): Promise<void> {
    if (event.type !== 'escalation.raised') return;
    const due = escalationDueAt(event.payload);
    const key = historyKeyOf(event.eventId);
    if (!due || !key) return;
    const recordedAt = await this.hazards.stepRecordedAt(key.hazardId, key.seq);
    if (!recordedAt) return;
    const seconds = Math.max(0, (new Date(recordedAt).getTime() - due.getTime()) / 1000);
    this.lateness.observe({ kind: String(event.payload.kind ?? 'unknown') }, seconds);
    const le = LATENESS_BUCKETS.find((b) => seconds <= b) ?? '+Inf';
    await this.redis
      .multi()
      .hincrby(latenessHashKey(this.prefix), `le:${le}`, 1)
      .hincrby(latenessHashKey(this.prefix), 'count', 1)
      .hincrbyfloat(latenessHashKey(this.prefix), 'sum', seconds)
      .exec();
  }
}
