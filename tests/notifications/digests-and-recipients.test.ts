import type { DataSource } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import { DIGEST_SCHEDULER_ID, type NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { zhDateTime } from '../../apps/notifier/src/messages/shanghai-time';
import { HazardScript, inDays, type World } from '@hazards/testing/fixtures/notification-world';
import { startNotificationContext, type NotificationContext } from '@hazards/testing/notifier/notification-context';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/** Digests gather per recipient; empty posts fall back up the tree; delegates receive while someone is away. */
describe('digests and recipients', () => {
  const tag = 'ndr';
  let ctx: NotificationContext;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let notifier: NotifierRuntime;

  beforeAll(async () => {
    ctx = await startNotificationContext(tag, { scheduleDigests: true, digestHour: 9 });
    ({ ds, w, smtp, notifier } = ctx);
  });
  afterAll(async () => ctx?.stop());

  const jinsha = () => [w.j.city, w.j.county, w.j.township, w.j.grid];
  const xiting = () => [w.j.city, w.j.county, w.j.emptyTownship, w.j.emptyGrid];
  const openDeliveries = async () =>
    Number(
      (
        await ds.query(
          `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id
      where d.status <> 'sent' and m.recipient->>'key' in (select 'user:' || id from users where username like '${tag}-%')`,
        )
      )[0].n,
    );
  const settle = async (what: string) => {
    await new Promise((r) => setTimeout(r, 300));
    await waitFor(what, async () => (await openDeliveries()) === 0);
    await new Promise((r) => setTimeout(r, 300));
  };

  it('schedules the daily digest at the configured hour, Asia/Shanghai', async () => {
    const s = await notifier.queues.get(QUEUE_NAMES.reminders).getJobScheduler(DIGEST_SCHEDULER_ID);
    expect(s).toMatchObject({ pattern: '0 9 * * *', tz: 'Asia/Shanghai', name: JOB_NAMES.digestRun });
    const next = new Date(Number(s!.next));
    expect(new Date(next.getTime() + 8 * 3600_000).getUTCHours()).toBe(9);
    expect(next.getUTCMinutes()).toBe(0);
  });

  it('gives one supervisor one e-mail listing three hazards due', async () => {
    const descriptions = ['配电室绝缘垫缺失', '冲压机光电保护失效', '粉尘除尘器未接地'];
    const deadlines = [inDays(9), inDays(7), inDays(8)];
    const eventIds: string[] = [];
    for (const [i, d] of descriptions.entries()) {
      const hz = new HazardScript(ds, `${tag}-dg${i}`, { enterpriseId: w.e1.id, path: jinsha(), description: d });
      await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: deadlines[i] });
      eventIds.push(hz.eventId(await hz.reminder(3)));
    }
    await waitFor(
      'reminders gathered',
      async () =>
        Number(
          (
            await ds.query(`select count(*)::int as n from reminder_digest_items where event_id = any($1) and recipient_key = $2`, [
              eventIds,
              `user:${w.u.supTownship.id}`,
            ])
          )[0].n,
        ) === 3,
    );
    await notifier.queues.get(QUEUE_NAMES.reminders).add(JOB_NAMES.digestRun, { digestDate: '2031-04-01' }, { jobId: `digest-${tag}-1` });
    await waitFor('digest mailed', () => smtp.to(w.u.supTownship.email!).length >= 1);
    await settle('digest deliveries');
    const mails = smtp.to(w.u.supTownship.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【隐患整改提醒】2031-04-01 您有3项隐患期限临近 / 3 hazard deadline(s) approaching');
    // Listed soonest deadline first, each with enterprise, deadline (Beijing time) and link.
    const order = [1, 2, 0];
    order.forEach((h, n) => {
      expect(mails[0].text).toContain(`${n + 1}. ${descriptions[h]}｜${w.e1.name}｜整改期限：${zhDateTime(deadlines[h])}`);
      expect(mails[0].text).toContain(`https://hazards.example.gov.cn/hazards/${tag}-dg${h}`);
    });
    // The enterprise's 主要负责人 gets one digest with the same three.
    expect(smtp.to(w.e1.email)).toHaveLength(1);
    expect(smtp.to(w.e1.email)[0].text.match(/^\d\. .*｜/gm)).toHaveLength(3);
    // Running the same day again sends nothing: one digest per recipient per day.
    await notifier.queues.get(QUEUE_NAMES.reminders).add(JOB_NAMES.digestRun, { digestDate: '2031-04-01' }, { jobId: `digest-${tag}-1b` });
    await new Promise((r) => setTimeout(r, 800));
    await settle('second run');
    expect(smtp.to(w.u.supTownship.email!)).toHaveLength(1);
    // And the next day has nothing left: nobody gets the same reminder twice.
    await notifier.queues.get(QUEUE_NAMES.reminders).add(JOB_NAMES.digestRun, { digestDate: '2031-04-02' }, { jobId: `digest-${tag}-2` });
    await new Promise((r) => setTimeout(r, 800));
    await settle('next day');
    expect(smtp.to(w.u.supTownship.email!)).toHaveLength(1);
  });

  it('sends to the level above when a post is empty, never to nobody', async () => {
    // 西亭镇 has no township supervisor and its grid no inspector: the county (陈刚) receives.
    const hz = new HazardScript(ds, `${tag}-fb1`, { enterpriseId: w.e2.id, path: xiting(), description: '甲类仓库防爆灯具损坏' });
    await hz.reportAndList({ level: 'township', leadDepartment: '不存在的部门', deadline: inDays(5), authority: '西亭镇人民政府' });
    await hz.relistUp('county');
    await waitFor('fallback mailed', () => smtp.to(w.u.supCounty.email!).length >= 1);
    await settle('fallback deliveries');
    const mails = smtp.to(w.u.supCounty.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('甲类仓库防爆灯具损坏');
    expect(mails[0].text).toContain('镇(园区、街道)级岗位空缺，由县(区)接收');
    expect(smtp.to(w.e2.email)).toHaveLength(1); // the enterprise's 主要负责人 too
    // Nobody in 金沙 hears of 西亭's hazard.
    expect(smtp.to(w.u.supTownship.email!).filter((m) => m.text.includes('甲类仓库'))).toHaveLength(0);
  });

  it('sends to the delegate while someone is away, and to them again afterwards', async () => {
    const day = 86_400_000;
    await ds.query(`update users set delegate_user_id = $2, away_from = $3, away_until = $4 where id = $1`, [
      w.u.supTownship.id,
      w.u.deputy.id,
      new Date(Date.now() - day),
      new Date(Date.now() + day),
    ]);
    const before = smtp.to(w.u.supTownship.email!).length;
    const hz = new HazardScript(ds, `${tag}-dl1`, { enterpriseId: w.e1.id, path: jinsha(), description: '有限空间作业未检测' });
    await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(4) });
    await hz.relistUp('county');
    await waitFor('delegate mailed', () => smtp.to(w.u.deputy.email!).length >= 1);
    await settle('delegated deliveries');
    expect(smtp.to(w.u.supTownship.email!)).toHaveLength(before);
    const [mail] = smtp.to(w.u.deputy.email!);
    expect(mail.text).toContain('钱芳');
    expect(mail.text).toContain('张敏 外出期间由您代为接收');
    const inbox = await ds.query(`select user_id from inbox_messages where hazard_id = $1`, [`${tag}-dl1`]);
    expect(inbox.map((r: { user_id: string }) => r.user_id)).toContain(w.u.deputy.id);
    expect(inbox.map((r: { user_id: string }) => r.user_id)).not.toContain(w.u.supTownship.id);

    // The away range is over: 张敏 receives again, the delegate no more.
    await ds.query(`update users set away_from = $2, away_until = $3 where id = $1`, [
      w.u.supTownship.id,
      new Date(Date.now() - 3 * day),
      new Date(Date.now() - 2 * day),
    ]);
    const hz2 = new HazardScript(ds, `${tag}-dl2`, { enterpriseId: w.e1.id, path: jinsha(), description: '叉车未年检' });
    await hz2.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(4) });
    await hz2.relistUp('county');
    await waitFor('back from leave', () => smtp.to(w.u.supTownship.email!).length === before + 1);
    await settle('after leave');
    expect(smtp.to(w.u.deputy.email!)).toHaveLength(1);
  });
});
