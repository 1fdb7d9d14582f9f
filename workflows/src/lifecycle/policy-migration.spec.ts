import { DEFAULT_POLICY as v2, POLICY_V1 as v1 } from '@hazards/domain/policy/default-policy';
import type { EscalationAction } from '@hazards/domain/policy/escalation-action';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { Alarm, HazardState } from '../hazard-lifecycle.types';
import type { ReplanBatch } from './calendar-replan';
import { initialState } from './initial-state';
import { initialPins, ladderPosition, pinnedPolicy, pinsAfterCount, reconcileAlarms, withoutEscalatedReview } from './policy-migration';

const NOW = Date.parse('2025-06-10T02:00:00.000Z');
const DAY = 24 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function rectifying(patch: Partial<HazardState> = {}): HazardState {
  const s = initialState(
    {
      hazardId: 'H',
      enterpriseId: 'E',
      jurisdictionPath: ['c', 'k', 't'],
      source: '企业自查',
      description: 'd',
      reportedBy: { userId: 'u', role: 'enterprise' },
      policy: v2,
    },
    iso(NOW - 30 * DAY),
  );
  return {
    ...s,
    status: 'rectifying',
    grade: 'major',
    listing: { level: 'township', authority: 'a', leadDepartment: 'l', listedAt: iso(NOW - 20 * DAY), listedBy: 'u', relistings: [] },
    deadlines: {
      planDue: iso(NOW - 6 * DAY),
      rectification: iso(NOW + 60 * DAY),
      extensionRequestCutoff: iso(NOW + 30 * DAY),
      extensionDecisionDue: null,
    },
    ...patch,
  };
}

const ladderAlarm = (id: number, stage: number, action: EscalationAction, after: number, at: number): Alarm => ({
  id: `ladder-${id}`,
  kind: 'ladder',
  at: iso(at),
  stage,
  action,
  afterOverdueWorkingDays: after,
});

