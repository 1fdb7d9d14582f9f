import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { decidePlanUpdate, gradeUpdate, reviewUpdate } from '../../workflows/src';
import { completedBySelf, listAt, planApproved, publishedJustNow, submitPlan } from '@hazards/testing/workflows/hazard-steps';
import { actors, expectNear, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Monday 2025-06-09 09:00 Shanghai.
const t = useScenarioEnv(sh('2025-06-09', '09:00:00'));

const criterion = { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第十条' };
const escalations = (id: string) =>
  t.recorder
    .events(id)
    .filter((e) => e.type === 'escalation.raised')
    .map((e) => e.payload);

describe('nothing waits forever (default-v2: grading, listing and the plan decision have deadlines)', () => {
  it('14.8 an ungraded report, an unlisted major hazard and an undecided plan are each reminded, then escalated to the level above', async () => {
    const t0 = await t.now();
    const ungraded = await startHazard(t, 'N-ungraded');
    const unlisted = await startHazard(t, 'N-unlisted');
    await unlisted.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.county, grade: 'major', accidentType: '火灾', industry: '制造业', criterion }],
    });
    const undecided = await startHazard(t, 'N-undecided');
    await undecided.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.county, grade: 'major', accidentType: '火灾', industry: '制造业', criterion }],
    });
    await listAt(undecided, 'township', await publishedJustNow(t));
    await submitPlan(undecided, '停用');
    expectNear((await stateOf(ungraded)).deadlines.decisionDue, addWorkingDays(t0, 3).toISOString());

    await t.advanceTo(new Date(addWorkingDays(t0, 5).getTime() + 3600_000));
    await waitFor(() => ['N-ungraded', 'N-unlisted', 'N-undecided'].every((id) => escalations(id).length === 1));
    expect(escalations('N-ungraded')).toEqual([expect.objectContaining({ kind: 'grading_overdue', escalatedTo: 'county' })]);
    expect(escalations('N-unlisted')).toEqual([expect.objectContaining({ kind: 'listing_overdue', escalatedTo: 'city' })]);
    expect(escalations('N-undecided')).toEqual([expect.objectContaining({ kind: 'plan_decision_overdue', escalatedTo: 'county' })]);
    expectNear((await stateOf(ungraded)).escalations[0].at, addWorkingDays(t0, 3).toISOString());
    // Each was reminded first, naming what is owed and by whom.
    const reminders = (id: string) =>
      t.recorder
        .events(id)
        .filter((e) => e.type === 'reminder.due')
        .map((e) => [e.payload.deadline, e.payload.level, e.payload.daysBefore]);
    expect(reminders('N-ungraded')).toEqual([['grading', 'township', 1]]);
    expect(reminders('N-unlisted')).toEqual([['listing', 'county', 2]]);
    expect(reminders('N-undecided')).toEqual([['plan_decision', 'township', 2]]);

    // Made late, the decision still counts, and no further escalation follows.
    await undecided.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'approve' }] });
    expect((await stateOf(undecided)).status).toBe('rectifying');
  });

  it('14.9 a review missed at every level escalates level by level, each with its own window, up to the top', async () => {
    const id = 'N-review-climb';
    const h = await startHazard(t, id);
    await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.county, grade: 'major', accidentType: '坍塌', industry: '建筑业', criterion }],
    });
    await listAt(h, 'city', await publishedJustNow(t));
    await planApproved(h, '基坑限载', actors.city);
    await completedBySelf(h, '合格');
    const submitted = Date.parse((await stateOf(h)).completions[0].submittedAt);
    const day = 24 * 3600_000;
    const missed = () => escalations(id).filter((e) => e.kind === 'review_window_missed');

    // Township window (10 days) missed → county, whose own window (10 days more) is missed → city → province.
    await t.advanceTo(new Date(submitted + 10 * day + 3600_000));
    await waitFor(() => missed().length === 1);
    expectNear((await stateOf(h)).currentDeadline, new Date(submitted + 20 * day).toISOString(), 300_000);
    await t.advanceTo(new Date(submitted + 20 * day + 3600_000));
    await waitFor(() => missed().length === 2);
    await t.advanceTo(new Date(submitted + 45 * day));
    await waitFor(() => missed().length === 3);
    expect(missed().map((e) => e.escalatedTo)).toEqual(['county', 'city', 'province']);
    expect(missed().every((e) => (e.detail as { level: string }).level === 'township')).toBe(true);
    expect((await stateOf(h)).review).toMatchObject({ index: 0, escalatedTo: 'province' });

    // The city, to which the matter climbed, gives the township review itself.
    const passed = await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.city, level: 'township', result: 'pass' }] });
    expect(passed.status).toBe('submitted');
    expect((await stateOf(h)).review).toMatchObject({ index: 1, escalatedTo: null });
    expect(missed()).toHaveLength(3);
  });
});
