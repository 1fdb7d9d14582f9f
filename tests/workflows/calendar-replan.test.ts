import type { WorkflowHandle } from '@temporalio/client';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { changedDates } from '@hazards/domain/calendar/calendar-changes';
import type { CalendarNotice } from '@hazards/domain/calendar/calendar-notice';
import { calendarFromNotices } from '@hazards/domain/calendar/cn-calendar';
import { shiftWorkingDays } from '@hazards/domain/calendar/shift-working-days';
import type { WorkingDayCalendar } from '@hazards/domain/calendar/working-day-calendar';
import type { CalendarChange } from '@hazards/temporal/calendar-activities';
import { calendarChangedSignal, gradeUpdate } from '../../workflows/src';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { HYPOTHETICAL_2027_NOTICE } from '@hazards/testing/fixtures/calendar-notices';
import { listAt } from '@hazards/testing/workflows/hazard-steps';
import { actors, maybeSaveHistory, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { startScenarioEnv, type ScenarioEnv } from '@hazards/testing/workflows/scenario-env';

/**
 * 1 December 2026, 10:00 Shanghai. 2027 has no notice: its deadlines count the provisional
 * estimate (Spring Festival 5–10 February, no make-up days). Then the 2027 notice comes (a
 * hypothetical one: 4–12 February, Saturdays 20 and 27 February worked) as calendar version 2.
 */
const versions = new Map<number, WorkingDayCalendar>([[1, calendarFromNotices(BUNDLED_NOTICES)]]);
let current = 1;
const calendarAt = (v?: number) => versions.get(Math.max(v ?? current, current))!;

function load(notice: CalendarNotice, reason: string): CalendarChange {
  const before = calendarAt();
  const after = calendarFromNotices([...BUNDLED_NOTICES.filter((n) => n.year !== notice.year), notice]);
  versions.set(++current, after);
  return {
    calendarVersion: current,
    year: notice.year,
    noticeNumber: notice.noticeNumber,
    changedDates: changedDates(before, after, notice.year),
    reason,
  };
}

/**
 * The last signal has been handled: its calendar activity came back, a workflow task completed
 * after it, and none is pending (a hazard that records nothing leaves no other trace).
 */
async function settledAfterSignal(h: WorkflowHandle): Promise<boolean> {
  const events = (await h.fetchHistory()).events ?? [];
  const types = events.map((e) => Number(e.eventType));
  const signalled = types.lastIndexOf(26); // WORKFLOW_EXECUTION_SIGNALED
  if (signalled < 0) return false;
  const after = types.slice(signalled + 1);
  const scheduled = after.filter((x) => x === 10).length; // ACTIVITY_TASK_SCHEDULED
  const completed = after.filter((x) => x === 12).length; // ACTIVITY_TASK_COMPLETED
  const lastTaskDone = after.lastIndexOf(7); // WORKFLOW_TASK_COMPLETED
  return scheduled > 0 && completed === scheduled && lastTaskDone > after.lastIndexOf(12) && !after.slice(lastTaskDone).includes(5); // 5: WORKFLOW_TASK_SCHEDULED
}

let t: ScenarioEnv;
beforeAll(async () => {
  t = await startScenarioEnv(sh('2026-12-01', '10:00:00'), 'hazard-test-calendar', {
    shiftWorkingDays: async (input) => shiftWorkingDays(input, calendarAt(input.calendarVersion)),
  });
});
afterAll(async () => t?.teardown());

const COUNTY = 'H-cal-county-2026-12-01';
const GENERAL = 'H-cal-general-due-2026';
const REPORTED = 'H-cal-reported-2027-02-01';

describe('re-planning hazards in flight when the 2027 holiday notice is loaded', () => {
  let listedDeadline: string;

  it('a hazard listed at county level on 2026-12-01 is due 90 working days later, counted across the estimated Spring Festival', async () => {
    const h = await startHazard(t, COUNTY);
    await h.executeUpdate(gradeUpdate, {
      args: [
        {
          actor: actors.county,
          grade: 'major',
          accidentType: '火灾',
          industry: '危险化学品',
          criterion: { standard: '化工和危险化学品重大隐患判定标准', item: '第十条' },
        },
      ],
    });
    const listed = await listAt(h, 'county');
    listedDeadline = listed.rectificationDeadline!;
    // The estimate rests 5–10 Feb 2027: 90 working days from 1 Dec end on Wednesday 14 April.
    expect(listedDeadline.slice(0, 10)).toBe('2027-04-14');

    const g = await startHazard(t, GENERAL);
    const graded = await g.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.township, grade: 'general', accidentType: '物体打击', industry: '制造业' }],
    });
    expect(graded.rectificationDeadline!.slice(0, 10)).toBe('2026-12-02');
  });

  it('the notice moves the deadline, its reminders and the ladder by exactly the working days it changed, in one recorded step', async () => {
    const h = t.env.client.workflow.getHandle(`hazard-${COUNTY}`);
    const before = await stateOf(h);
    const stepsBefore = t.recorder.count(COUNTY);
    const change = load(HYPOTHETICAL_2027_NOTICE, '2027年国务院放假安排已公布 / the 2027 notice was loaded');
    expect(change.changedDates[0]).toBe('2027-02-04');
    await h.signal(calendarChangedSignal, change);
    await waitFor(() => t.recorder.steps(COUNTY).some((s) => s.step === 'deadline_recomputed'));

    const after = await stateOf(h);
    // 4, 11 and 12 Feb are now rest days, 20 and 27 Feb working days: one working day fewer before
    // April, so every instant counted past February lands one working day later.
    const official = calendarAt();
    const oneLater = (iso: string) => official.addWorkingDays(iso, 1).toISOString();
    expect(after.deadlines.rectification).toBe(oneLater(before.deadlines.rectification!));
    expect(after.deadlines.rectification!.slice(0, 10)).toBe('2027-04-15');
    expect(after.deadlines.extensionRequestCutoff).toBe(oneLater(before.deadlines.extensionRequestCutoff!));
    // Every timer is counted from the listing again on the official calendar: reminders at 90 − r,
    // ladder stages at 90 + n, tracing at 90 + m working days (the policy's offsets).
    const listedAt = before.listing!.listedAt;
    const at = (offset: number) => official.addWorkingDays(listedAt, offset).toISOString();
    const expected = [
      ...DEFAULT_POLICY.reminders.rectificationDue.map((r) => at(90 - r)),
      ...DEFAULT_POLICY.escalation.ladder.map((stage) => at(90 + stage.afterOverdueWorkingDays)),
      at(90 + DEFAULT_POLICY.accountability.tracing.afterOverdueWorkingDays),
    ].sort();
    const timers = (v: typeof before) => v.upcoming.filter((u) => ['rectification_reminder', 'ladder', 'tracing_overdue'].includes(u.kind));
    expect(
      timers(after)
        .map((u) => u.at)
        .sort(),
    ).toEqual(expected);
    expect(timers(after).map((u) => u.at.slice(0, 10))).toEqual([
      '2027-03-31',
      '2027-04-12', // reminders 10 and 3 working days before
      '2027-04-16',
      '2027-04-22',
      '2027-04-29',
      '2027-05-10',
      '2027-05-17',
      '2027-05-31', // ladder stages 1–6 (default-v2)
      '2027-06-15', // responsibility tracing
    ]);
    // Before May the notice differs from the estimate only in February: one working day later.
    expect(
      timers(after)
        .slice(0, 5)
        .map((u) => u.at),
    ).toEqual(
      timers(before)
        .slice(0, 5)
        .map((u) => oneLater(u.at)),
    );
    // The plan is due on 15 December 2026, before any changed day: it stays.
    expect(after.deadlines.planDue).toBe(before.deadlines.planDue);

    const recorded = t.recorder.steps(COUNTY).filter((s) => s.step === 'deadline_recomputed');
    expect(recorded).toHaveLength(1);
    expect(t.recorder.count(COUNTY)).toBe(stepsBefore + 1);
    const step = recorded[0];
    expect(step.reason).toBe(change.reason);
    expect(step.data).toMatchObject({ calendarVersion: 2, year: 2027, noticeNumber: HYPOTHETICAL_2027_NOTICE.noticeNumber });
    const moved = step.data.moved as { kind: string; from: string; to: string }[];
    expect(moved).toContainEqual(
      expect.objectContaining({ kind: 'rectification', from: before.deadlines.rectification, to: after.deadlines.rectification }),
    );
    expect(moved.filter((m) => m.kind === 'ladder')).toHaveLength(DEFAULT_POLICY.escalation.ladder.length);
    expect(step.snapshot.rectificationDeadline).toBe(after.deadlines.rectification);
    expect(step.events).toEqual([
      expect.objectContaining({ type: 'hazard.deadlines_recomputed', payload: expect.objectContaining({ moved }) }),
    ]);
    await maybeSaveHistory(h, 'county-calendar-replanned');
  });

  it('a hazard whose deadlines and timers all fall before the changed days records nothing', async () => {
    const g = t.env.client.workflow.getHandle(`hazard-${GENERAL}`);
    const before = await stateOf(g);
    await g.signal(calendarChangedSignal, {
      calendarVersion: current,
      year: 2027,
      noticeNumber: HYPOTHETICAL_2027_NOTICE.noticeNumber,
      changedDates: ['2027-02-04'],
      reason: 'test',
    });
    await waitFor(() => settledAfterSignal(g));
    const after = await stateOf(g);
    expect(after.upcoming).toEqual(before.upcoming);
    expect(t.recorder.steps(GENERAL).map((s) => s.step)).not.toContain('deadline_recomputed');
  });

  it('the same change signalled twice re-plans once', async () => {
    const h = t.env.client.workflow.getHandle(`hazard-${COUNTY}`);
    await h.signal(calendarChangedSignal, {
      calendarVersion: current,
      year: 2027,
      noticeNumber: HYPOTHETICAL_2027_NOTICE.noticeNumber,
      changedDates: ['2027-02-04'],
      reason: 'again',
    });
    await waitFor(() => settledAfterSignal(h));
    expect(t.recorder.steps(COUNTY).filter((s) => s.step === 'deadline_recomputed')).toHaveLength(1);
  });

  it('a deadline that has passed is never moved back; the timers still ahead move', async () => {
    // The general hazard was due 2 Dec 2026 10:00; on 4 Dec its first ladder stage (3 Dec) has fired.
    await t.advanceTo(sh('2026-12-04', '12:00:00'));
    const g = t.env.client.workflow.getHandle(`hazard-${GENERAL}`);
    await waitFor(async () => (await stateOf(g)).escalationStage === 1);
    const before = await stateOf(g);
    // A correction of 2026 makes 2 and 3 December rest days (a fictional correction, for the rule).
    const y2026 = BUNDLED_NOTICES.find((n) => n.year === 2026)!;
    const corrected = {
      ...y2026,
      noticeNumber: `${y2026.noticeNumber}（更正）`,
      holidays: [...y2026.holidays, { name: '更正 correction', from: '2026-12-02', to: '2026-12-03' }],
    };
    await g.signal(calendarChangedSignal, load(corrected, '更正 / correction'));
    await waitFor(() => t.recorder.steps(GENERAL).some((s) => s.step === 'deadline_recomputed'));
    const after = await stateOf(g);
    expect(after.deadlines.rectification).toBe(before.deadlines.rectification); // 2 Dec, passed: stays
    const ladder = (v: typeof before) => v.upcoming.filter((u) => u.kind === 'ladder').map((u) => u.at);
    // 2 and 3 December no longer count: the stages still ahead come two working days later.
    expect(ladder(after)).toEqual(ladder(before).map((at) => calendarAt().addWorkingDays(at, 2).toISOString()));
    const moved = t.recorder.steps(GENERAL).find((s) => s.step === 'deadline_recomputed')!.data.moved as { kind: string }[];
    expect(moved.map((m) => m.kind)).not.toContain('rectification');
  });

  it('a decision the regulator owes (定级) is counted again too, with its reminder', async () => {
    // Reported on Monday 1 Feb 2027 while 2027 is provisional again (the 2026 correction above
    // replaced the notice): grading is due 3 working days later, on Thursday 4 February (the
    // estimate rests from the 5th), with a reminder one working day before.
    await t.advanceTo(sh('2027-02-01', '09:00:00'));
    const r = await startHazard(t, REPORTED);
    await waitFor(async () => (await stateOf(r)).deadlines.decisionDue != null);
    const before = await stateOf(r);
    expect(before.deadlines.decisionDue!.slice(0, 10)).toBe('2027-02-04');
    const owed = (v: typeof before) =>
      v.upcoming.filter((u) => u.kind === 'decision_due' || u.kind === 'decision_reminder').map((u) => [u.kind, u.at.slice(0, 10)]);
    expect(owed(before)).toEqual([
      ['decision_reminder', '2027-02-03'],
      ['decision_due', '2027-02-04'],
    ]);
    // The notice rests 4–12 February: grading is now due on Monday the 15th, its reminder on the 3rd stays.
    await r.signal(calendarChangedSignal, load(HYPOTHETICAL_2027_NOTICE, '2027年国务院放假安排已公布 / the 2027 notice was loaded'));
    await waitFor(() => t.recorder.steps(REPORTED).some((s) => s.step === 'deadline_recomputed'));
    const after = await stateOf(r);
    expect(after.deadlines.decisionDue!.slice(0, 10)).toBe('2027-02-15');
    expect(owed(after)).toEqual([
      ['decision_reminder', '2027-02-03'],
      ['decision_due', '2027-02-15'],
    ]);
    const moved = t.recorder.steps(REPORTED).find((s) => s.step === 'deadline_recomputed')!.data.moved as { kind: string; to: string }[];
    expect(moved).toEqual([expect.objectContaining({ kind: 'decisionDue', to: after.deadlines.decisionDue })]);
  });
});