describe('migrating a hazard to a newer policy (pure part)', () => {
  it('keeps the overdue ladder in place: the new stages due no later than the last one reached count as passed', () => {
    const ladder = v2.escalation.ladder; // 1, 5, 10, 15, 20, 30
    expect(ladderPosition(v1.escalation.ladder, ladder, 0)).toBe(0);
    expect(ladderPosition(v1.escalation.ladder, ladder, 3)).toBe(3); // interview at 10: stage 3 under both
    expect(ladderPosition(v1.escalation.ladder, ladder, 4)).toBe(5); // criticism at 20: stage 4 under v1, 5 under v2
    expect(ladderPosition(ladder, v1.escalation.ladder, 4)).toBe(3); // relisted to the city at 15: v1 has 1, 5, 10 before it
    expect(ladderPosition(ladder, ladder, 6)).toBe(6);
    expect(ladderPosition(ladder.slice(0, 2), ladder, 9)).toBe(6); // past the old ladder's end: every stage passed
  });

  it('pins the open review window always, and each deadline already passed', () => {
    const s = rectifying();
    expect([...initialPins(s, NOW)].sort()).toEqual(['plan', 'review']);
    const overdue = rectifying({
      deadlines: {
        planDue: null,
        rectification: iso(NOW),
        extensionRequestCutoff: null,
        extensionDecisionDue: iso(NOW - 1),
        decisionDue: iso(NOW - DAY),
      },
    });
    expect([...initialPins(overdue, NOW)].sort()).toEqual(['decision', 'extensionDecision', 'rectification', 'review']);
    expect([...initialPins(overdue, NOW - DAY - 1)].sort()).toEqual(['review']);
  });

  it('pins a deadline the new policy would put in the past, not a leaf like the extension cutoff', () => {
    const batches: ReplanBatch[] = [
      {
        from: iso(NOW),
        targets: [
          { offset: 1, deadline: 'rectification' },
          { offset: 2, deadline: 'extensionRequestCutoff' },
          { offset: 3, deadline: 'planDue' },
        ],
      },
    ];
    expect([...pinsAfterCount(batches, [[iso(NOW), iso(NOW - DAY), iso(NOW + 1)]], NOW, new Set(['review']))].sort()).toEqual([
      'rectification',
      'review',
    ]);
    expect([...pinsAfterCount(batches, [[iso(NOW + 1), iso(NOW - DAY), iso(NOW - 1)]], NOW, new Set())]).toEqual(['plan']);
  });

  it('a pinned deadline is counted with the old policy’s length, all the rest with the new policy', () => {
    const next: Policy = {
      ...v2,
      plan: { dueWorkingDaysAfterListing: 3 },
      rectification: { ...v2.rectification, maxWorkingDays: 100 },
      extension: { ...v2.extension, decisionWindowWorkingDays: 4, maxCount: 9 },
      review: { ...v2.review, window: { days: 5, unit: 'working' }, missedWindow: 'none' },
      decisions: {
        grading: { dueWorkingDays: 9, reminders: [2] },
        listing: { dueWorkingDays: 8, reminders: [] },
        planDecision: { dueWorkingDays: 7, reminders: [3] },
      },
    };
    expect(pinnedPolicy(next, v2, new Set())).toBe(next);
    const all = pinnedPolicy(next, v2, new Set(['plan', 'rectification', 'extensionDecision', 'review', 'decision']));
    expect(all.plan).toEqual(v2.plan);
    expect(all.rectification).toEqual(v2.rectification);
    expect(all.extension).toEqual({ ...next.extension, decisionWindowWorkingDays: v2.extension.decisionWindowWorkingDays });
    expect(all.review).toEqual({ ...next.review, window: v2.review.window });
    expect(all.decisions).toEqual({
      grading: { dueWorkingDays: 3, reminders: [2] },
      listing: { dueWorkingDays: 5, reminders: [] },
      planDecision: { dueWorkingDays: 5, reminders: [3] },
    });
    // A policy without decision deadlines has none to pin.
    expect(pinnedPolicy(next, v1, new Set(['decision'])).decisions).toEqual(next.decisions);
  });

  it('leaves an escalated review window alone (it was opened at the escalation, not from the review’s anchor)', () => {
    const batches: ReplanBatch[] = [
      {
        from: 'a',
        targets: [
          { offset: 5, deadline: 'reviewDue' },
          { offset: 5, alarm: { kind: 'review_due' } },
          { offset: 4, alarm: { kind: 'review_reminder', daysBefore: 1 } },
        ],
      },
      { from: 'b', targets: [{ offset: 2, deadline: 'extensionDecisionDue' }] },
    ];
    const s = rectifying({
      status: 'submitted',
      review: { round: 1, levels: ['township'], index: 0, startedAt: 'a', dueAt: 'x', escalatedTo: null },
    });
    expect(withoutEscalatedReview(s, batches)).toBe(batches);
    s.review!.escalatedTo = 'county';
    expect(withoutEscalatedReview(s, batches)).toEqual([batches[1]]);
  });

  describe('reconciling the reminders and the ladder', () => {
    const next: Policy = {
      ...v2,
      reminders: { ...v2.reminders, rectificationDue: [5] },
      escalation: {
        ...v2.escalation,
        ladder: [v2.escalation.ladder[0], { afterOverdueWorkingDays: 3, action: 'interview' }, v2.escalation.ladder[5]],
      },
    };
    const batch: ReplanBatch = {
      from: 'x',
      targets: [
        { offset: 60, deadline: 'rectification' },
        { offset: 55, alarm: { kind: 'rectification_reminder', daysBefore: 5 } },
        { offset: 61, alarm: { kind: 'ladder', stage: 1 } },
        { offset: 63, alarm: { kind: 'ladder', stage: 2 } },
        { offset: 90, alarm: { kind: 'ladder', stage: 3 } },
        { offset: 100, alarm: { kind: 'tracing_overdue' } },
      ],
    };
    const at = (d: number) => iso(NOW + d * DAY);
    const results = [[at(60), at(55), at(61), at(63), at(90), at(100)]];
    const state = () =>
      rectifying({
        alarms: [
          { id: 'rectification_reminder-1', kind: 'rectification_reminder', at: at(50), daysBefore: 10 },
          { id: 'rectification_reminder-2', kind: 'rectification_reminder', at: at(57), daysBefore: 3 },
          { id: 'rectification_reminder-3', kind: 'rectification_reminder', at: at(-1), daysBefore: 20, firedAt: at(-1) },
          ladderAlarm(4, 1, 'supervision_letter', 1, NOW + 61 * DAY),
          ladderAlarm(5, 2, 'relist_up', 5, NOW + 65 * DAY),
          ladderAlarm(6, 6, 'stoppage_recommendation', 30, NOW + 90 * DAY),
          { id: 'tracing_overdue-7', kind: 'tracing_overdue', at: at(100), afterOverdueWorkingDays: 40 },
        ],
      });

    it('removes what the new policy no longer has, adds what it brings, keeps a stage with the same action and offset under its new number', () => {
      const r = reconcileAlarms(state(), next, [batch], results, NOW, 0);
      expect(r.removeIds.sort()).toEqual(['ladder-5', 'rectification_reminder-1', 'rectification_reminder-2']);
      expect(r.removed).toEqual(
        expect.arrayContaining([
          { kind: 'rectification_reminder', at: at(50), daysBefore: 10 },
          { kind: 'ladder', at: at(65), stage: 2, action: 'relist_up' },
        ]),
      );
      expect(r.renumber).toEqual([{ id: 'ladder-6', stage: 3 }]);
      expect(r.add).toEqual([
        { kind: 'rectification_reminder', at: at(55), daysBefore: 5 },
        { kind: 'ladder', at: at(63), stage: 2, action: 'interview', afterOverdueWorkingDays: 3 },
      ]);
      expect(r.added).toEqual([
        { kind: 'rectification_reminder', at: at(55), daysBefore: 5 },
        { kind: 'ladder', at: at(63), stage: 2, action: 'interview' },
      ]);
      expect(r.skipped).toEqual([]);
    });

    it('a reminder already past is not added; a new stage already past is skipped; stages at or below the ladder’s place are passed', () => {
      const later = NOW + 62 * DAY;
      const s = state();
      s.escalations.push({
        kind: 'overdue_ladder',
        at: at(61),
        stage: 1,
        action: 'supervision_letter',
        detail: { afterOverdueWorkingDays: 1 },
      });
      s.escalationStage = 1;
      s.alarms[3].firedAt = at(61);
      const r = reconcileAlarms(s, next, [batch], [[at(-5), at(-5), at(-4), at(-3), at(90), at(100)]], later, 1);
      expect(r.add).toEqual([]);
      // Stage 1 fired under the old ladder (same action and offset): passed, not skipped. Stage 2 (interview at 3) is new and past.
      expect(r.skipped).toEqual([{ kind: 'ladder', at: at(-3), stage: 2, action: 'interview' }]);
      expect(r.renumber).toEqual([{ id: 'ladder-6', stage: 3 }]);
    });

    it('a stage the ladder has passed under the new numbering, which it never had, is reported as skipped; one it had is not', () => {
      const s = state();
      s.escalationStage = 2;
      const r = reconcileAlarms(s, next, [batch], results, NOW, 2);
      expect(r.skipped).toEqual([
        { kind: 'ladder', at: at(61), stage: 1, action: 'supervision_letter' },
        { kind: 'ladder', at: at(63), stage: 2, action: 'interview' },
      ]);
      s.escalations.push({
        kind: 'overdue_ladder',
        at: at(61),
        stage: 1,
        action: 'supervision_letter',
        detail: { afterOverdueWorkingDays: 1 },
      });
      expect(reconcileAlarms(s, next, [batch], results, NOW, 2).skipped).toEqual([
        { kind: 'ladder', at: at(63), stage: 2, action: 'interview' },
      ]);
    });

    it('touches nothing the batches did not count (a hazard not rectifying has no rectification batch)', () => {
      const r = reconcileAlarms(state(), next, [], [], NOW, 0);
      expect(r).toEqual({ removeIds: [], renumber: [], add: [], removed: [], added: [], skipped: [] });
    });

    it('a review reminder belongs to the open round and level; the new policy sending none removes the old ones', () => {
      const s = rectifying({
        status: 'submitted',
        review: { round: 2, levels: ['township', 'county'], index: 1, startedAt: at(-1), dueAt: at(9), escalatedTo: null },
        alarms: [{ id: 'review_reminder-1', kind: 'review_reminder', at: at(7), round: 2, level: 'county', daysBefore: 2 }],
      });
      const reminders: ReplanBatch = { from: at(9), targets: [{ offset: -1, alarm: { kind: 'review_reminder', daysBefore: 1 } }] };
      const r = reconcileAlarms(s, v2, [reminders], [[at(8)]], NOW, 0);
      expect(r.add).toEqual([{ kind: 'review_reminder', at: at(8), round: 2, level: 'county', daysBefore: 1 }]);
      expect(r.removeIds).toEqual(['review_reminder-1']);
      expect(reconcileAlarms(s, v2, [], [], NOW, 0).removeIds).toEqual(['review_reminder-1']);
    });
  });
});
