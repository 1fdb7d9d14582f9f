import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { QUEUE_NAMES, type DeadLetterJobData } from '@hazards/events/queues';
import { METRIC } from '@hazards/metrics';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { deliveryJobId } from '../../apps/notifier/src/messages/message.store';
import { QueueBoardService } from '../../apps/api/src/queue-board/queue-board.service';
import type { AppConfig } from '@hazards/config';
import { HttpReceiver } from '@hazards/testing/receivers/http-receiver';
import { HazardScript, inDays, setPreference, type World } from '@hazards/testing/fixtures/notification-world';
import { startNotificationContext, type NotificationContext } from '@hazards/testing/notifier/notification-context';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/**
 * A channel that keeps failing is retried with exponential backoff, then lands in the dead-letter
 * queue with its error (bull-board and PostgreSQL); the same message on other channels, and the
 * other recipients, are delivered as usual.
 */
describe('a failing channel', () => {
  const tag = 'nfc';
  let ctx: NotificationContext;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;
  let notifier: NotifierRuntime;
  const queuePrefix = `t-${tag}-${Date.now()}`;

  beforeAll(async () => {
    ctx = await startNotificationContext(tag, { backoffBaseMs: 400, sendAttempts: 4, queuePrefix }, async ({ ds, w, http }) => {
      http.dingTalkSecrets.set('tz-robot', 'the-real-secret');
      await setPreference(ds, 'user', w.u.supCounty.id, 'webhook', true, { url: http.url('/failing/county-system'), secret: 's' });
      // Configured with the wrong secret: DingTalk answers 200 with errcode 310000.
      await setPreference(ds, 'user', w.u.supCounty.id, 'dingtalk', true, {
        url: http.url('/dingtalk/robot/send?access_token=tz-robot'),
        secret: 'a-wrong-secret',
      });
    });
    ({ ds, w, smtp, http, notifier } = ctx);
  });
  afterAll(async () => ctx?.stop());

  /** A township listing relisted to the county: its escalation goes to every channel of each recipient. */
  async function listedThenRelisted(hazardId: string, description: string): Promise<void> {
    const hz = new HazardScript(ds, hazardId, { enterpriseId: w.e1.id, path: [w.j.city, w.j.county, w.j.township, w.j.grid], description });
    await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(3) });
    await hz.relistUp('county');
  }

  it('retries with backoff, dead-letters with the error, and leaves other channels unaffected', async () => {
    await listedThenRelisted(`${tag}-hz1`, '液氨储罐安全阀未校验');

    const dlq = notifier.queues.get(QUEUE_NAMES.deadLetters);
    await waitFor('two dead letters', async () => (await dlq.getJobCounts('waiting')).waiting === 2, 30_000);

    // Four attempts at the failing webhook, each wait twice the one before (400, 800, 1600 ms).
    const hits = http.of('failing');
    expect(hits).toHaveLength(4);
    const gaps = hits.slice(1).map((h, i) => h.at - hits[i].at);
    // Each wait is at least its nominal delay, which doubles: a fixed backoff of 400 ms would fail
    // the second and third bounds. Only lower bounds, because a loaded machine's scheduling adds
    // to any wait (the first gap reached 4.2 s under load, so comparing gaps with each other flaked).
    expect(gaps[0]).toBeGreaterThanOrEqual(0.95 * 400);
    expect(gaps[1]).toBeGreaterThanOrEqual(0.95 * 800);
    expect(gaps[2]).toBeGreaterThanOrEqual(0.95 * 1600);
    // The robot was asked four times too and refused the signature each time.
    expect(http.of('dingtalk')).toHaveLength(4);
    expect(http.of('dingtalk').every((r) => !r.signatureOk)).toBe(true);

    // Dead letters carry the queue, the job and the far side's answer.
    const letters = (await dlq.getJobs(['waiting'])) as Job<DeadLetterJobData>[];
    const byChannel = Object.fromEntries(letters.map((l) => [l.data.jobId.endsWith('webhook') ? 'webhook' : 'dingtalk', l.data]));
    expect(byChannel.webhook).toMatchObject({
      queue: 'notifications',
      attemptsMade: 4,
      error: expect.stringContaining('[webhook] HTTP 503'),
    });
    expect(byChannel.dingtalk).toMatchObject({
      queue: 'notifications',
      attemptsMade: 4,
      error: expect.stringContaining('errcode=310000 errmsg=sign not match'),
    });
    const pg = await ds.query(`select queue, error, attempts_made from notification_dead_letters where job_id like $1 order by error`, [
      `%${tag}-hz1%`,
    ]);
    expect(pg).toEqual([
      { queue: 'notifications', error: expect.stringContaining('[dingtalk] errcode=310000'), attempts_made: 4 },
      { queue: 'notifications', error: expect.stringContaining('[webhook] HTTP 503'), attempts_made: 4 },
    ]);
    const statuses = await ds.query(
      `select d.channel, d.status, d.attempts, d.last_error from notification_deliveries d join notification_messages m on m.id = d.message_id
        where m.hazard_id = $1 and m.recipient_key = $2 order by d.channel`,
      [`${tag}-hz1`, `user:${w.u.supCounty.id}`],
    );
    expect(statuses).toEqual([
      { channel: 'dingtalk', status: 'dead', attempts: 4, last_error: expect.stringContaining('310000') },
      { channel: 'email', status: 'sent', attempts: 1, last_error: null },
      { channel: 'inbox', status: 'sent', attempts: 1, last_error: null },
      { channel: 'webhook', status: 'dead', attempts: 4, last_error: expect.stringContaining('HTTP 503') },
    ]);
    // BullMQ keeps the failed jobs (bull-board's "failed" tab) with the reason.
    const failed = await notifier.queues.get(QUEUE_NAMES.notifications).getFailed();
    expect(failed.map((j) => j.failedReason).sort()).toEqual([expect.stringContaining('310000'), expect.stringContaining('HTTP 503')]);

    // The same message on e-mail and inbox, and everyone else's messages, went out once.
    expect(smtp.to(w.u.supCounty.email!)).toHaveLength(1);
    for (const addr of [w.u.supTownship.email!, w.u.entUser.email!, w.e1.email, w.dept.email]) expect(smtp.to(addr)).toHaveLength(1);

    // Metrics per queue.
    const metrics = Object.fromEntries((await notifier.metrics()).map((m) => [m.queue, m]));
    expect(metrics.notifications.failed).toBe(2);
    // The inbox is written in the transaction that consumed the event: only the other channels are jobs.
    const [{ n: queuedSent }] = await ds.query(
      `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id
        where m.hazard_id like $1 and d.channel <> 'inbox' and d.status = 'sent'`,
      [`${tag}-%`],
    );
    expect(queuedSent).toBeGreaterThanOrEqual(4);
    expect(metrics.notifications.completed).toBeGreaterThanOrEqual(queuedSent);
    const jobs = await notifier.queues.get(QUEUE_NAMES.notifications).getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    expect(jobs.filter((j) => String(j.data.deliveryKey).endsWith('|inbox'))).toEqual([]);
    expect(metrics['dead-letters'].waiting).toBe(2);
    expect(metrics.escalations.completed).toBe(1);
  });

  it('an admin re-sends a dead letter once the far side is fixed: the same delivery, sent once more, counted and attributed', async () => {
    const [letter] = await ds.query(
      `select id::text, job_id from notification_dead_letters where job_id like $1 and error like '%310000%'`,
      [`%${tag}-hz1%`],
    );
    // The robot is told the secret the sender uses: its next request is accepted.
    http.dingTalkSecrets.set('tz-robot', 'a-wrong-secret');
    const config = {
      get: (k: string) => (({ REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: queuePrefix }) as Record<string, unknown>)[k],
    } as unknown as AppConfig;
    const board = new QueueBoardService(config, ds);
    try {
      const resent = await board.resend(letter.id, 'admin-of-the-test');
      expect(resent).toMatchObject({ id: letter.id, jobId: letter.job_id, resendCount: 1, previousState: 'failed' });
      await waitFor('the re-sent robot message', async () => http.of('dingtalk').length === 5, 30_000);
      expect(http.of('dingtalk').at(-1)!.signatureOk).toBe(true);
      // The receiver records a request before it answers; the notifier writes the outcome after
      // it reads the answer, so wait for the delivery to leave 'sending' before judging it.
      const robotDelivery = async () =>
        (
          await ds.query(
            `select d.status, d.delivery_key from notification_deliveries d join notification_messages m on m.id = d.message_id where m.hazard_id = $1 and m.recipient_key = $2 and d.channel = 'dingtalk'`,
            [`${tag}-hz1`, `user:${w.u.supCounty.id}`],
          )
        )[0];
      await waitFor('the re-sent delivery settled', async () => (await robotDelivery()).status !== 'sending', 30_000);
      const delivery = await robotDelivery();
      expect(delivery.status).toBe('sent');
      expect(letter.job_id).toBe(deliveryJobId(delivery.delivery_key));
      const [row] = await ds.query('select resend_count, resent_by from notification_dead_letters where id = $1', [letter.id]);
      expect(row).toEqual({ resend_count: 1, resent_by: 'admin-of-the-test' });
      await expect(board.resend('987654321', 'admin-of-the-test')).rejects.toMatchObject({ status: 404 });
    } finally {
      await board.onApplicationShutdown();
    }
  });

  // Last: its escalation also reaches the failing channels, which the tests above count.
  it('writes the inbox in the transaction that consumed the event: sent once, no job on the queue, counted by channel', async () => {
    const inboxSent = async () =>
      (
        (await notifier.telemetry.registry.getSingleMetric(METRIC.notificationsSent)!.get()).values as {
          value: number;
          labels: { channel?: string };
        }[]
      )
        .filter((v) => v.labels.channel === 'inbox')
        .reduce((n, v) => n + v.value, 0);
    const before = await inboxSent();
    await listedThenRelisted(`${tag}-hz2`, '配电室挡鼠板缺失');
    const inboxDeliveries = () =>
      ds.query(
        `select d.delivery_key, d.status, d.attempts from notification_deliveries d join notification_messages m on m.id = d.message_id
          where m.hazard_id = $1 and d.channel = 'inbox' order by d.delivery_key`,
        [`${tag}-hz2`],
      ) as Promise<{ delivery_key: string; status: string; attempts: number }[]>;
    await waitFor(
      'the escalation consumed',
      async () => (await inboxDeliveries()).some((d) => d.delivery_key.includes('escalation')),
      30_000,
    );
    const deliveries = await inboxDeliveries();
    // Written as sent, one attempt, each with exactly one inbox row under its key.
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(deliveries.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    const rows = await ds.query(`select delivery_key from inbox_messages where hazard_id = $1 order by delivery_key`, [`${tag}-hz2`]);
    expect(rows.map((r: { delivery_key: string }) => r.delivery_key)).toEqual(deliveries.map((d) => d.delivery_key));
    const jobs = await notifier.queues.get(QUEUE_NAMES.notifications).getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    expect(jobs.filter((j) => String(j.data.deliveryKey).includes(`${tag}-hz2`) && String(j.data.deliveryKey).endsWith('|inbox'))).toEqual(
      [],
    );
    expect((await inboxSent()) - before).toBe(deliveries.length);
  });
});
