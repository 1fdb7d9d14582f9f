import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@hazards/events/domain-event';
import { createRedis } from '@hazards/events/redis-connection';
import { JOB_NAMES, QUEUE_NAMES, type DeliverJobData, type DigestRunJobData, type QueueName } from '@hazards/events/queues';
import { remindMissingFilings } from '@hazards/persistence/filings/missing-filings';
import { AccountabilityRecordWriter } from './accountability/accountability-record.writer';
import { ChannelPreferenceResolver } from './channels/channel-preference.resolver';
import { ChannelRegistry } from './channels/channel-registry';
import { DeliveryConsumer } from './consumers/delivery.consumer';
import { FilingReminderConsumer } from './consumers/filing-reminder.consumer';
import { ImmediateNoticeConsumer } from './consumers/immediate-notice.consumer';
import { ReminderConsumer } from './consumers/reminder.consumer';
import { DigestRunner } from './digests/digest.runner';
import { MessageStore } from './messages/message.store';
import { shanghaiDate } from '@hazards/domain/time/shanghai-time';
import { NotifierMetrics } from './metrics/notifier-metrics';
import type { NotifierSettings } from './notifier-settings';
import { OutboxRelay } from './outbox/outbox-relay';
import { DeadLetterWriter, isLastAttempt } from './queues/dead-letter';
import { QueueRegistry } from './queues/queue-registry';
import { queueCounts, WORKER_METRICS, type QueueCounts } from '@hazards/events/queue-metrics';
import { RecipientResolver } from './recipients/recipient.resolver';

