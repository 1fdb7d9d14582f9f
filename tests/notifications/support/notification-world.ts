import { DataSource } from 'typeorm';
import type { HazardSnapshot } from '../../../libs/domain/src/hazard/hazard-snapshot';
import type { HazardStatus } from '../../../libs/domain/src/hazard/hazard-status';
import type { DomainEventDraft } from '../../../libs/events/src/domain-event';
import { dataSourceOptions } from '../../../libs/persistence/src/data-source-options';
import { HazardStepRecorder } from '../../../libs/persistence/src/hazards/hazard-step.recorder';
import { seedDepartments, seedEnterprises, seedJurisdictions, seedUsers } from '../../../libs/persistence/src/seed/reference-data.seeder';

export async function openDataSource(): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 8));
  return ds.initialize();
}

/** Asia/Shanghai wall time → ISO instant. */
export const sh = (date: string, time = '17:00:00') => new Date(`${date}T${time}+08:00`).toISOString();
const DAY = 86_400_000;
export const inDays = (n: number, base = Date.now()) => new Date(base + n * DAY).toISOString();

export interface Person { id: string; username: string; name: string; email: string | null; phone: string | null }

/**
 * A small jurisdiction tree (南通市 → 通州区 → 金沙街道 → 两个网格; 西亭镇 whose township post is
 * empty), the county's 应急管理局 as lead department, two enterprises and the people. Every id
 * carries `tag`, so test files sharing the database never see each other's rows.
 */
export async function seedWorld(ds: DataSource, tag: string) {
  const j = {
    city: `${tag}-nt`, county: `${tag}-tz`, township: `${tag}-js`, grid: `${tag}-js-g1`, grid2: `${tag}-js-g2`,
    emptyTownship: `${tag}-xt`, emptyGrid: `${tag}-xt-g1`,
  };
  const dept = { id: `${tag}-tz-yjj`, name: `通州区应急管理局${tag}`, email: `yjj@${tag}.test` };
  const e1 = { id: `${tag}-e1`, name: '南通恒通机械有限公司', principal: '王建国', email: `wang@${tag}.test`, phone: '13800000001' };
  const e2 = { id: `${tag}-e2`, name: '西亭精细化工有限公司', principal: '李明', email: `li@${tag}.test`, phone: '13800000002' };
  await ds.transaction(async (m) => {
    await seedJurisdictions(m, [
      { id: j.city, name: '南通市', level: 'city', kind: '市' },
      { id: j.county, name: '通州区', level: 'county', kind: '区', parent: j.city },
      { id: j.township, name: '金沙街道', level: 'township', kind: '街道', parent: j.county },
      { id: j.grid, name: '金沙网格一', level: 'grid', kind: '网格', parent: j.township },
      { id: j.grid2, name: '金沙网格二', level: 'grid', kind: '网格', parent: j.township },
      { id: j.emptyTownship, name: '西亭镇', level: 'township', kind: '镇', parent: j.county },
      { id: j.emptyGrid, name: '西亭网格一', level: 'grid', kind: '网格', parent: j.emptyTownship },
    ]);
    await seedDepartments(m, [{ id: dept.id, name: dept.name, jurisdictionId: j.county, email: dept.email }]);
    await seedEnterprises(m, [
      { id: e1.id, name: e1.name, creditCode: `91320612${tag}01`.slice(0, 18), gridId: j.grid, principalName: e1.principal, principalEmail: e1.email, principalPhone: e1.phone },
      { id: e2.id, name: e2.name, creditCode: `91320612${tag}02`.slice(0, 18), gridId: j.emptyGrid, principalName: e2.principal, principalEmail: e2.email, principalPhone: e2.phone },
    ]);
  });
  const people = {
    supTownship: { username: `${tag}-zhangmin`, name: '张敏', role: 'supervisor', jurisdictionId: j.township, email: `zhang@${tag}.test`, phone: '13900000001' },
    supCounty: { username: `${tag}-chengang`, name: '陈刚', role: 'supervisor', jurisdictionId: j.county, email: `chen@${tag}.test`, phone: '13900000002' },
    supCity: { username: `${tag}-liuyang`, name: '刘洋', role: 'supervisor', jurisdictionId: j.city, email: `liu@${tag}.test`, phone: '13900000003' },
    gridInspector: { username: `${tag}-zhaolei`, name: '赵磊', role: 'grid_inspector', jurisdictionId: j.grid, email: `zhao@${tag}.test`, phone: '13900000004' },
    deputy: { username: `${tag}-qianfang`, name: '钱芳', role: 'grid_inspector', jurisdictionId: j.grid2, email: `qian@${tag}.test`, phone: '13900000005' },
    deptStaff: { username: `${tag}-zhouqiang`, name: '周强', role: 'supervisor', jurisdictionId: j.county, departmentId: dept.id, email: `zhou@${tag}.test`, phone: '13900000006' },
    entUser: { username: `${tag}-sunli`, name: '孙丽', role: 'enterprise', enterpriseId: e1.id, isSafetyDirector: true, email: `sun@${tag}.test`, phone: '13700000001' },
    admin: { username: `${tag}-admin`, name: '系统管理员', role: 'admin', email: `admin@${tag}.test`, phone: null },
  } as const;
  const ids = await ds.transaction((m) =>
    seedUsers(m, Object.values(people).map((p) => ({
      username: p.username, displayName: p.name, role: p.role, password: 'Test@2026', email: p.email ?? undefined,
      jurisdictionId: 'jurisdictionId' in p ? p.jurisdictionId : undefined, enterpriseId: 'enterpriseId' in p ? p.enterpriseId : undefined,
      departmentId: 'departmentId' in p ? p.departmentId : undefined, isSafetyDirector: 'isSafetyDirector' in p ? p.isSafetyDirector : undefined,
    }))),
  );
  const u = Object.fromEntries(
    Object.entries(people).map(([k, p]) => [k, { id: ids[p.username], username: p.username, name: p.name, email: p.email, phone: p.phone }]),
  ) as Record<keyof typeof people, Person>;
  for (const p of Object.values(u)) await ds.query(`update users set phone = $2 where id = $1`, [p.id, p.phone]);
  return { tag, j, dept, e1, e2, u };
}
export type World = Awaited<ReturnType<typeof seedWorld>>;

