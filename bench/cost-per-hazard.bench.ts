import { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import {
  decideExtensionUpdate,
  gradeUpdate,
  publishNoticeUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitCompletionUpdate,
} from '../workflows/src';
import { listAt, planApproved } from '@hazards/testing/workflows/hazard-steps';
import { actors, billableActions, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { startScenarioEnv } from '@hazards/testing/workflows/scenario-env';
import { report } from '@hazards/testing/report/bench-report';
import { runMain } from '@hazards/testing/stack/bench-stack';

/**
 * Benchmark 4: Temporal history events and billable actions (as Temporal Cloud counts them) for
 * one closed general hazard, and one city-listed major hazard with three-level review, its
 * reminders and one extension, on the real default policy (time-skipping server).
 * Baseline: the smallest possible lifecycle, a workflow start plus one update per user action.
 */
async function countEvents(h: WorkflowHandle): Promise<{ events: number; byType: Record<string, number> }> {
  const history = await h.fetchHistory();
  const byType: Record<string, number> = {};
  for (const e of history.events ?? []) {
    const name = temporal.api.enums.v1.EventType[e.eventType as number] ?? String(e.eventType);
    byType[name] = (byType[name] ?? 0) + 1;
  }
  return { events: history.events?.length ?? 0, byType };
}

async function main(): Promise<void> {
  const t = await startScenarioEnv('2025-03-03T02:00:00Z', 'bench-cost');
  try {
    // General hazard: graded, fixed the same day, verified by the township: closed.
    const g = await startHazard(t, 'bench-general');
    await g.executeUpdate(gradeUpdate, { args: [{ actor: actors.township, grade: 'general', accidentType: '触电', industry: '制造业' }] });
    await g.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f1'] }] });
    await g.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] });
    const generalActions = await billableActions(g);
    const general = await countEvents(g);

    // City-listed major hazard: plan, reminders, one extension, three-level review.
    const m = await startHazard(t, 'bench-city');
    await m.executeUpdate(gradeUpdate, {
      args: [
        {
          actor: actors.city,
          grade: 'major',
          accidentType: '火灾',
          industry: '危险化学品',
          criterion: { standard: '化工和危险化学品重大隐患判定标准', item: '第十条' },
        },
      ],
    });
    await listAt(m, 'city', { publishedAt: sh('2025-03-03') });
    await t.advanceTo(sh('2025-03-13'));
    await planApproved(m, '限产巡检', actors.city);
    await t.advanceTo(sh('2025-07-01'));
    await m.executeUpdate(requestExtensionUpdate, { args: [{ actor: actors.enterprise, workingDays: 20, reason: '设备交货延迟' }] });
    await m.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.city, decision: 'approve' }] });
    await t.advanceTo(sh('2025-08-20'));
    await m.executeUpdate(submitCompletionUpdate, {
      args: [
        {
          actor: actors.enterprise,
          evidenceFileIds: ['f1'],
          assessment: { by: 'third_party', assessorName: '江苏安评', conclusion: '合格' },
        },
      ],
    });
    await m.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] });
    await m.executeUpdate(reviewUpdate, { args: [{ actor: actors.county, result: 'pass' }] });
    await m.executeUpdate(reviewUpdate, { args: [{ actor: actors.city, result: 'pass' }] });
    // The delisting notice (摘牌公告) is issued with the sign-off; the lifecycle ends once the city publishes it.
    const delisting = (await stateOf(m)).notices.find((n) => n.kind === 'delisting_notice')!;
    await m.executeUpdate(publishNoticeUpdate, { args: [{ actor: actors.city, documentId: delisting.documentId }] });
    await waitFor(async () => (await m.describe()).status.name === 'COMPLETED');
    const majorActions = await billableActions(m);
    const major = await countEvents(m);
    const reminders = t.recorder.steps('bench-city').filter((s) => s.step === 'reminder').length;

    report(
      'cost-per-hazard',
      [
        {
          hazard: 'general, closed',
          userActions: 3,
          minimumActions: 1 + 3,
          billableActions: generalActions,
          historyEvents: general.events,
          target: 25,
        },
        {
          hazard: 'city-listed major, 3-level review, 1 extension, delisting notice published',
          userActions: 11,
          minimumActions: 1 + 11,
          billableActions: majorActions,
          historyEvents: major.events,
          reminders,
          target: 60,
        },
      ],
      { general: general.byType, major: major.byType, met: generalActions <= 25 && majorActions <= 60 },
    );
  } finally {
    await t.teardown();
  }
}

runMain(main);
