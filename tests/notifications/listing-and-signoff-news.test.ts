import type { DataSource } from 'typeorm';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { HazardScript, inDays, type World } from '@hazards/testing/fixtures/notification-world';
import { startNotificationContext, type NotificationContext } from '@hazards/testing/notifier/notification-context';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/*
 * 挂牌督办 and 销号摘牌 reach people (issue 18): the enterprise (its users and its 主要负责人) and
 * the lead department are told at once, each listing and sign-off in a message of its own; the
 * level above the listing level, which sees many of them, reads them in its next daily digest,
 * one e-mail for the day, however many there were.
 */
describe('listings and sign-offs reach the enterprise, the lead department and the level above', () => {
  const tag = 'nls';
  let ctx: NotificationContext;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let notifier: NotifierRuntime;

  beforeAll(async () => {
    ctx = await startNotificationContext(tag);
    ({ ds, w, smtp, notifier } = ctx);
  });
  afterAll(async () => ctx?.stop());

  const jinsha = () => [w.j.city, w.j.county, w.j.township, w.j.grid];
  const titles = (email: string | null) => smtp.to(email!).map((m) => m.subject);

  it('tells the enterprise and the department at once, and gives the county and the city one digest each for the day', async () => {
    const descriptions = ['液氨储罐区泄漏报警失效', '粉尘除尘系统未设泄爆装置', '有限空间作业未配备检测仪'];
    const township: HazardScript[] = [];
    for (const [i, d] of descriptions.entries()) {
      const hz = new HazardScript(ds, `${tag}-t${i}`, { enterpriseId: w.e1.id, path: jinsha(), description: d });
      await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(30), announce: true });
      township.push(hz);
    }
    // One of them is signed off and delisted.
    await township[0].step('closed', 'closed', { closedAt: new Date().toISOString() }, [
      { type: 'hazard.closed', payload: { closedAt: new Date().toISOString(), delisted: true, listingLevel: 'township' } },
    ]);
    // A county listing: the level above it is the city.
    const county = new HazardScript(ds, `${tag}-c0`, { enterpriseId: w.e1.id, path: jinsha(), description: '涉氨制冷车间未设置泄漏报警' });
    await county.reportAndList({
      level: 'county',
      leadDepartment: w.dept.id,
      deadline: inDays(30),
      authority: '通州区人民政府',
      announce: true,
    });

    // At once: the enterprise's user and principal, the department's staff and mailbox; one e-mail per listing and sign-off.
    for (const who of [w.u.entUser.email, w.e1.email, w.u.deptStaff.email, w.dept.email]) {
      await waitFor(`the notices to ${who}`, () => titles(who).length === 5);
      expect(titles(who).filter((t) => t.startsWith('【挂牌督办】'))).toHaveLength(4);
      expect(titles(who).filter((t) => t.startsWith('【销号摘牌】'))).toHaveLength(1);
    }
    expect(smtp.to(w.u.entUser.email!).find((m) => m.subject.includes(descriptions[1]))!.text).toContain('金沙街道办事处');
    // The level above hears nothing yet: its news waits for the digest.
    for (const who of [w.u.supCounty, w.u.supCity])
      await waitFor(`the news items of ${who.name}`, async () => {
        const [{ n }] = await ds.query(
          `select count(*)::int as n from reminder_digest_items where recipient_key = $1 and digest_id is null`,
          [`user:${who.id}`],
        );
        return n === (who === w.u.supCounty ? 4 : 1);
      });
    expect(titles(w.u.supCounty.email)).toEqual([]);
    expect(titles(w.u.supCity.email)).toEqual([]);

    // The day's digest: one e-mail to the county (three listings, one sign-off) and one to the city (the county listing).
    await notifier.queues.get(QUEUE_NAMES.reminders).add(JOB_NAMES.digestRun, { digestDate: '2031-06-02' }, { jobId: `digest-${tag}` });
    await waitFor('the county digest', () => titles(w.u.supCounty.email).length === 1);
    await waitFor('the city digest', () => titles(w.u.supCity.email).length === 1);
    const [countyMail] = smtp.to(w.u.supCounty.email!);
    expect(countyMail.subject).toContain('【隐患动态】2031-06-02 共4项');
    expect(countyMail.text).toContain('【挂牌督办】3项');
    expect(countyMail.text).toContain('【销号】1项');
    for (const d of descriptions) expect(countyMail.text).toContain(d);
    expect(countyMail.text).toContain('销号摘牌：液氨储罐区泄漏报警失效');
    expect(countyMail.text).toContain('Signed off (1):');
    const [cityMail] = smtp.to(w.u.supCity.email!);
    expect(cityMail.text).toContain('县(区)级挂牌督办：涉氨制冷车间未设置泄漏报警');
    expect(cityMail.text).not.toContain(descriptions[1]);
    // The township that listed them gets no digest of its own listings.
    expect(titles(w.u.supTownship.email)).toEqual([]);
    // A second run the same day sends nothing again.
    await notifier.queues
      .get(QUEUE_NAMES.reminders)
      .add(JOB_NAMES.digestRun, { digestDate: '2031-06-02' }, { jobId: `digest-${tag}-again` });
    await new Promise((r) => setTimeout(r, 1500));
    expect(titles(w.u.supCounty.email)).toHaveLength(1);
  });
});
