import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AccountabilityModule } from '../../apps/api/src/accountability/accountability.module';
import { ApiModule } from '../../apps/api/src/app.module';
import { NotificationsModule } from '../../apps/api/src/notifications/notifications.module';
import { QueueBoardModule } from '../../apps/api/src/queue-board/queue-board.module';
import { JOB_NAMES, QUEUE_NAMES } from '@hazards/events/queues';
import type { NotifierRuntime } from '../../apps/notifier/src/notifier-runtime';
import { HazardScript, inDays, tracePayload, type World } from '@hazards/testing/fixtures/notification-world';
import { startNotificationContext, type NotificationContext } from '@hazards/testing/notifier/notification-context';
import { waitFor } from '@hazards/testing/polling';
import { SmtpReceiver } from '@hazards/testing/receivers/smtp-receiver';

/** The lead wires these into ApiModule; until then the test composes them around it. */
@Module({ imports: [ApiModule, NotificationsModule, AccountabilityModule, QueueBoardModule] })
class NotificationsApiTestModule {}

/**
 * Through the real API: the inbox (unread count, mark read), 责任倒查 records for supervisors
 * (written by the notifier from a real accountability.traced outbox event), and bull-board
 * behind admin login.
 */
describe('notifications API', () => {
  const tag = 'napi';
  let ctx: NotificationContext;
  let ds: DataSource;
  let w: World;
  let smtp: SmtpReceiver;
  let notifier: NotifierRuntime;
  let app: INestApplication;
  let base: string;
  const tokens: Record<string, string> = {};

  const call = async (method: string, path: string, who?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...headers },
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };

  beforeAll(async () => {
    ctx = await startNotificationContext(tag);
    ({ ds, w, smtp, notifier } = ctx);
    app = await NestFactory.create(NotificationsApiTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    for (const [key, p] of Object.entries(w.u)) {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: p.username, password: 'Test@2026' }),
      });
      tokens[key] = ((await res.json()) as { accessToken: string }).accessToken;
    }

    // A lifecycle with a reminder digest, an escalation and 责任倒查 (accident during rectification: 从重).
    const hz = new HazardScript(ds, `${tag}-hz1`, {
      enterpriseId: w.e1.id,
      path: [w.j.city, w.j.county, w.j.township, w.j.grid],
      description: '喷漆房通风设施停用',
    });
    await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(6) });
    const r = await hz.reminder(3);
    await waitFor(
      'reminder gathered',
      async () => (await ds.query(`select 1 from reminder_digest_items where event_id = $1`, [hz.eventId(r)])).length > 0,
    );
    await notifier.queues.get(QUEUE_NAMES.reminders).add(JOB_NAMES.digestRun, { digestDate: '2031-05-01' }, { jobId: `digest-${tag}` });
    await waitFor('digest mailed', () => smtp.to(w.u.supTownship.email!).length === 1);
    await hz.relistUp('county');
    await waitFor('escalation mailed', () => smtp.to(w.u.supTownship.email!).length === 2);
    await hz.step(
      'accident.linked',
      'rectifying',
      { heavierAccountability: true },
      [
        { type: 'hazard.accident_linked', payload: { accidentId: 'acc-1', heavier: true } },
        {
          type: 'accountability.traced',
          payload: tracePayload({ ...hz.snapshot, heavierAccountability: true }, 'accident_during_rectification', true, '设备部 经理 孙某'),
        },
      ],
      { userId: w.u.supCounty.id, role: 'supervisor' as never, name: '陈刚' },
    );
    await waitFor('accountability notice mailed', () => smtp.to(w.u.supCounty.email!).length === 2);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.stop();
  });

  it('lists my inbox with the unread count and marks messages read', async () => {
    const page = await call('GET', '/inbox', 'supTownship');
    expect(page.status).toBe(200);
    expect(page.json.unread).toBe(2);
    expect(page.json.items.map((i: { kind: string }) => i.kind)).toEqual(['escalation', 'reminder_digest']);
    expect(page.json.items[0].title).toContain('【隐患升级督办】');
    expect(page.json.items[0].link).toBe(`https://hazards.example.gov.cn/hazards/${tag}-hz1`);

    const id = page.json.items[0].id;
    expect((await call('POST', `/inbox/${id}/read`, 'supCounty')).status).toBe(404); // not yours
    const read = await call('POST', `/inbox/${id}/read`, 'supTownship');
    expect(read.status).toBe(200);
    expect(read.json.readAt).toBeTruthy();
    expect((await call('GET', '/inbox', 'supTownship')).json.unread).toBe(1);
    expect((await call('GET', '/inbox?unread=true', 'supTownship')).json.items).toHaveLength(1);
    expect((await call('POST', '/inbox/read-all', 'supTownship')).json).toEqual({ updated: 1 });
    expect((await call('GET', '/inbox', 'supTownship')).json.unread).toBe(0);
    expect((await call('GET', '/inbox')).status).toBe(401);
  });

  it('lets supervisors read 责任倒查 records of their subtree, with people and evidence', async () => {
    const list = await call('GET', `/accountability-records?hazardId=${tag}-hz1`, 'supCounty');
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(1);
    const rec = (await call('GET', `/accountability-records/${list.json[0].id}`, 'supCity')).json;
    expect(rec).toMatchObject({
      hazardId: `${tag}-hz1`,
      trigger: 'accident_during_rectification',
      heavier: true,
      enterpriseResponsible: {
        name: w.e1.name,
        principal: { name: '王建国' },
        safetyDirectors: [{ name: '孙丽' }],
        planResponsible: '设备部 经理 孙某',
      },
      departmentResponsible: {
        leadDepartment: { id: w.dept.id, name: w.dept.name },
        leadDepartmentStaff: [{ name: '周强' }],
        listingLevel: 'county',
      },
    });
    const kinds = new Set(rec.timeline.map((t: { kind: string }) => t.kind));
    expect([...kinds].sort()).toEqual(['due', 'notified', 'reminded', 'step']);
    // Who was reminded when: 张敏 by e-mail and inbox, from the day's digest.
    expect(
      rec.timeline
        .filter((t: { kind: string; who: string }) => t.kind === 'reminded' && t.who === '张敏')
        .map((t: { channel: string }) => t.channel)
        .sort(),
    ).toEqual(['email', 'inbox']);
    // Who did what: the accident link by 陈刚.
    expect(rec.timeline).toContainEqual(expect.objectContaining({ kind: 'step', what: 'accident.linked', who: '陈刚' }));
    // The notice says 从重.
    expect(smtp.to(w.u.supCounty.email!).map((m) => m.subject)).toContainEqual(expect.stringContaining('【责任倒查·从重追究】'));
    // Township supervisor sees it (hazard in his subtree); enterprise users and grid inspectors may not call it.
    expect((await call('GET', '/accountability-records', 'supTownship')).json.map((r: { hazardId: string }) => r.hazardId)).toContain(
      `${tag}-hz1`,
    );
    expect((await call('GET', '/accountability-records', 'entUser')).status).toBe(403);
    expect((await call('GET', '/accountability-records', 'gridInspector')).status).toBe(403);
    expect((await call('GET', '/accountability-records/999999999', 'supCounty')).status).toBe(404);
  });

  it('serves bull-board at /admin/queues to admins only', async () => {
    expect((await call('GET', '/admin/queues')).status).toBe(401);
    expect((await call('GET', '/admin/queues', 'supCity')).status).toBe(403);
    const page = await call('GET', '/admin/queues', 'admin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    // The browser session: a cookie for /admin/queues, then bull-board's own API answers.
    expect((await call('POST', '/admin/queue-board/session', 'supCity')).status).toBe(403);
    const session = await call('POST', '/admin/queue-board/session', 'admin');
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hz_admin_token=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    const api = await call('GET', '/admin/queues/api/queues', undefined, { cookie: cookie.split(';')[0] });
    expect(api.status).toBe(200);
    expect(api.json.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'accountability',
      'dead-letters',
      'escalations',
      'notifications',
      'reminders',
    ]);
    const metrics = await call('GET', '/admin/queue-metrics', 'admin');
    expect(metrics.status).toBe(200);
    expect(metrics.json).toHaveLength(5);
    expect((await call('GET', '/admin/queue-metrics', 'supCity')).status).toBe(403);
    expect((await call('GET', '/admin/dead-letters', 'admin')).status).toBe(200);
  });
});
