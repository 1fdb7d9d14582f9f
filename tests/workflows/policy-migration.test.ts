import type { Actor } from '@hazards/domain/hazard/actor';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { DEFAULT_POLICY, POLICY_V1 } from '@hazards/domain/policy/default-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { gradeUpdate, migratePolicyUpdate, type HazardView } from '../../workflows/src';
import { POLICY_V3 } from '@hazards/testing/fixtures/policy-versions';
import { waitFor } from '@hazards/testing/polling';
import { listAt, planApproved } from '@hazards/testing/workflows/hazard-steps';
import { actors, expectNear, refusalOf, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/*
 * 策略迁移: running hazards moved to a newer policy version by an admin, through the real workflow
 * on the time-skipping server with the real working-day calendar. Monday 3 March 2025, 09:00.
 */
const t = useScenarioEnv(sh('2025-03-03', '09:00:00'), 'hazard-test-policy-migration');

const admin: Actor = { userId: 'u-admin', role: 'admin', name: '系统管理员' };
const criterion = { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第四条' };
const migrate = (policy: Policy, reason = '省厅更正整改期限 / the province corrected the deadlines', actor: Actor = admin) => ({
  args: [{ actor, policy, reason, migrationId: 'm-test' }] as [{ actor: Actor; policy: Policy; reason: string; migrationId: string }],
});
const wd = (from: string | number, n: number) => addWorkingDays(from, n).toISOString();
const ladderOf = (v: HazardView) => v.upcoming.filter((u) => u.kind === 'ladder').map((u) => [u.stage, u.at]);

async function townshipListing(id: string, policy: Policy, approved = false) {
  const h = await startHazard(t, id, { policy });
  await h.executeUpdate(gradeUpdate, {
    args: [{ actor: actors.county, grade: 'major', accidentType: '火灾', industry: '制造业', criterion }],
  });
  await listAt(h, 'township');
  if (approved) {
    await planApproved(h, '限产', actors.township);
  }
  return h;
}

describe('migrating running hazards to a newer policy version (策略迁移)', () => {
  it('only an admin migrates, only forward, always with a reason; a refused migration records nothing', async () => {
    const id = 'P-refused';
    const h = await townshipListing(id, DEFAULT_POLICY);
    const steps = t.recorder.count(id);
    expect(await refusalOf(() => h.executeUpdate(migratePolicyUpdate, migrate(POLICY_V3, 'r', actors.city)))).toMatchObject({
      type: 'Forbidden',
      code: 'ADMIN_ONLY',
    });
    expect(await refusalOf(() => h.executeUpdate(migratePolicyUpdate, migrate(POLICY_V3, ' ')))).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'reason',
    });
    expect(await refusalOf(() => h.executeUpdate(migratePolicyUpdate, migrate(POLICY_V1)))).toMatchObject({
      type: 'IllegalState',
      code: 'POLICY_NOT_NEWER',
    });
    expect(await refusalOf(() => h.executeUpdate(migratePolicyUpdate, migrate(DEFAULT_POLICY)))).toMatchObject({
      code: 'POLICY_ALREADY_CURRENT',
    });
    expect(t.recorder.count(id)).toBe(steps);
    expect((await stateOf(h)).policyVersion).toBe('default-v2');
  });

  it('a township listing moved to a shorter period: the deadline and every timer on it counted again from the listing; what the new policy drops goes, what it adds comes; one sealed step; again, nothing changes', async () => {
    const id = 'P-shorter';
    const h = await townshipListing(id, DEFAULT_POLICY);
    const before = await stateOf(h);
    const listedAt = before.listing!.listedAt;
    expect(before.deadlines.rectification).toBe(wd(listedAt, 60));
    await t.advanceTo(new Date(Date.parse(listedAt) + 24 * 3600_000));

    const r = await h.executeUpdate(migratePolicyUpdate, migrate(POLICY_V3));
    expect(r).toMatchObject({ fromVersion: 'default-v2', toVersion: 'test-v3', status: 'listed', rectificationDeadline: wd(listedAt, 40) });

    const after = await stateOf(h);
    expect(after.policyVersion).toBe('test-v3');
    expect(after.deadlines.rectification).toBe(wd(listedAt, 40));
    expect(after.deadlines.extensionRequestCutoff).toBe(wd(listedAt, 40 - 20));
    expect(after.deadlines.planDue).toBe(before.deadlines.planDue); // the plan period did not change
    expect(after.upcoming.filter((u) => u.kind === 'rectification_reminder').map((u) => [u.daysBefore, u.at])).toEqual([
      [5, wd(listedAt, 35)],
    ]);
    // The ladder under test-v3, counted from the new deadline: 1, 5, 10, 11 (to the city) and 20 working days overdue; no stoppage stage.
    expect(ladderOf(after)).toEqual([
      [1, wd(listedAt, 41)],
      [2, wd(listedAt, 45)],
      [3, wd(listedAt, 50)],
      [4, wd(listedAt, 51)],
      [5, wd(listedAt, 60)],
    ]);
    expect(after.upcoming.find((u) => u.kind === 'tracing_overdue')?.at).toBe(wd(listedAt, 80));

    const step = t.recorder.steps(id).at(-1)!;
    expect(step).toMatchObject({
      step: 'policy_migrated',
      actor: { userId: 'u-admin', role: 'admin' },
      reason: '省厅更正整改期限 / the province corrected the deadlines',
      policyVersion: 'test-v3',
    });
    expect(step.snapshot.policyVersion).toBe('test-v3');
    expect(step.snapshot.rectificationDeadline).toBe(wd(listedAt, 40));
    expect(step.data).toMatchObject({ migrationId: 'm-test', fromVersion: 'default-v2', toVersion: 'test-v3', skipped: [] });
    const data = step.data as {
      moved: { kind: string; from: string; to: string; stage?: number }[];
      added: { kind: string; stage?: number; daysBefore?: number }[];
      removed: { kind: string; stage?: number; daysBefore?: number; action?: string }[];
    };
    expect(data.moved).toContainEqual({ kind: 'rectification', from: wd(listedAt, 60), to: wd(listedAt, 40) });
    expect(data.moved).toContainEqual(expect.objectContaining({ kind: 'ladder', stage: 5, from: wd(listedAt, 80), to: wd(listedAt, 60) }));
    expect(data.removed.map((x) => [x.kind, x.daysBefore ?? x.action])).toEqual(
      expect.arrayContaining([
        ['rectification_reminder', 10],
        ['rectification_reminder', 3],
        ['ladder', 'relist_up'],
        ['ladder', 'stoppage_recommendation'],
      ]),
    );
    expect(data.removed).toHaveLength(4);
    expect(data.added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'rectification_reminder', daysBefore: 5 }),
        expect.objectContaining({ kind: 'ladder', stage: 4, action: 'relist_up' }),
      ]),
    );
    expect(data.added).toHaveLength(2);
    // The enterprise and its supervisor are told what moved, with the reason.
    expect(step.events).toEqual([
      expect.objectContaining({
        type: 'hazard.deadlines_recomputed',
        payload: expect.objectContaining({ cause: 'policy_migration', fromVersion: 'default-v2', toVersion: 'test-v3', moved: data.moved }),
      }),
    ]);

    // The same migration again: refused as already current, nothing recorded.
    const steps = t.recorder.count(id);
    expect(await refusalOf(() => h.executeUpdate(migratePolicyUpdate, migrate(POLICY_V3)))).toMatchObject({
      code: 'POLICY_ALREADY_CURRENT',
    });
    expect(t.recorder.count(id)).toBe(steps);
  });

  it('an overdue hazard keeps its passed deadline; its ladder keeps its place, and a new stage already past is skipped, never fired after the fact', async () => {
    const id = 'P-overdue';
    const h = await townshipListing(id, DEFAULT_POLICY, true);
    const deadline = (await stateOf(h)).deadlines.rectification!;
    // 12 working days overdue: letter (1), relisted to the county (5), interview (10) fired.
    await t.advanceTo(new Date(Date.parse(wd(deadline, 12)) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 3);

    const r = await h.executeUpdate(migratePolicyUpdate, migrate(POLICY_V3));
    expect(r.rectificationDeadline).toBe(deadline); // test-v3 would make it 40 days: it has passed, it stays
    expect(r.moved).toEqual([]);
    expect(r.skipped).toEqual([{ kind: 'ladder', at: wd(deadline, 11), stage: 4, action: 'relist_up' }]);
    expect(r.removed.map((x) => [x.kind, x.action])).toEqual(
      expect.arrayContaining([
        ['ladder', 'relist_up'],
        ['ladder', 'stoppage_recommendation'],
      ]),
    );
    const after = await stateOf(h);
    expect(after.escalationStage).toBe(3);
    expect(ladderOf(after)).toEqual([[5, wd(deadline, 20)]]);

    // 31 working days overdue: criticism (20) fired under test-v3; never relisted to the city, no stoppage stage.
    await t.advanceTo(new Date(Date.parse(wd(deadline, 31)) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 5);
    const st = await stateOf(h);
    expect(st.escalations.filter((e) => e.kind === 'overdue_ladder').map((e) => [e.stage, e.action])).toEqual([
      [1, 'supervision_letter'],
      [2, 'relist_up'],
      [3, 'interview'],
      [5, 'public_criticism'],
    ]);
    expect(st.listing?.level).toBe('county');
  });

  it('default-v1 → default-v2: a township listing in flight gains the relisting to the city, and climbs there when overdue', async () => {
    const id = 'P-v1-ladder';
    const h = await townshipListing(id, POLICY_V1, true);
    const deadline = (await stateOf(h)).deadlines.rectification!;
    const r = await h.executeUpdate(
      migratePolicyUpdate,
      migrate(DEFAULT_POLICY, '14.3 更正：逾期逐级升级挂牌至市级 / the ladder climbs to the city'),
    );
    // Stage 4 (relist to the city, 15 working days overdue) is new; criticism and stoppage keep their instants as stages 5 and 6.
    expect(r.added).toEqual([{ kind: 'ladder', at: wd(deadline, 15), stage: 4, action: 'relist_up' }]);
    expect(r.removed).toEqual([]);
    expect(r.moved).toEqual([]);
    expect(ladderOf(await stateOf(h))).toEqual([1, 5, 10, 15, 20, 30].map((n, i) => [i + 1, wd(deadline, n)]));

    await t.advanceTo(new Date(Date.parse(wd(deadline, 15)) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 4);
    expect((await stateOf(h)).listing?.relistings.map((x) => [x.from, x.to])).toEqual([
      ['township', 'county'],
      ['county', 'city'],
    ]);
  });

  it('default-v1 → default-v2: a report nobody graded gets the grading deadline from the migration, with its reminder; missing it escalates', async () => {
    const id = 'P-v1-reported';
    const h = await startHazard(t, id, { policy: POLICY_V1 });
    expect((await stateOf(h)).upcoming).toEqual([]);
    const at = await t.now();
    const r = await h.executeUpdate(migratePolicyUpdate, migrate(DEFAULT_POLICY, '定级设期限 / grading gets a deadline'));
    expect(r.added.map((x) => [x.kind, x.daysBefore])).toEqual([
      ['decision_reminder', 1],
      ['decisionDue', undefined],
    ]);
    const due = (await stateOf(h)).deadlines.decisionDue!;
    expectNear(due, wd(at, 3));

    await t.advanceTo(new Date(Date.parse(due) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.length === 1);
    expect((await stateOf(h)).escalations[0]).toMatchObject({ kind: 'grading_overdue', escalatedTo: 'county' });
    expect(
      t.recorder
        .events(id)
        .filter((e) => e.type === 'reminder.due')
        .map((e) => e.payload.deadline),
    ).toEqual(['grading']);
  });
});
