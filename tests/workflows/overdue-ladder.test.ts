import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { DEFAULT_POLICY, POLICY_V1 } from '@hazards/domain/policy/default-policy';
import { parsePolicy } from '@hazards/domain/policy/parse-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { decidePlanUpdate } from '../../workflows/src';
import {
  completedBySelf,
  gradeMajor,
  LISTING_AUTHORITIES,
  listAt,
  type ListingLevel,
  submitPlan,
} from '@hazards/testing/workflows/hazard-steps';
import { expectNear, maybeSaveHistory, PLAN, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

const t = useScenarioEnv(sh('2025-04-07', '09:00:00'));

async function listedAndApproved(id: string, level: ListingLevel, policy?: Policy) {
  const lister = LISTING_AUTHORITIES[level].actor;
  const h = await startHazard(t, id, { source: '四不两直', reportedBy: lister, ...(policy ? { policy } : {}) });
  await gradeMajor(h, '坍塌', '第六条', { industry: '建筑业', standard: '房屋市政工程生产安全重大事故隐患判定标准(2022版)' });
  // Named as the 责任倒查 record below expects.
  const listed = await listAt(h, level, { authority: `${level}政府`, leadDepartment: '住建局' });
  await submitPlan(h, '基坑周边限载，设监测点', { productionStopped: true, stopScope: '基坑作业面' });
  await h.executeUpdate(decidePlanUpdate, { args: [{ actor: lister, decision: 'approve' }] });
  return { h, listed };
}

describe('overdue escalation ladder (逾期升级)', () => {
  it('under default-v1, a city-listed hazard that goes overdue climbs every stage: 督办函, relisting (reported to the province), 约谈, 通报批评, stoppage, then 责任倒查', async () => {
    const id = 'M-city-overdue';
    const { h, listed } = await listedAndApproved(id, 'city', POLICY_V1);
    expectNear(listed.rectificationDeadline, sh('2025-09-25', '09:00:00')); // 120 working days

    await t.advanceTo(sh('2025-11-27', '09:00:00'));
    await waitFor(async () => (await stateOf(h)).tracing !== null);
    const st = await stateOf(h);
    const ladder = st.escalations.filter((e) => e.kind === 'overdue_ladder');
    expect(ladder.map((e) => [e.stage, e.action])).toEqual([
      [1, 'supervision_letter'],
      [2, 'relist_up'],
      [3, 'interview'],
      [4, 'public_criticism'],
      [5, 'stoppage_recommendation'],
    ]);
    // Working days after the deadline: 1 → Sep 26; 5 → Oct 9 (the 国庆+中秋 week does not count); 10 → Oct 15; 20 → Oct 29; 30 → Nov 12.
    ['2025-09-26', '2025-10-09', '2025-10-15', '2025-10-29', '2025-11-12'].forEach((d, i) => expectNear(ladder[i].at, sh(d, '09:00:00')));
    // Already listed by the city: relisting goes to the province, the listing level stays city.
    expect(ladder[1]).toMatchObject({ escalatedTo: 'province' });
    expect(st.listing?.level).toBe('city');
    expect(st.escalationStage).toBe(5);
    // 40 working days overdue: responsibility tracing names both sides.
    expect(st.tracing).toMatchObject({ trigger: 'overdue' });
    expectNear(st.tracing!.at, sh('2025-11-26', '09:00:00'));
    const traced = t.recorder.events(id).find((e) => e.type === 'accountability.traced')!.payload;
    expect(traced).toMatchObject({
      trigger: 'overdue',
      enterprise: { enterpriseId: 'ent-913206001234567890', planResponsible: PLAN.responsibleBodyAndPeople },
      supervisingDepartment: { authority: 'city政府', leadDepartment: '住建局', listingLevel: 'city' },
    });
    const escalationEvents = t.recorder.events(id).filter((e) => e.type === 'escalation.raised');
    expect(escalationEvents).toHaveLength(5);
    expect(
      t.recorder
        .steps(id)
        .filter((s) => s.step === 'escalation')
        .map((s) => s.snapshot.escalationStage),
    ).toEqual([1, 2, 3, 4, 5]);
    // Reminders went out 10 and 3 working days before the deadline.
    expect(
      t.recorder
        .events(id)
        .filter((e) => e.type === 'reminder.due')
        .map((e) => e.payload.daysBefore),
    ).toEqual([10, 3]);
    await maybeSaveHistory(h, 'city-overdue-ladder');
  });

  it('a township-listed hazard that goes overdue is relisted by the county, and then needs the county review too', async () => {
    const id = 'M-town-overdue';
    const start = await t.now();
    const { h, listed } = await listedAndApproved(id, 'township');
    const deadline = addWorkingDays(start, 60);
    expectNear(listed.rectificationDeadline, deadline.toISOString());
    const relistAt = addWorkingDays(deadline, 5);
    await t.advanceTo(new Date(relistAt.getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 2);
    const st = await stateOf(h);
    expect(st.listing?.level).toBe('county');
    expect(st.listing?.relistings).toEqual([expect.objectContaining({ from: 'township', to: 'county' })]);
    const step = t.recorder.steps(id).find((s) => s.data.action === 'relist_up')!;
    expect(step.snapshot.listingLevel).toBe('county');
    expect(step.events[0]).toMatchObject({ type: 'escalation.raised', payload: { stage: 2, action: 'relist_up', escalatedTo: 'county' } });

    await completedBySelf(h, '本单位专家组评估合格');
    expect((await stateOf(h)).review?.levels).toEqual(['township', 'county']);
  });

  it('14.3 a township listing that stays overdue climbs the ladder to the top: relisted by the county, then by the city, and reviewed by all three', async () => {
    const id = 'M-town-to-city';
    const start = await t.now();
    const { h, listed } = await listedAndApproved(id, 'township');
    const deadline = addWorkingDays(start, 60);
    expectNear(listed.rectificationDeadline, deadline.toISOString());
    // default-v2: stage 2 (5 working days overdue) relists to the county, stage 4 (15) to the city.
    await t.advanceTo(new Date(addWorkingDays(deadline, 15).getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 4);
    const st = await stateOf(h);
    expect(st.listing?.level).toBe('city');
    expect(st.listing?.relistings.map((r) => [r.from, r.to])).toEqual([
      ['township', 'county'],
      ['county', 'city'],
    ]);
    const relists = t.recorder.steps(id).filter((s) => s.data.action === 'relist_up');
    expect(relists.map((s) => s.snapshot.listingLevel)).toEqual(['county', 'city']);
    expect(relists.map((s) => s.events[0].payload.escalatedTo)).toEqual(['county', 'city']);
    await completedBySelf(h, '本单位专家组评估合格');
    expect((await stateOf(h)).review?.levels).toEqual(['township', 'county', 'city']);
  });

  it('14.3 the policy says which stage relists to which level: a stage naming the city takes a township listing straight there', async () => {
    const policy = parsePolicy({
      ...DEFAULT_POLICY,
      version: 'straight-to-city-v1',
      escalation: {
        ...DEFAULT_POLICY.escalation,
        ladder: [
          { afterOverdueWorkingDays: 1, action: 'supervision_letter' },
          { afterOverdueWorkingDays: 5, action: 'relist_up', relistTo: 'city' },
        ],
      },
    });
    const id = 'M-town-straight-to-city';
    const start = await t.now();
    const { h } = await listedAndApproved(id, 'township', policy);
    await t.advanceTo(new Date(addWorkingDays(addWorkingDays(start, 60), 5).getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalationStage === 2);
    expect((await stateOf(h)).listing?.relistings.map((r) => [r.from, r.to])).toEqual([['township', 'city']]);
  });
});
