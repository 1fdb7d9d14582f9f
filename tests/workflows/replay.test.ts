import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ALARM_KINDS } from '../../workflows/src/lifecycle/alarms';
import { loadHistory } from '@hazards/testing/workflows/hazard-fixtures';
import { quietBundle } from '@hazards/testing/workflows/scenario-env';

/**
 * Recorded histories (tests/workflows/histories) must replay against the current workflow code.
 * A change that breaks one needs `patched()` (or a new workflow type), not a new recording. The
 * scenario recordings come from `RECORD_HISTORIES=1 npx jest tests/workflows`; the corpus
 * (corpus-*.json) from the dev server with the real activities (tests/workflows/corpus).
 */
const dir = join(__dirname, 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  bundle = await quietBundle();
});

const UPDATES = [
  'grade',
  'list',
  'submitPlan',
  'decidePlan',
  'requestExtension',
  'decideExtension',
  'submitCompletion',
  'review',
  'withdraw',
  'recordProductionStop',
  'linkAccident',
  'recordPenalty',
  'issueLetter',
  'publishNotice',
  'scheduleInterview',
  'holdInterview',
];

/** The updates accepted and the alarm kinds that fired in one recorded history (read from its events). */
function covered(text: string): { updates: Set<string>; alarms: Set<string> } {
  const { history } = JSON.parse(text) as { history: { events: Record<string, any>[] } };
  const updates = new Set<string>();
  const alarms = new Set<string>();
  const decode = (p: { data?: string } | undefined) => (p?.data ? JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) : undefined);
  for (const e of history.events) {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) updates.add(accepted.acceptedRequest?.input?.name);
    const scheduled = e.activityTaskScheduledEventAttributes;
    const name = scheduled?.activityType?.name;
    if (name !== 'recordStep' && name !== 'issueAndRecordStep') continue;
    // A step that issues its document is recorded by issueAndRecordStep, the step inside its input.
    const input = decode(scheduled!.input?.payloads?.[0]);
    const step = (name === 'recordStep' ? input : input.step) as { step: string; data: Record<string, unknown> };
    const d = step.data;
    if (step.step === 'reminder') {
      alarms.add(
        (
          {
            plan: 'plan_reminder',
            rectification: 'rectification_reminder',
            review: 'review_reminder',
            publication: 'publication_reminder',
            interview: 'interview_reminder',
          } as Record<string, string>
        )[d.deadline as string] ?? 'decision_reminder',
      );
    } else if (step.step === 'escalation') {
      const byKind: Record<string, string> = {
        plan_overdue: 'plan_due',
        review_window_missed: 'review_due',
        extension_decision_overdue: 'extension_decision_due',
        grading_overdue: 'decision_due',
        listing_overdue: 'decision_due',
        plan_decision_overdue: 'decision_due',
        publication_overdue: 'publication_due',
        interview_overdue: 'interview_due',
      };
      // An interview's escalation names the ladder stage that ordered it: its kind decides, not the stage.
      alarms.add(byKind[d.kind as string] ?? (d.stage !== undefined ? 'ladder' : String(d.kind)));
    } else if (step.step === 'accountability.traced' && d.trigger === 'overdue') {
      alarms.add('tracing_overdue');
    }
  }
  return { updates, alarms };
}

describe('replaying recorded lifecycles against the current workflow code', () => {
  it('has recorded histories to replay, covering every update and every alarm kind', () => {
    expect(files).toEqual(expect.arrayContaining(['general-closed-on-time.json', 'county-major-closed.json', 'city-overdue-ladder.json']));
    const all = files.map((f) => covered(readFileSync(join(dir, f), 'utf8')));
    const updates = new Set(all.flatMap((c) => [...c.updates]));
    const alarms = new Set(all.flatMap((c) => [...c.alarms]));
    expect(UPDATES.filter((u) => !updates.has(u))).toEqual([]);
    expect(ALARM_KINDS.filter((k) => !alarms.has(k))).toEqual([]);
  });

  it.each(files)('%s replays with no nondeterminism error', async (file) => {
    const { workflowId, history } = loadHistory(readFileSync(join(dir, file), 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, workflowId)).resolves.toBeUndefined();
  });
});
