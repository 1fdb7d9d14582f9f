import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DIGEST_SCHEDULER_ID, FILING_REMINDER_SCHEDULER_ID, type NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import { FILING_MISSING_EVENT, FILING_RULES_VERSION } from '@hazards/persistence/filings/missing-filings';
import { openDataSource, seedWorld, type World } from '@hazards/testing/fixtures/notification-world';
import { waitFor } from '@hazards/testing/polling';
import { startNotifier } from '@hazards/testing/notifier/notifier-runtime';

/*
 * 统计报送提醒: every day the notifiers check for enterprises whose quarterly or annual statistics
 * are overdue, and each such enterprise's people are told once. Two notifiers run side by side,
 * as in a scaled deployment: the daily schedule exists once, and each reminder reaches each
 * person once.
 */
describe('filing reminders with two notifiers', () => {
  const tag = `fr${randomUUID().slice(0, 6)}`;
  const queuePrefix = `t-${tag}`;
  let ds: DataSource;
  let w: World;
  const notifiers: NotifierRuntime[] = [];

  beforeAll(async () => {
    ds = await openDataSource();
    w = await seedWorld(ds, tag);
    for (let i = 0; i < 2; i++) {
      notifiers.push(
        await startNotifier(ds, { tag, queuePrefix, scheduleDigests: true, digestHour: 9, relayHazardPrefix: `enterprise:${tag}-` }),
      );
    }
  });

  afterAll(async () => {
    for (const n of notifiers) await n.stop();
    await ds.destroy();
  });

  it('keeps one daily digest schedule and one daily filing check, however many notifiers upsert them', async () => {
    const reminders = notifiers[0].queues.get(QUEUE_NAMES.reminders);
    const schedulers = await reminders.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([DIGEST_SCHEDULER_ID, FILING_REMINDER_SCHEDULER_ID].sort());
    expect(schedulers.every((s) => s.pattern === '0 9 * * *' && s.tz === 'Asia/Shanghai')).toBe(true);
    const next = await reminders.getDelayed();
    expect(next.filter((j) => j.name === JOB_NAMES.filingRemindersRun)).toHaveLength(1);
    expect(next.filter((j) => j.name === JOB_NAMES.digestRun)).toHaveLength(1);
  });

  it("tells the enterprise's users and its 主要负责人 once, even when the reminder is published twice", async () => {
    const eventId = `${FILING_MISSING_EVENT}:${w.e1.id}:2025-Q4`;
    const payload = {
      enterpriseId: w.e1.id,
      enterpriseName: w.e1.name,
      creditCode: 'x',
      gridId: w.j.grid,
      jurisdictionPath: `/${w.j.city}/`,
      principalName: w.e1.principal,
      period: '2025-Q4',
      periodKind: 'quarter',
      dueOn: '2026-01-15',
      asOf: '2026-02-01',
    };
    await ds.query(
      `insert into outbox_events (event_id, type, hazard_id, occurred_at, policy_version, payload) values ($1,$2,$3, now(), $4, $5)`,
      [eventId, FILING_MISSING_EVENT, `enterprise:${w.e1.id}`, FILING_RULES_VERSION, payload],
    );
    const messages = () =>
      ds.query(
        `select recipient_key, title, body from notification_messages where kind = 'filing_reminder' and event_id = $1 order by recipient_key`,
        [eventId],
      );
    await waitFor('the filing reminder messages', async () => (await messages()).length === 2);
    // Published again (a relay that died before marking it): nobody is told twice.
    await ds.query(`update outbox_events set published_at = null where event_id = $1`, [eventId]);
    await waitFor(
      'the second publication',
      async () => (await ds.query(`select published_at from outbox_events where event_id = $1`, [eventId]))[0].published_at !== null,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const sent = await messages();
    expect(sent.map((m: { recipient_key: string }) => m.recipient_key)).toEqual([`principal:${w.e1.id}`, `user:${w.u.entUser.id}`].sort());
    expect(sent[0].title).toContain('统计报送提醒');
    expect(sent[0].body).toContain('2025-Q4');
    expect(sent[0].body).toContain('2026-01-15');
    // 孙丽 reads it in her inbox.
    await waitFor(
      'the inbox delivery',
      async () =>
        (
          await ds.query(
            `select 1 from notification_deliveries d join notification_messages m on m.id = d.message_id where m.event_id = $1 and d.channel = 'inbox' and d.status = 'sent'`,
            [eventId],
          )
        ).length === 1,
    );
  });
});
