import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import { createRedis } from '@hazards/events/redis-connection';
import { missingFilings } from '@hazards/persistence/filings/missing-filings';
import { buildNotifier, NotifierProcess } from '@hazards/testing/notifier/notifier-process';
import { openDataSource, seedWorld, type World } from '@hazards/testing/fixtures/notification-world';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/*
 * 统计报送提醒 with two real notifier processes (dist/apps/notifier), as a scaled deployment runs
 * them: both register the daily schedule, yet each day's check runs once, in one of them. The day
 * is brought forward by promoting the scheduled job (BullMQ's job scheduler makes the next one as
 * the day's starts). Each enterprise's people are told once per missing period; the township
 * above them reads all of its enterprises in one digest (an empty township's post goes to the county).
 */
describe('the daily filing check with two notifier processes', () => {
  const tag = 'n2p';
  const queuePrefix = `t-${tag}-${randomUUID().slice(0, 8)}`;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let reminders: Queue;
  let redis: Redis;
  const processes: NotifierProcess[] = [];

  beforeAll(async () => {
    buildNotifier();
    ds = await openDataSource();
    w = await seedWorld(ds, tag);
    // Registered at the start of last year: they owe every period since.
    await ds.query(`update enterprises set created_at = date_trunc('year', now()) - interval '1 year' where id = any($1)`, [
      [w.e1.id, w.e2.id],
    ]);
    smtp = new SmtpReceiver();
    await smtp.start();
    for (let i = 0; i < 2; i++) {
      const p = new NotifierProcess(
        {
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          SMTP_URL: smtp.url,
          PUBLIC_BASE_URL: 'https://hazards.example.gov.cn',
          QUEUE_PREFIX: queuePrefix,
          DIGEST_HOUR: '9',
          NOTIFIER_RELAY_HAZARD_PREFIX: `enterprise:${tag}-`,
          NOTIFIER_RELAY_INTERVAL_MS: '100',
          NOTIFIER_BACKOFF_BASE_MS: '200',
        },
        join(tmpdir(), `notifier-${tag}-${i}-${process.pid}.log`),
      );
      processes.push(p);
    }
    await Promise.all(processes.map((p) => p.start()));
    redis = createRedis(process.env.REDIS_URL!);
    reminders = new Queue(QUEUE_NAMES.reminders, { connection: redis, prefix: queuePrefix });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await reminders?.close();
    redis?.disconnect();
    await smtp?.stop();
    await ds?.destroy();
  });

  const scheduled = async (name: string) => (await reminders.getDelayed()).filter((j) => j.name === name);
  const ran = async (name: string) => (await reminders.getCompleted()).filter((j) => j.name === name);
  /** Brings the day's scheduled run forward, and waits until it has run and the next day's is scheduled. */
  const runToday = async (name: string): Promise<Job> => {
    const [today] = await scheduled(name);
    await today.promote();
    await waitFor(`the ${name} run`, async () => (await ran(name)).some((j) => j.id === today.id));
    await waitFor(`the next ${name}`, async () => (await scheduled(name)).length === 1);
    return today;
  };

  it("runs each day's filing check once, tells each enterprise once per period, and the level above in one digest", async () => {
    // Both processes upserted the same two schedulers: one job a day each.
    expect((await reminders.getJobSchedulers()).map((s) => s.key).sort()).toEqual(['daily-digest', 'daily-filing-reminders']);
    expect(await scheduled(JOB_NAMES.filingRemindersRun)).toHaveLength(1);

    // Day one: one run, in one of the two processes.
    const day1 = await runToday(JOB_NAMES.filingRemindersRun);
    expect(await ran(JOB_NAMES.filingRemindersRun)).toHaveLength(1);
    const asOf = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const owed = (await missingFilings(ds, `/${w.j.city}/`, asOf)).filter((f) => [w.e1.id, w.e2.id].includes(f.enterpriseId));
    const periods = (id: string) => owed.filter((f) => f.enterpriseId === id).map((f) => f.period);
    expect(periods(w.e1.id).length).toBeGreaterThan(0);
    // The enterprise's user and principal: one e-mail per missing period.
    for (const who of [w.u.entUser.email!, w.e1.email])
      await waitFor(`the reminders to ${who}`, () => smtp.to(who).length === periods(w.e1.id).length);
    await waitFor('the reminders to 西亭精细化工', () => smtp.to(w.e2.email).length === periods(w.e2.id).length);

    // Day two: the check runs once more (once), and nobody is told again of the same periods.
    const day2 = await runToday(JOB_NAMES.filingRemindersRun);
    expect(day2.id).not.toBe(day1.id);
    expect(await ran(JOB_NAMES.filingRemindersRun)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(w.u.entUser.email!)).toHaveLength(periods(w.e1.id).length);
    expect(smtp.to(w.e2.email)).toHaveLength(periods(w.e2.id).length);

    // The digest: 金沙街道's supervisor reads 恒通机械's missing periods in one e-mail; 西亭镇's post is empty, so the county reads 西亭精细化工's.
    expect(smtp.to(w.u.supTownship.email!)).toHaveLength(0);
    await runToday(JOB_NAMES.digestRun);
    await waitFor('the township digest', () => smtp.to(w.u.supTownship.email!).length === 1);
    await waitFor('the county digest', () => smtp.to(w.u.supCounty.email!).length === 1);
    const township = smtp.to(w.u.supTownship.email!)[0];
    expect(township.text).toContain(`【未按期报送统计】${periods(w.e1.id).length}项`);
    for (const p of periods(w.e1.id)) expect(township.text).toContain(p);
    expect(township.text).toContain('南通恒通机械有限公司');
    expect(township.text).not.toContain('西亭精细化工有限公司');
    expect(smtp.to(w.u.supCounty.email!)[0].text).toContain('西亭精细化工有限公司');
  });
});
