import type { DataSource } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { zhDateTime } from '../../apps/notifier/src/messages/shanghai-time';
import { HttpReceiver } from '@hazards/testing/receivers/http-receiver';
import { HazardScript, inDays, setPreference, type World } from '@hazards/testing/fixtures/notification-world';
import { startNotificationContext, type NotificationContext } from '@hazards/testing/notifier/notification-context';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/**
 * A listed hazard crosses two rectification reminders (two daily digests) and one overdue
 * escalation (升级挂牌 township → county). The steps are written with the real HazardStepRecorder
 * (the worker's recordStep activity), so the outbox rows are exactly what a workflow produces;
 * the relay, queues, consumers and channels are the real ones against Redis, PostgreSQL, an SMTP
 * server and an HTTP receiver. Every recipient must get exactly the expected messages.
 */
describe('notifications across a hazard lifecycle', () => {
  const tag = 'nlc';
  let ctx: NotificationContext;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;
  let notifier: NotifierRuntime;
  const deadline = inDays(10);
  const description = '3号罐区可燃气体报警器失效';
  const DING_SECRET = 'SECa1b2c3d4e5f6-test-secret';
  const HOOK_SECRET = 'county-system-hmac-secret';

  beforeAll(async () => {
    ctx = await startNotificationContext(tag, {}, async ({ ds, w, http }) => {
      http.dingTalkSecrets.set('tz-robot', DING_SECRET);
      http.webhookSecrets.set('county-system', HOOK_SECRET);
      // The county's DingTalk group robot, configured once for the county but off by default;
      // the county supervisor switches it on for himself (target merged from the county row).
      await setPreference(ds, 'jurisdiction', w.j.county, 'dingtalk', false, {
        url: http.url('/dingtalk/robot/send?access_token=tz-robot'),
        secret: DING_SECRET,
      });
      await setPreference(ds, 'user', w.u.supCounty.id, 'dingtalk', true);
      await setPreference(ds, 'user', w.u.supCounty.id, 'webhook', true, { url: http.url('/webhook/county-system'), secret: HOOK_SECRET });
      await setPreference(ds, 'user', w.u.entUser.id, 'wecom', true, { url: http.url('/wecom/cgi-bin/webhook/send?key=e1-key') });
      await setPreference(ds, 'user', w.u.gridInspector.id, 'email', false);
    });
    ({ ds, w, smtp, http, notifier } = ctx);
  });
  afterAll(async () => ctx?.stop());

  // Only this file's people: other test files share the database.
  const sentCount = async () =>
    Number(
      (
        await ds.query(
          `select count(*)::int as n from notification_deliveries d join notification_messages m on m.id = d.message_id
      where d.status = 'sent' and m.recipient_key = any($1::text[])`,
          [[...Object.values(w.u).map((p) => `user:${p.id}`), `principal:${w.e1.id}`, `department:${w.dept.id}`]],
        )
      )[0].n,
    );
  const runDigest = async (digestDate: string) => {
    await notifier.queues.get(QUEUE_NAMES.reminders).add(JOB_NAMES.digestRun, { digestDate }, { jobId: `digest-${tag}-${digestDate}` });
  };
  const itemsOf = async (eventId: string) =>
    Number((await ds.query(`select count(*)::int as n from reminder_digest_items where event_id = $1`, [eventId]))[0].n);

  it('delivers two digests and one escalation to each recipient, on their channels, in zh-CN', async () => {
    const hz = new HazardScript(ds, `${tag}-hz1`, {
      enterpriseId: w.e1.id,
      path: [w.j.city, w.j.county, w.j.township, w.j.grid],
      description,
    });
    await hz.reportAndList({ level: 'township', leadDepartment: w.dept.name, deadline });

    // Reminder 1 → day-1 digest.
    const r1 = await hz.reminder(5);
    await waitFor('reminder 1 gathered', async () => (await itemsOf(hz.eventId(r1))) === 6);
    await runDigest('2031-03-01');
    // 6 digest recipients: inbox 4 (sun, zhao, zhang, zhou) + email 5 (sun, wang, zhang, zhou, yjj) + wecom 1 = 10 deliveries.
    await waitFor('day-1 digests sent', async () => (await sentCount()) === 10);

    // Reminder 2 → day-2 digest; a second run of day 1 sends nothing more.
    const r2 = await hz.reminder(1);
    await waitFor('reminder 2 gathered', async () => (await itemsOf(hz.eventId(r2))) === 6);
    await runDigest('2031-03-01-again'.slice(0, 10));
    await runDigest('2031-03-02');
    await waitFor('day-2 digests sent', async () => (await sentCount()) === 20);

    // Escalation: sent at once to enterprise, township, county (newly listed), lead department.
    await hz.relistUp('county');
    // + sun(inbox,email,wecom) wang(email) zhang(inbox,email) chen(inbox,email,dingtalk,webhook) zhou(inbox,email) yjj(email) = 13
    await waitFor('escalation sent', async () => (await sentCount()) === 33);
    await new Promise((r) => setTimeout(r, 500)); // anything extra would arrive now

    // ---- e-mail, counted at the SMTP server ----
    const subjects = (addr: string) => smtp.to(addr).map((m) => m.subject.split(' / ')[0].replace(/\d{4}-\d{2}-\d{2}/, 'DATE'));
    const digestSubject = '【隐患整改提醒】DATE 您有1项隐患期限临近';
    const escSubject = `【隐患升级督办】${w.e1.name}：${description}`;
    expect(subjects(w.u.entUser.email!)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(subjects(w.e1.email)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(subjects(w.u.supTownship.email!)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(subjects(w.u.deptStaff.email!)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(subjects(w.dept.email)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(subjects(w.u.supCounty.email!)).toEqual([escSubject]);
    expect(smtp.to(w.u.gridInspector.email!)).toHaveLength(0); // e-mail switched off: inbox only
    expect(smtp.to(w.u.supCity.email!)).toHaveLength(0);
    expect(smtp.mails).toHaveLength(16);

    // zh-CN first, with hazard, enterprise, deadline in Beijing time and the link; English after.
    const esc = smtp.to(w.u.supCounty.email!)[0];
    const link = `https://hazards.example.gov.cn/hazards/${tag}-hz1`;
    expect(esc.text).toContain(`隐患：${description}`);
    expect(esc.text).toContain(`企业：${w.e1.name}`);
    expect(esc.text).toContain(`整改期限：${zhDateTime(deadline)}`);
    expect(esc.text).toContain('逾期第1级：升级挂牌督办（提级至县(区)）');
    expect(esc.text).toContain(link);
    expect(esc.text.indexOf('隐患：')).toBeLessThan(esc.text.indexOf('Hazard:'));
    expect(esc.html).toContain(`<a href="${link}">`);
    const digest1 = smtp.to(w.e1.email)[0];
    expect(digest1.text).toContain(`王建国（企业主要负责人）`);
    expect(digest1.text).toContain(`1. ${description}｜${w.e1.name}｜整改期限：${zhDateTime(deadline)}`);
    expect(digest1.text).toContain(link);
    // Day 2 lists the second reminder only: nobody gets the same reminder twice.
    const dates = smtp
      .to(w.e1.email)
      .slice(0, 2)
      .map((m) => m.subject.match(/\d{4}-\d{2}-\d{2}/)![0]);
    expect(dates).toEqual(['2031-03-01', '2031-03-02']);

    // ---- in-app inbox ----
    const inbox = async (userId: string) =>
      (await ds.query(`select title from inbox_messages where user_id = $1 order by id`, [userId])).map((r: { title: string }) =>
        r.title.split(' / ')[0].replace(/\d{4}-\d{2}-\d{2}/, 'DATE'),
      );
    expect(await inbox(w.u.entUser.id)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(await inbox(w.u.gridInspector.id)).toEqual([digestSubject, digestSubject]);
    expect(await inbox(w.u.supTownship.id)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(await inbox(w.u.supCounty.id)).toEqual([escSubject]);
    expect(await inbox(w.u.deptStaff.id)).toEqual([digestSubject, digestSubject, escSubject]);
    expect(await inbox(w.u.supCity.id)).toEqual([]);

    // ---- DingTalk robot: signed, markdown, @ the county supervisor ----
    const ding = http.of('dingtalk');
    expect(ding).toHaveLength(1);
    expect(ding[0].signatureOk).toBe(true);
    expect(ding[0].query.access_token).toBe('tz-robot');
    expect(ding[0].json).toMatchObject({
      msgtype: 'markdown',
      markdown: { title: expect.stringContaining('【隐患升级督办】') },
      at: { atMobiles: [w.u.supCounty.phone], isAtAll: false },
    });
    const dingText = (ding[0].json.markdown as { text: string }).text;
    expect(dingText).toContain(description);
    expect(dingText).toContain(w.e1.name);
    expect(dingText).toContain(zhDateTime(deadline));
    expect(dingText).toContain(`[查看详情 / Details](${link})`);
    expect(dingText).toContain(`@${w.u.supCounty.phone}`);

    // ---- WeCom robot: text with mentioned_mobile_list, for the enterprise's safety director ----
    const wecom = http.of('wecom');
    expect(wecom).toHaveLength(3);
    for (const r of wecom) {
      expect(r.query.key).toBe('e1-key');
      expect(r.json).toMatchObject({ msgtype: 'text', text: { mentioned_mobile_list: [w.u.entUser.phone] } });
      expect((r.json.text as { content: string }).content).toContain(description);
    }

    // ---- generic webhook: HMAC-SHA256 signature checked by the receiver ----
    const hooks = http.of('webhook');
    expect(hooks).toHaveLength(1);
    expect(hooks[0].signatureOk).toBe(true);
    expect(hooks[0].headers['x-hazard-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(hooks[0].json).toMatchObject({ kind: 'escalation', hazardId: `${tag}-hz1`, link, recipient: { name: w.u.supCounty.name } });
  });
});
