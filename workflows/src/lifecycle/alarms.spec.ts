import { DEFAULT_POLICY as policy } from '@hazards/domain/policy/default-policy';
import { rectificationSchedule } from '@hazards/domain/rules/deadline-schedule.rule';
import type { Alarm, HazardState } from '../hazard-lifecycle.types';
import { armed, nextArmed, scheduleChange, withId, withoutPending } from './alarms';
import { initialState } from './initial-state';

const reported = (): HazardState =>
  initialState(
    {
      hazardId: 'H',
      enterpriseId: 'E',
      jurisdictionPath: ['c', 'k', 't'],
      source: '企业自查',
      description: 'd',
      reportedBy: { userId: 'u', role: 'enterprise' },
      policy,
    },
    '2025-04-07T01:00:00.000Z',
  );

describe('alarms (pure)', () => {
  it('a plan alarm is armed only while the plan is awaited', () => {
    const s = reported();
    const a: Alarm = { id: 'plan_due-1', kind: 'plan_due', at: '2025-04-21T01:00:00.000Z' };
    s.status = 'listed';
    expect(armed(s, a)).toBe(true);
    s.status = 'plan_submitted';
    expect(armed(s, a)).toBe(false);
  });

  it('a fired alarm, or any alarm of a closed hazard, is not armed', () => {
    const s = reported();
    s.status = 'rectifying';
    const ladder: Alarm = {
      id: 'ladder-1',
      kind: 'ladder',
      at: '2025-05-01T01:00:00.000Z',
      stage: 1,
      action: 'supervision_letter',
      afterOverdueWorkingDays: 1,
    };
    expect(armed(s, ladder)).toBe(true);
    expect(armed(s, { ...ladder, firedAt: '2025-05-01T01:00:00.000Z' })).toBe(false);
    s.status = 'closed';
    expect(armed(s, ladder)).toBe(false);
  });

  it('a review alarm belongs to its round and level', () => {
    const s = reported();
    s.status = 'submitted';
    s.review = { round: 2, levels: ['township', 'county'], index: 1, startedAt: 'x', dueAt: null, escalatedTo: null };
    const due = (round: number, level: 'township' | 'county'): Alarm => ({ id: 'review_due-1', kind: 'review_due', at: 'x', round, level });
    expect(armed(s, due(2, 'county'))).toBe(true);
    expect(armed(s, due(2, 'township'))).toBe(false);
    expect(armed(s, due(1, 'county'))).toBe(false);
  });

  it('the next alarm is the soonest armed one, ties broken by id', () => {
    const s = reported();
    s.status = 'rectifying';
    s.alarms = [
      {
        id: 'ladder-3',
        kind: 'ladder',
        at: '2025-05-02T01:00:00.000Z',
        stage: 1,
        action: 'supervision_letter',
        afterOverdueWorkingDays: 1,
      },
      { id: 'rectification_reminder-2', kind: 'rectification_reminder', at: '2025-05-01T01:00:00.000Z', daysBefore: 3 },
      { id: 'rectification_reminder-1', kind: 'rectification_reminder', at: '2025-05-01T01:00:00.000Z', daysBefore: 10 },
      { id: 'plan_due-0', kind: 'plan_due', at: '2025-04-01T01:00:00.000Z' },
    ];
    expect(nextArmed(s)?.id).toBe('rectification_reminder-1');
  });

  it('a new rectification schedule replaces reminders, ladder and tracing, skips past reminders and stages already reached', () => {
    const s = reported();
    s.status = 'rectifying';
    s.escalationStage = 2;
    s.alarms = [
      { id: 'ladder-1', kind: 'ladder', at: 'a', stage: 1, action: 'supervision_letter', afterOverdueWorkingDays: 1, firedAt: 'a' },
      { id: 'ladder-2', kind: 'ladder', at: 'b', stage: 3, action: 'interview', afterOverdueWorkingDays: 10 },
      { id: 'plan_due-3', kind: 'plan_due', at: 'c' },
    ];
    const items = rectificationSchedule(policy, { grade: 'major', rectificationWorkingDays: 20 });
    const now = Date.parse('2025-06-01T00:00:00Z');
    const instants = items.map((x) => new Date(now + (x.offset - 12) * 86_400_000).toISOString());
    const change = scheduleChange(s, items, instants, now);
    expect(change.replaceKinds.sort()).toEqual(['ladder', 'rectification_reminder', 'tracing_overdue']);
    expect(change.deadlines).toEqual({
      rectification: instants[0],
      extensionRequestCutoff: instants[items.findIndex((x) => x.item.kind === 'extension_cutoff')],
    });
    // 20−10−12 < 0: the 10-day reminder would be in the past; the 3-day one is sent.
    expect(change.add.filter((a) => a.kind === 'rectification_reminder').map((a) => ('daysBefore' in a ? a.daysBefore : null))).toEqual([
      3,
    ]);
    expect(change.add.filter((a) => a.kind === 'ladder').map((a) => ('stage' in a ? a.stage : null))).toEqual([3, 4, 5, 6]);
    const kept = withoutPending(s.alarms, change.replaceKinds);
    expect(kept.map((a) => a.id)).toEqual(['ladder-1', 'plan_due-3']);
    expect(withId({ kind: 'plan_due', at: 'x' }, 7).id).toBe('plan_due-7');
  });
});
