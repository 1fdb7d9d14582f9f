import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { explainStep } from '@hazards/domain/explanations/explain-step';
import type { HistoryStep } from '@hazards/domain/explanations/explanation.types';
import { namedCalendar } from '@hazards/domain/explanations/named-calendar';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { gradeUpdate } from '../../workflows/src';
import { actors, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

/**
 * 为什么？ over a real lifecycle: the workflow (time-skipping, across 中秋 and 国庆 2026) records the
 * instants it counted from and fired at; every escalation, reminder and deadline step it wrote is
 * explained, and the explainer's own count lands where the workflow's calendar activity put it.
 * The same history without those inputs (as recorded before the patch) is explained by recounting.
 */
const t = useScenarioEnv(sh('2026-09-24', '10:00:00'));

const cal = namedCalendar(BUNDLED_NOTICES);
const EXPLAINED = ['reminder', 'escalation', 'accountability.traced', 'graded', 'reported'];

describe('explanations of a real lifecycle', () => {
  it('a report left ungraded past its deadline, then a short general deadline missed to 责任倒查: every alarm step explained, numbers matching the workflow', async () => {
    const id = 'X-explained';
    const h = await startHazard(t, id, { source: '网格巡查' });
    const reportedAt = await t.now();
    // Grading is owed in 3 working days (reminder 1 day before); the 中秋 weekend lies in between.
    const gradingDue = addWorkingDays(reportedAt, 3);
    await t.advanceTo(new Date(gradingDue.getTime() + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'grading_overdue'));
    await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.township, grade: 'general', generalMode: 'short', accidentType: '火灾', industry: '危险化学品' }],
    });
    const deadline = (await stateOf(h)).deadlines.rectification!;
    await t.advanceTo(new Date(addWorkingDays(deadline, 41).getTime()));
    await waitFor(async () => (await stateOf(h)).tracing !== null);

    const history: HistoryStep[] = t.recorder
      .steps(id)
      .map((s) => ({ seq: s.seq, step: s.step, at: s.at, policyVersion: s.policyVersion, data: s.data }));
    const steps = history.filter((s) => EXPLAINED.includes(s.step));
    expect(steps.map((s) => `${s.step}:${s.data.kind ?? s.data.deadline ?? s.data.stage ?? ''}`)).toEqual([
      'reported:',
      'reminder:grading',
      'escalation:grading_overdue',
      'graded:',
      'reminder:rectification',
      'escalation:1',
      'escalation:2',
      // Stage 2 ordered an interview (约谈, default-v2): its reminder and, not held, its escalation.
      'reminder:interview',
      'escalation:interview_overdue',
      'accountability.traced:',
    ]);
    for (const s of steps) {
      const e = explainStep(history, s.seq, DEFAULT_POLICY, cal)!;
      expect({ seq: s.seq, explained: e !== null }).toEqual({ seq: s.seq, explained: true });
      // The report's grading window opens after its step is written: that one is always recounted.
      expect({ seq: s.seq, inputs: e.inputs }).toEqual({ seq: s.seq, inputs: s.step === 'reported' ? 'recomputed' : 'recorded' });
      // Each count lands where the workflow's calendar activity put it.
      for (const c of e.computations.filter((x) => x.recorded))
        expect({ seq: s.seq, key: c.key, matches: c.matchesRecord }).toEqual({ seq: s.seq, key: c.key, matches: true });
      // And where an independent count (the engine's calendar, not the explainer's walk) puts it.
      for (const c of e.computations.filter((x) => x.count.unit === 'working'))
        expect(c.count.to).toBe(addWorkingDays(c.count.from, c.count.days).toISOString());
    }
    const byStep = (name: string, pred: (s: HistoryStep) => boolean = () => true) =>
      explainStep(history, steps.find((s) => s.step === name && pred(s))!.seq, DEFAULT_POLICY, cal)!;
    const grading = byStep('escalation', (s) => s.data.kind === 'grading_overdue');
    expect(grading.rules[0]).toMatchObject({ path: 'decisions.grading.dueWorkingDays', value: 3 });
    // The window opened when the workflow recorded the report, a moment after the test read the clock.
    expect(Math.abs(Date.parse(grading.overdueSince!) - gradingDue.getTime())).toBeLessThan(60_000);
    expect([...new Set(grading.computations[0].count.holidaysSkipped.map((d) => d.name))]).toEqual(['中秋节 Mid-Autumn']);
    const stage2 = byStep('escalation', (s) => s.data.stage === 2);
    expect(stage2.rules[0]).toMatchObject({
      path: 'escalation.generalLadder[1]',
      value: { afterOverdueWorkingDays: 5, action: 'interview' },
    });
    expect(stage2.overdueSince).toBe(deadline);
    expect(stage2.computations.map((c) => c.key)).toEqual(['rectificationDeadline', 'stageAt']);
    expect(stage2.computations[0].rule).toMatchObject({ path: 'rectification.general.shortWorkingDays', value: 5 });
    // Graded on 30 September: the 5 working days skip the 国庆 week and count its make-up Saturday.
    expect([...new Set(stage2.computations[0].count.holidaysSkipped.map((d) => d.name))]).toEqual(['国庆节 National Day']);
    expect(stage2.computations[0].count.makeUpDaysCounted).toEqual([{ date: '2026-10-10', name: '国庆节 National Day' }]);
    const traced = byStep('accountability.traced');
    expect(traced.computations.at(-1)!.count.to).toBe(addWorkingDays(deadline, 40).toISOString());

    // Recorded before the patch: no inputs in the payloads. Recounted from the history, the same instants.
    const old = history.map((s) => {
      const { alarmAt: _a, countedFrom: _c, ...data } = s.data;
      return { ...s, data };
    });
    for (const s of steps) {
      const now = explainStep(history, s.seq, DEFAULT_POLICY, cal)!;
      const before = explainStep(old, s.seq, DEFAULT_POLICY, cal)!;
      expect(before.inputs).toBe('recomputed');
      const minute = (iso: string) => iso.slice(0, 16);
      expect({ seq: s.seq, to: before.computations.map((c) => minute(c.count.to)) }).toEqual({
        seq: s.seq,
        to: now.computations.map((c) => minute(c.count.to)),
      });
    }
  });
});
