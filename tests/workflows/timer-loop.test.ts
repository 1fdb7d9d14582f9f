import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import type { Actor } from '@hazards/domain/hazard/actor';
import {
  calendarChangedSignal,
  decidePlanUpdate,
  gradeUpdate,
  listUpdate,
  migratePolicyUpdate,
  publishNoticeUpdate,
  submitPlanUpdate,
} from '../../workflows/src';
import { POLICY_V3 } from '@hazards/testing/fixtures/policy-versions';
import { waitFor } from '@hazards/testing/polling';
import { actors, expectNear, maybeSaveHistory, PLAN, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { settledAfterSignal, timersStarted } from '@hazards/testing/workflows/history-events';
import { startScenarioEnv, type ScenarioEnv } from '@hazards/testing/workflows/scenario-env';

/*
 * The lifecycle's timer loop waits on one Temporal timer, for the soonest armed alarm. A change to
 * the hazard that leaves that instant where it was (a calendar re-plan that moves nothing, the
 * calendar activity's answer) must not start another timer: each one is a billable action, and
 * a county hazard's budget counts them. Monday 3 March 2025, 09:00, on the time-skipping server.
 */
let t: ScenarioEnv;
beforeAll(async () => {
  t = await startScenarioEnv(sh('2025-03-03', '09:00:00'), 'hazard-test-timer-loop');
});
afterAll(async () => t?.teardown());

const admin: Actor = { userId: 'u-admin', role: 'admin', name: '系统管理员' };
const criterion = { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第四条' };

describe('the timer loop keeps its timer while the soonest alarm stays', () => {
  it('a calendar re-plan and a policy migration that leave the soonest alarm start no timer; publishing the notice starts exactly one, which fires on time', async () => {
    const id = 'T-steady';
    const h = await startHazard(t, id, { policy: DEFAULT_POLICY });
    await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.county, grade: 'major', accidentType: '火灾', industry: '制造业', criterion }],
    });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.township, level: 'township', authority: '金沙镇人民政府', leadDepartment: '安监办' }],
    });
    await h.executeUpdate(submitPlanUpdate, {
      args: [{ actor: actors.enterprise, plan: PLAN, interimMeasures: '限产', productionStopped: false }],
    });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'approve' }] });
    const rectifying = await stateOf(h);
    expect(rectifying.status).toBe('rectifying');

    // The same calendar signalled again: every pending instant is counted again and comes out the same.
    const timers = await timersStarted(h);
    const steps = t.recorder.count(id);
    await h.signal(calendarChangedSignal, { calendarVersion: 1, year: 2025, noticeNumber: 'test', changedDates: [], reason: 'test' });
    await waitFor(() => settledAfterSignal(h));
    expect((await stateOf(h)).upcoming).toEqual(rectifying.upcoming);
    expect(t.recorder.count(id)).toBe(steps);
    expect(await timersStarted(h)).toBe(timers);

    // test-v3 shortens the township period from 60 to 40 working days with one reminder 5 days
    // before: a migration that moves deadlines and timers, but the soonest alarm is still the
    // listing notice's publication reminder, so the running timer stays.
    const migrated = await h.executeUpdate(migratePolicyUpdate, {
      args: [
        { actor: admin, policy: POLICY_V3, reason: '省厅更正整改期限 / the province corrected the deadlines', migrationId: 'm-timer' },
      ],
    });
    expect(migrated.moved.length).toBeGreaterThan(0);
    const afterMigration = await stateOf(h);
    expect(afterMigration.policyVersion).toBe(POLICY_V3.version);
    expect(afterMigration.upcoming[0]).toEqual(rectifying.upcoming[0]);
    expect(afterMigration.upcoming[0]).toMatchObject({ kind: 'publication_reminder' });
    expect(await timersStarted(h)).toBe(timers);

    // The notice is published: the soonest alarm is now test-v3's reminder, and its one timer replaces the old one.
    const notice = afterMigration.notices[0];
    await h.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.township, documentId: notice.documentId }] });
    const soonest = (await stateOf(h)).upcoming[0];
    expect(soonest).toMatchObject({ kind: 'rectification_reminder', daysBefore: 5 });
    expect(await timersStarted(h)).toBe(timers + 1);

    // The kept timer still wakes the loop: the reminder is recorded at its instant, and its own
    // firing is the only timer the next soonest alarm needs.
    await t.advanceTo(new Date(Date.parse(soonest.at) + 3600_000));
    await waitFor(() => t.recorder.steps(id).some((s) => s.step === 'reminder'));
    const reminder = t.recorder.steps(id).find((s) => s.step === 'reminder')!;
    expectNear(reminder.at, soonest.at);
    await waitFor(async () => (await timersStarted(h)) > timers + 1);
    expect(await timersStarted(h)).toBe(timers + 2);
    await maybeSaveHistory(h, 'steady-alarm-timer');
  });
});
