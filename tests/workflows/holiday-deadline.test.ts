import { gradeUpdate } from '../../workflows/src';
import { gradeMajor, listAt, publishedJustNow } from '@hazards/testing/workflows/hazard-steps';
import { actors, expectNear, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Thursday 2025-09-25 10:00 Shanghai, the week before the 2025 国庆+中秋 holiday (Oct 1–8 off,
// Sunday Sep 28 and Saturday Oct 11 worked).
const t = useScenarioEnv(sh('2025-09-25', '10:00:00'));

describe('deadlines across the 国庆 holiday week count working days', () => {
  it('a county listing on Sep 25 has its plan due 10 working days later on Oct 15, with a reminder on the 调休 Saturday Oct 11', async () => {
    const h = await startHazard(t, 'H-plan-national-day');
    await gradeMajor(h, '火灾', '第五条');
    const listed = await listAt(h, 'county', await publishedJustNow(t));
    // Fri 26, Sun 28 (调休), Mon 29, Tue 30, Thu Oct 9, Fri 10, Sat 11 (调休), Mon 13, Tue 14, Wed 15.
    expectNear(listed.currentDeadline, sh('2025-10-15', '10:00:00'));
    const reminders = (await stateOf(h)).upcoming.filter((u) => u.kind === 'plan_reminder');
    expect(reminders.map((u) => u.daysBefore)).toEqual([3, 1]);
    expectNear(reminders[0].at, sh('2025-10-11', '10:00:00'));
    expectNear(reminders[1].at, sh('2025-10-14', '10:00:00'));
  });

  it('a general hazard with a 5-working-day deadline set on Sep 25 is due Oct 9, and is not overdue during the holiday', async () => {
    const id = 'H-national-day';
    const h = await startHazard(t, id);
    const graded = await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.township, grade: 'general', accidentType: '物体打击', industry: '制造业', generalMode: 'short' }],
    });
    // Fri 26, Sun 28 (调休), Mon 29, Tue 30, then Thu Oct 9.
    expectNear(graded.rectificationDeadline, sh('2025-10-09', '10:00:00'));

    // The reminder one working day before goes out on Sep 30, not during the holiday.
    await t.advanceTo(sh('2025-10-08', '23:00:00'));
    await waitFor(() => t.recorder.steps(id).some((s) => s.step === 'reminder'));
    const reminder = t.recorder.steps(id).find((s) => s.step === 'reminder')!;
    expectNear(reminder.at, sh('2025-09-30', '10:00:00'));
    expect((await stateOf(h)).escalationStage).toBe(0);

    // One working day after the deadline (Fri Oct 10) comes the supervision letter.
    await t.advanceTo(sh('2025-10-10', '12:00:00'));
    await waitFor(async () => (await stateOf(h)).escalationStage === 1);
    expectNear((await stateOf(h)).escalations[0].at, sh('2025-10-10', '10:00:00'));
  });

  it('the plan reminder of the Sep 25 listing goes out on the make-up Saturday Oct 11', async () => {
    await t.advanceTo(sh('2025-10-11', '10:30:00'));
    await waitFor(() => t.recorder.steps('H-plan-national-day').some((s) => s.step === 'reminder'));
    const reminder = t.recorder.steps('H-plan-national-day').find((s) => s.step === 'reminder')!;
    expectNear(reminder.at, sh('2025-10-11', '10:00:00'));
    expect(reminder.events[0]).toMatchObject({ type: 'reminder.due', payload: { deadline: 'plan', daysBefore: 3 } });
  });
});