export interface NotifierLogger {
  log(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export const DIGEST_SCHEDULER_ID = 'daily-digest';
export const FILING_REMINDER_SCHEDULER_ID = 'daily-filing-reminders';

/**
 * The notifier without Nest: the outbox relay, one BullMQ worker per queue, the daily digest
 * scheduler and the channels. The Nest module starts and stops it; tests may run it directly
 * against a Redis of their own.
 */
export class NotifierRuntime {
  readonly queues: QueueRegistry;
  readonly channels: ChannelRegistry;
  readonly relay: OutboxRelay;
  readonly digests: DigestRunner;
  readonly deliveries: DeliveryConsumer;
  /** Prometheus series (served on METRICS_PORT by the Nest service). */
  readonly telemetry: NotifierMetrics;
  private readonly producer: Redis;
  private readonly workerConnection: Redis;
  private readonly workers: Worker[] = [];
  private readonly reminders: ReminderConsumer;
  private readonly notices: ImmediateNoticeConsumer;
  private readonly filingReminders: FilingReminderConsumer;
  private readonly deadLetters: DeadLetterWriter;
  private metricsTimer?: NodeJS.Timeout;

  constructor(
    private readonly ds: DataSource,
    private readonly settings: NotifierSettings,
    private readonly log: NotifierLogger = console,
  ) {
    // Producer commands fail after a couple of reconnect attempts instead of waiting forever, so
    // the relay's transaction rolls back (rows stay unpublished) while Redis is away.
    this.producer = createRedis(settings.redisUrl, { maxRetriesPerRequest: 2 });
    this.workerConnection = createRedis(settings.redisUrl);
    for (const c of [this.producer, this.workerConnection]) c.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    this.queues = new QueueRegistry(this.producer, settings);
    for (const q of this.queues.all()) q.on('error', (e) => this.log.warn(`queue ${q.name}: ${e.message}`));
    this.channels = new ChannelRegistry(settings);
    this.telemetry = new NotifierMetrics(ds, () => this.queues.all(), this.producer, settings.queuePrefix);
    const recipients = new RecipientResolver(ds);
    const preferences = new ChannelPreferenceResolver(ds);
    const store = new MessageStore(ds, this.queues, this.channels, this.telemetry);
    this.reminders = new ReminderConsumer(ds, recipients);
    this.notices = new ImmediateNoticeConsumer(
      ds,
      recipients,
      preferences,
      store,
      new AccountabilityRecordWriter(),
      settings.publicBaseUrl,
      this.telemetry,
    );
    this.filingReminders = new FilingReminderConsumer(ds, recipients, preferences, store, settings.publicBaseUrl);
    this.digests = new DigestRunner(ds, recipients, preferences, store, settings.publicBaseUrl, settings.relayHazardPrefix ?? null);
    this.deliveries = new DeliveryConsumer(ds, this.channels, this.telemetry);
    this.deadLetters = new DeadLetterWriter(ds, this.queues);
    this.relay = new OutboxRelay(ds, this.queues, {
      intervalMs: settings.relayIntervalMs,
      hazardPrefix: settings.relayHazardPrefix,
      log: this.log,
    });
  }

  async start(): Promise<void> {
    this.workers.push(
      this.worker(QUEUE_NAMES.reminders, 2, async (job) => {
        if (job.name === JOB_NAMES.digestRun) {
          const data = job.data as DigestRunJobData;
          return this.digests.run(data.digestDate ?? shanghaiDate(job.processedOn ?? Date.now()));
        }
        if (job.name === JOB_NAMES.filingRemindersRun) return remindMissingFilings(this.ds, shanghaiDate(job.processedOn ?? Date.now()));
        const event = job.data as DomainEvent;
        return event.type === 'filing.missing' ? this.filingReminders.process(event) : this.reminders.process(event);
      }),
      this.worker(QUEUE_NAMES.escalations, 4, (job) => this.notices.process(QUEUE_NAMES.escalations, job.data as DomainEvent)),
      this.worker(QUEUE_NAMES.accountability, 2, (job) => this.notices.process(QUEUE_NAMES.accountability, job.data as DomainEvent)),
      this.worker(
        QUEUE_NAMES.notifications,
        this.settings.concurrency,
        (job) => this.deliveries.process((job.data as DeliverJobData).deliveryKey),
        async (job, err) => {
          await this.deliveries.markDead((job.data as DeliverJobData).deliveryKey, err instanceof Error ? err.message : String(err));
        },
      ),
    );
    if (this.settings.scheduleDigests) await this.scheduleDigests();
    if (this.settings.relay) this.relay.start();
    this.metricsTimer = setInterval(() => {
      this.metrics()
        .then((m) =>
          this.log.log(
            `queues ${m.map((c) => `${c.queue}: wait ${c.waiting} active ${c.active} delayed ${c.delayed} done ${c.completed} failed ${c.failed}`).join('; ')}`,
          ),
        )
        .catch(() => undefined);
    }, 60_000);
    this.metricsTimer.unref();
  }

  /**
   * Daily at DIGEST_HOUR:00 Asia/Shanghai: the reminder digest, and the check for missing
   * statistics filings (统计报送提醒). Both are BullMQ job schedulers under fixed ids: every
   * notifier upserts the same two, and BullMQ makes one job per scheduler and day whatever the
   * number of notifiers, which one of them processes. (The runs are idempotent as well: a digest
   * per recipient and day, a filing reminder per enterprise and period.)
   */
  async scheduleDigests(): Promise<void> {
    const reminders = this.queues.get(QUEUE_NAMES.reminders);
    const daily = { pattern: `0 ${this.settings.digestHour} * * *`, tz: 'Asia/Shanghai' };
    await reminders.upsertJobScheduler(DIGEST_SCHEDULER_ID, daily, { name: JOB_NAMES.digestRun, data: {} satisfies DigestRunJobData });
    await reminders.upsertJobScheduler(FILING_REMINDER_SCHEDULER_ID, daily, { name: JOB_NAMES.filingRemindersRun, data: {} });
  }

  metrics(): Promise<QueueCounts[]> {
    return queueCounts(this.queues.all());
  }

  private worker(
    queue: QueueName,
    concurrency: number,
    fn: (job: Job) => Promise<unknown>,
    onDead?: (job: Job, err: unknown) => Promise<void>,
  ): Worker {
    const w = new Worker(
      queue,
      async (job) => {
        try {
          return await fn(job);
        } catch (err) {
          // Before BullMQ marks the last attempt failed: copy it to the dead-letter queue.
          if (isLastAttempt(job)) {
            this.telemetry.deadLettered(queue);
            await onDead?.(job, err).catch((e) => this.log.error(`dead delivery: ${e}`));
            await this.deadLetters.write(queue, job, err).catch((e) => this.log.error(`dead-letter write failed: ${e}`));
          }
          throw err;
        }
      },
      {
        connection: this.workerConnection,
        prefix: this.settings.queuePrefix,
        concurrency,
        lockDuration: this.settings.lockMs,
        stalledInterval: this.settings.lockMs,
        maxStalledCount: 5,
        metrics: WORKER_METRICS,
      },
    );
    w.on('error', (e) => this.log.warn(`worker ${queue}: ${e.message}`));
    w.on('failed', (job, err) => {
      this.telemetry.jobFailed(queue);
      this.log.warn(`${queue} job ${job?.id} attempt ${job?.attemptsMade} failed: ${err.message}`);
    });
    return w;
  }

  async stop(): Promise<void> {
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    await this.relay.stop();
    await Promise.all(this.workers.map((w) => w.close()));
    await this.queues.close();
    await this.channels.close();
    this.producer.disconnect();
    this.workerConnection.disconnect();
  }
}
