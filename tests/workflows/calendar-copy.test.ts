import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import type { CalendarCopy } from '@hazards/domain/calendar/calendar-copy';
import { copyFromNotices } from '@hazards/domain/calendar/cn-calendar';
import { calendarChangedSignal, gradeUpdate, type GradeInput, type ListInput } from '../../workflows/src';
import { actors, expectNear, maybeSaveHistory, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { listAt, publishedJustNow, TRADE_STANDARD } from '@hazards/testing/workflows/hazard-steps';
import { quietBundle } from '@hazards/testing/workflows/scenario-env';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/**
 * An action carries the API's calendar copy (issue 17.1, libs/domain/src/calendar/calendar-copy):
 * the deadlines it sets are counted in the workflow task it arrives in, so grading answers after
 * one activity (its step) instead of two. The copy must never count where it could be stale or
 * short: a hazard told of a newer calendar version, or a count outside the copy's years, asks the
 * `shiftWorkingDays` activity (here the shipped calendar) as before.
 */
// Thursday 2025-09-25 10:00 Shanghai: 5 working days are Fri 26, Sun 28 (调休), Mon 29, Tue 30, Thu Oct 9.
const t = useScenarioEnv(sh('2025-09-25', '10:00:00'));
const SHIPPED_DEADLINE = sh('2025-10-09', '10:00:00');

const copyAt = (version: number) => copyFromNotices(version, BUNDLED_NOTICES, new Date(sh('2025-09-25', '10:00:00')));
/** A copy that knows a holiday the shipped calendar does not: Friday Sep 26. Counting on it moves the deadline to Oct 10. */
function withExtraHoliday(version: number): CalendarCopy {
  const c = copyAt(version);
  return {
    ...c,
    years: { ...c.years, 2025: { ...c.years[2025], holidays: [...c.years[2025].holidays, { from: '2025-09-26', to: '2025-09-26' }] } },
  };
}

const grade = (calendar?: CalendarCopy) => ({
  actor: actors.township,
  grade: 'general' as const,
  accidentType: '物体打击' as const,
  industry: '制造业',
  generalMode: 'short' as const,
  ...(calendar ? { calendar } : {}),
});

/** A new hazard first counts its grading window (by the activity: a report carries no copy); then the counts are its actions'. */
async function reportedAndCounted(id: string): Promise<WorkflowHandle> {
  const h = await startHazard(t, id);
  await waitFor(async () => Boolean((await stateOf(h)).deadlines.decisionDue));
  return h;
}

const major = {
  actor: actors.county,
  grade: 'major',
  accidentType: '火灾',
  industry: '制造业',
  criterion: { standard: TRADE_STANDARD, item: '第五条' },
};

async function calendarActivities(h: WorkflowHandle): Promise<number> {
  const { events } = await h.fetchHistory();
  return (events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'shiftWorkingDays').length;
}

describe('an action carrying a calendar copy (日历副本)', () => {
  it('counts its deadline on the copy in its own workflow task: no calendar activity, the same deadline as the activity gives', async () => {
    const h = await reportedAndCounted('H-copy-shipped');
    const before = await calendarActivities(h);
    const graded = await h.executeUpdate(gradeUpdate, { args: [grade(copyAt(1)) as GradeInput] });
    expectNear(graded.rectificationDeadline, SHIPPED_DEADLINE);
    expect(await calendarActivities(h)).toBe(before);
  });

  it("counts on the copy's days, not on the worker's: a holiday only the copy knows moves the deadline a day", async () => {
    const h = await startHazard(t, 'H-copy-amended');
    const graded = await h.executeUpdate(gradeUpdate, { args: [grade(withExtraHoliday(1)) as GradeInput] });
    expectNear(graded.rectificationDeadline, sh('2025-10-10', '10:00:00'));
  });

  it("a report carrying a copy counts its grading window on it in the first workflow task, and the report's step carries the deadline", async () => {
    const h = await startHazard(t, 'H-copy-report', { calendar: withExtraHoliday(1) });
    const first = t.recorder.steps('H-copy-report')[0];
    const due = (first.snapshot.detail.deadlines as { decisionDue?: string }).decisionDue;
    // 3 working days from Thursday Sep 25: Fri 26, Sun 28 (调休), Mon 29 on the shipped calendar; Sun 28, Mon 29, Tue 30 on the copy.
    expect(first.step).toBe('reported');
    expectNear(due, sh('2025-09-30', '10:00:00'));
    expect(await calendarActivities(h)).toBe(0);
    await maybeSaveHistory(h, 'calendar-copy-report');
  });

  it('a report without a copy counts its grading window by the activity, before its first step, which carries it', async () => {
    const h = await startHazard(t, 'H-copy-report-none');
    const due = (t.recorder.steps('H-copy-report-none')[0].snapshot.detail.deadlines as { decisionDue?: string }).decisionDue;
    expectNear(due, sh('2025-09-29', '10:00:00'));
    expect(await calendarActivities(h)).toBe(1);
  });

  it('an action without a copy is counted by the activity, as before', async () => {
    const h = await reportedAndCounted('H-copy-none');
    const before = await calendarActivities(h);
    const graded = await h.executeUpdate(gradeUpdate, { args: [grade() as GradeInput] });
    expectNear(graded.rectificationDeadline, SHIPPED_DEADLINE);
    expect(await calendarActivities(h)).toBe(before + 1);
  });

  it('a hazard told of calendar version 5 ignores a copy of version 4 (stale) and asks the activity; a copy of version 5 counts', async () => {
    const stale = await startHazard(t, 'H-copy-stale');
    const change = { calendarVersion: 5, year: 2025, noticeNumber: '国办发明电〔2024〕12号', changedDates: [], reason: '节假日调整' };
    await stale.signal(calendarChangedSignal, change);
    // The copy says Oct 10 (its extra holiday); the shipped calendar, which the activity counts with, Oct 9.
    const graded = await stale.executeUpdate(gradeUpdate, { args: [grade(withExtraHoliday(4)) as GradeInput] });
    expectNear(graded.rectificationDeadline, SHIPPED_DEADLINE);

    const current = await startHazard(t, 'H-copy-current');
    await current.signal(calendarChangedSignal, change);
    const counted = await current.executeUpdate(gradeUpdate, { args: [grade(withExtraHoliday(5)) as GradeInput] });
    expectNear(counted.rectificationDeadline, sh('2025-10-10', '10:00:00'));
    await maybeSaveHistory(current, 'calendar-copy-after-signal');
  });

  it('a copy counts only in the workflow task it arrived in: the next action, sent without one, is counted by the activity', async () => {
    const h = await startHazard(t, 'H-copy-once');
    await h.executeUpdate(gradeUpdate, { args: [{ ...major, calendar: withExtraHoliday(1) } as GradeInput] });
    // 10 working days from Sep 25 on the shipped calendar: Oct 15; on the copy (Sep 26 off): Oct 16.
    const listed = await listAt(h, 'county', await publishedJustNow(t));
    expectNear(listed.currentDeadline, sh('2025-10-15', '10:00:00'));
    await maybeSaveHistory(h, 'calendar-copy-then-none');
  });

  it('the copy is only counted on: a listing that carries one keeps no calendar in its step, its event or the hazard', async () => {
    const h = await startHazard(t, 'H-copy-kept');
    await h.executeUpdate(gradeUpdate, { args: [major as GradeInput] });
    const listed = await listAt(h, 'county', { ...(await publishedJustNow(t)), calendar: copyAt(1) } as Partial<ListInput>);
    expectNear(listed.currentDeadline, sh('2025-10-15', '10:00:00'));
    const kept = JSON.stringify({ steps: t.recorder.steps('H-copy-kept'), state: await stateOf(h) });
    expect(kept).toContain('通州区人民政府');
    expect(kept).not.toMatch(/makeUpWorkdays|"calendar"/);
  });

  it("a count that leaves the copy's years is made by the activity", async () => {
    const h = await reportedAndCounted('H-copy-short');
    const c = withExtraHoliday(1);
    const only2024: CalendarCopy = { version: 1, years: { 2024: c.years[2024] } };
    const before = await calendarActivities(h);
    const graded = await h.executeUpdate(gradeUpdate, { args: [grade(only2024) as GradeInput] });
    expectNear(graded.rectificationDeadline, SHIPPED_DEADLINE);
    expect(await calendarActivities(h)).toBe(before + 1);
  });

  it('every history, with and without copies, replays with the current code', async () => {
    const ids = [
      'H-copy-shipped',
      'H-copy-amended',
      'H-copy-none',
      'H-copy-stale',
      'H-copy-current',
      'H-copy-once',
      'H-copy-kept',
      'H-copy-short',
    ];
    const histories = await Promise.all(
      ids.map(async (id) => ({
        workflowId: `hazard-${id}`,
        history: await t.env.client.workflow.getHandle(`hazard-${id}`).fetchHistory(),
      })),
    );
    const errors: string[] = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle: await quietBundle() }, histories))
      if (r.error) errors.push(`${r.workflowId}: ${r.error.message}`);
    expect(errors).toEqual([]);
  });
});