export async function setPreference(
  ds: DataSource, scope: 'user' | 'enterprise' | 'department' | 'jurisdiction', scopeId: string, channel: string, enabled: boolean, target: Record<string, unknown> = {},
): Promise<void> {
  await ds.query(
    `insert into channel_preferences (scope, scope_id, channel, enabled, target) values ($1,$2,$3,$4,$5)
     on conflict (scope, scope_id, channel) do update set enabled = excluded.enabled, target = excluded.target, updated_at = now()`,
    [scope, scopeId, channel, enabled, JSON.stringify(target)],
  );
}

/**
 * Every escalation at `w.e1` goes to exactly four external deliveries and no inbox:
 * 孙丽 → webhook /webhook/ent, 王建国 (主要负责人) → e-mail, 张敏 → e-mail, 陈刚 → webhook /webhook/county;
 * 周强 inactive, the department mailbox off. With `secrets` the webhooks are signed.
 */
export async function routeToFourExternalDeliveries(
  ds: DataSource, w: World, webhookUrl: (path: string) => string, secrets: { ent?: string; county?: string } = {},
): Promise<void> {
  for (const u of [w.u.entUser, w.u.supTownship, w.u.supCounty]) await setPreference(ds, 'user', u.id, 'inbox', false);
  await setPreference(ds, 'user', w.u.entUser.id, 'email', false);
  await setPreference(ds, 'user', w.u.entUser.id, 'webhook', true, { url: webhookUrl('/webhook/ent'), ...(secrets.ent ? { secret: secrets.ent } : {}) });
  await setPreference(ds, 'user', w.u.supCounty.id, 'email', false);
  await setPreference(ds, 'user', w.u.supCounty.id, 'webhook', true, { url: webhookUrl('/webhook/county'), ...(secrets.county ? { secret: secrets.county } : {}) });
  await setPreference(ds, 'department', w.dept.id, 'email', false);
  await ds.query(`update users set active = false where id = $1`, [w.u.deptStaff.id]);
}

/** Hazards `${tag}-hz<from>` … listed at township and relisted up to county (one escalation event each), `batch` at a time. */
export async function escalateMany(ds: DataSource, w: World, from: number, count: number, batch = 25): Promise<void> {
  const path = [w.j.city, w.j.county, w.j.township, w.j.grid];
  for (let i = from; i < from + count; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, from + count - i) }, async (_, k) => {
      const hz = new HazardScript(ds, `${w.tag}-hz${i + k}`, { enterpriseId: w.e1.id, path, description: `隐患${i + k}号：消防通道堵塞` });
      await hz.reportAndList({ level: 'township', leadDepartment: w.dept.id, deadline: inDays(2), quick: true });
      await hz.relistUp('county');
    }));
  }
}

/**
 * Writes hazard steps with the real HazardStepRecorder, exactly as the worker's recordStep
 * activity does: history row, read-model row and outbox events in one transaction. Payloads
 * follow workflows/src/hazard-lifecycle.workflow.ts.
 */
export class HazardScript {
  private seq = 0;
  private readonly recorder: HazardStepRecorder;
  snapshot: HazardSnapshot;

  constructor(ds: DataSource, readonly hazardId: string, o: { enterpriseId: string; path: string[]; description: string }) {
    this.recorder = new HazardStepRecorder(ds);
    this.snapshot = {
      hazardId, status: 'reported', policyVersion: 'test-v1', enterpriseId: o.enterpriseId, jurisdictionPath: o.path, source: '网格巡查',
      description: o.description, reportedAt: new Date().toISOString(), grade: null, accidentType: null, industry: null, listingLevel: null,
      currentDeadline: null, rectificationDeadline: null, escalationStage: 0, extensionCount: 0, rejectionCount: 0, productionStopped: false,
      heavierAccountability: false, closedAt: null, detail: {},
    };
  }

  async step(step: string, status: HazardStatus, change: Partial<HazardSnapshot>, events: DomainEventDraft[], actor = { userId: 'system', role: 'system' as const, name: '系统 / system' }): Promise<number> {
    const from = this.seq === 0 ? null : this.snapshot.status;
    this.snapshot = { ...this.snapshot, ...change, status, detail: { ...this.snapshot.detail, ...(change.detail ?? {}) } };
    this.seq++;
    await this.recorder.record({
      hazardId: this.hazardId, seq: this.seq, step, actor, at: new Date().toISOString(), fromStatus: from, toStatus: status,
      policyVersion: 'test-v1', data: {}, snapshot: this.snapshot, events,
    });
    return this.seq;
  }

  eventId(seq: number, index = 0): string {
    return `${this.hazardId}:${seq}:${index}`;
  }

  /** Reported, graded major, listed at `level` with the lead department: the start of every scenario. */
  async reportAndList(o: { level: 'township' | 'county' | 'city'; leadDepartment: string; deadline: string; authority?: string; quick?: boolean }): Promise<void> {
    const s = this.snapshot;
    // quick: one step straight to listed (bulk tests only care about what follows).
    if (!o.quick) {
      await this.step('reported', 'reported', {}, [{ type: 'hazard.reported', payload: { source: s.source, description: s.description, enterpriseId: s.enterpriseId, jurisdictionPath: s.jurisdictionPath } }]);
      await this.step('graded', 'awaiting_listing', { grade: 'major', accidentType: '火灾', industry: '制造业' }, [{ type: 'hazard.graded', payload: { grade: 'major' } }]);
    }
    const listing = { level: o.level, authority: o.authority ?? '金沙街道办事处', leadDepartment: o.leadDepartment, listedAt: new Date().toISOString(), listedBy: 'u', relistings: [] };
    await this.step('listed', 'rectifying', {
      listingLevel: o.level, rectificationDeadline: o.deadline, currentDeadline: o.deadline,
      detail: { listing, deadlines: { planDue: null, rectification: o.deadline, extensionRequestCutoff: null, extensionDecisionDue: null } },
    }, [{ type: 'hazard.listed', payload: { level: o.level, leadDepartment: o.leadDepartment } }]);
  }

  /** The workflow's rectification reminder (payload as in fire(): deadline, dueAt, daysBefore ...). */
  reminder(daysBefore: number): Promise<number> {
    const s = this.snapshot;
    const payload = { deadline: 'rectification', dueAt: s.rectificationDeadline, daysBefore, level: null, enterpriseId: s.enterpriseId, jurisdictionPath: s.jurisdictionPath };
    return this.step('reminder', s.status, {}, [{ type: 'reminder.due', payload }]);
  }

  /** Overdue ladder stage 1: 升级挂牌 one level up (payload as escalate() + the ladder's detail). */
  relistUp(to: 'county' | 'city'): Promise<number> {
    const s = this.snapshot;
    const detail = { afterOverdueWorkingDays: 1, label: { zh: '升级挂牌督办', en: 'relist one level up' }, rectificationDeadline: s.rectificationDeadline, relistedFrom: s.listingLevel };
    const payload = { kind: 'overdue_ladder', stage: 1, action: 'relist_up', escalatedTo: to, detail, at: new Date().toISOString() };
    return this.step('escalation', s.status, { listingLevel: to, escalationStage: 1 }, [{ type: 'escalation.raised', payload }]);
  }
}

/** 责任倒查 as the workflow's trace() writes it (accident during rectification → 从重). */
export function tracePayload(s: HazardSnapshot, trigger: 'rejections' | 'overdue' | 'accident_during_rectification', heavier: boolean, planResponsible: string | null) {
  const listing = (s.detail.listing ?? {}) as { authority?: string; leadDepartment?: string; level?: string };
  return {
    trigger, rejectionCount: s.rejectionCount, escalationStage: s.escalationStage, rectificationDeadline: s.rectificationDeadline, heavier,
    enterprise: { enterpriseId: s.enterpriseId, responsible: '主要负责人 (principal person in charge)', planResponsible },
    supervisingDepartment: {
      authority: listing.authority ?? null, leadDepartment: listing.leadDepartment ?? null, listingLevel: s.listingLevel,
      jurisdictionPath: s.jurisdictionPath, rejectedBy: [],
    },
  };
}

/** Polls until `check` holds (or fails with `what`). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
