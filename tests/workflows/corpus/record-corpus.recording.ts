import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { scaledShift } from '@hazards/testing/workers/scaled-calendar-worker';
import { createHazardActivities } from '../../../apps/worker/src/activities/hazard.activities';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { createHazardWorker } from '@hazards/temporal/hazard-worker.factory';
import {
  decideExtensionUpdate,
  decidePlanUpdate,
  gradeUpdate,
  hazardLifecycleWorkflow,
  linkAccidentUpdate,
  listUpdate,
  recordPenaltyUpdate,
  recordProductionStopUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitCompletionUpdate,
  submitPlanUpdate,
  withdrawUpdate,
  type HazardView,
} from '../../../workflows/src';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { actors, ENTERPRISE, PATH, PLAN, saveHistory, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { CORPUS_POLICY } from './corpus-policy';

/**
 * Records the replay corpus (tests/workflows/histories/corpus-*.json) on the dev server with the
 * real activities (PostgreSQL), on a scaled calendar where a working day lasts WORKING_DAY_MS, so
 * that every alarm kind fires within seconds. Not part of `npm test` (it records; replay.test.ts
 * replays). Run it after a workflow change that needs new recordings:
 *   npm test -- --testMatch '<rootDir>/tests/workflows/corpus/*.recording.ts'
 */
const WORKING_DAY_MS = 2500;
const TASK_QUEUE = 'corpus-recording';

let ds: DataSource;
let worker: Worker;
let running: Promise<void>;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
const run = `${Date.now()}`;

beforeAll(async () => {
  ds = await openTestDataSource();
  nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const workdaysFrom = Date.now() - 24 * 3600_000; // every day from yesterday on is a working day
  worker = await createHazardWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    activities: { ...createHazardActivities(ds), shiftWorkingDays: async (input) => scaledShift(input, WORKING_DAY_MS, workdaysFrom) },
  });
  running = worker.run();
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  client = new Client({ connection });
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await ds?.destroy();
});

async function start(name: string, enterpriseId = ENTERPRISE): Promise<WorkflowHandle<typeof hazardLifecycleWorkflow>> {
  const hazardId = `corpus-${name}-${run}`;
  return client.workflow.start(hazardLifecycleWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: hazardWorkflowId(hazardId),
    args: [
      {
        hazardId,
        enterpriseId,
        jurisdictionPath: PATH,
        source: '监督检查',
        description: `回放语料：${name}`,
        reportedBy: actors.county,
        policy: CORPUS_POLICY,
      },
    ],
  });
}
const state = (h: WorkflowHandle): Promise<HazardView> => stateOf(h);
const until = (h: WorkflowHandle, check: (s: HazardView) => boolean) => waitFor(async () => check(await state(h)), 180_000);
const criterion = { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第四条' };
const major = { actor: actors.county, grade: 'major' as const, accidentType: '火灾' as const, industry: '制造业', criterion };
const plan = { actor: actors.enterprise, plan: PLAN, interimMeasures: '限产', productionStopped: false };
const done = { actor: actors.enterprise, evidenceFileIds: ['f1'], assessment: { by: 'self' as const, conclusion: '合格' } };
const escalated = (kind: string) => (s: HazardView) => s.escalations.some((e) => e.kind === kind);

const scenarios: Record<string, () => Promise<WorkflowHandle>> = {
  /** 一般隐患: graded, fixed, verified; the reminder before the short deadline. */
  'general-closed': async () => {
    const h = await start('general');
    await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.grid, grade: 'general', accidentType: '触电', industry: '制造业', generalMode: 'short' }],
    });
    await until(h, (s) => s.timeline.some((e) => e.step === 'reminder'));
    await h.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f1'] }] });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] });
    return h;
  },
  /** County listing: plan reminder, approval, extension approved, rectification reminder, rejection, rework, two-level review. */
  'county-rework-closed': async () => {
    const h = await start('county');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.county, level: 'county', authority: '通州区人民政府', leadDepartment: '应急管理局' }],
    });
    await until(h, (s) => s.timeline.some((e) => e.step === 'reminder'));
    await h.executeUpdate(submitPlanUpdate, { args: [plan] });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    await h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actors.enterprise, workingDays: 2, reason: '设备到货延迟' }] });
    await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    await until(h, (s) => s.timeline.filter((e) => e.step === 'reminder').length >= 2);
    await h.executeUpdate(submitCompletionUpdate, { args: [done] });
    await until(h, (s) => s.timeline.filter((e) => e.step === 'reminder').length >= 3); // review reminder
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'reject', reason: '缺少检测报告' }] });
    await h.executeUpdate(submitCompletionUpdate, { args: [done] });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.county, result: 'pass' }] });
    return h;
  },
  /** Plan returned, then not resubmitted in time (plan overdue), then approved. */
  'plan-returned-overdue': async () => {
    const h = await start('plan');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.township, level: 'township', authority: '金沙镇人民政府', leadDepartment: '安监办' }],
    });
    await h.executeUpdate(submitPlanUpdate, { args: [plan] });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'return', reason: '缺少应急预案' }] });
    await until(h, escalated('plan_overdue'));
    await h.executeUpdate(submitPlanUpdate, { args: [plan] });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'approve' }] });
    await h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.township, kind: 'false', reason: '录制结束' }] });
    return h;
  },
  /** An extension left undecided past its window, then refused. */
  'extension-decision-overdue': async () => {
    const h = await start('extension');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.county, level: 'county', authority: '通州区人民政府', leadDepartment: '应急管理局' }],
    });
    await h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actors.enterprise, workingDays: 3, reason: '资金未到位' }] });
    await until(h, escalated('extension_decision_overdue'));
    await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'refuse', reason: '理由不充分' }] });
    await h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.county, kind: 'false', reason: '录制结束' }] });
    return h;
  },
  /** A review missed at each level, escalated up to the province. */
  'review-window-missed': async () => {
    const h = await start('review');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.city, level: 'city', authority: '南通市人民政府', leadDepartment: '住建局' }],
    });
    await h.executeUpdate(submitPlanUpdate, { args: [plan] });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.city, decision: 'approve' }] });
    await h.executeUpdate(submitCompletionUpdate, { args: [done] });
    await until(h, (s) => s.escalations.filter((e) => e.kind === 'review_window_missed').length === 3);
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.city, result: 'pass' }] });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.county, result: 'pass' }] });
    await h.executeUpdate(reviewUpdate, { args: [{ actor: actors.city, result: 'pass' }] });
    return h;
  },
  /** A township listing never fixed: every ladder stage, relisted to the county and the city, then 责任倒查. */
  'ladder-to-the-top': async () => {
    const h = await start('ladder');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.township, level: 'township', authority: '金沙镇人民政府', leadDepartment: '安监办' }],
    });
    await h.executeUpdate(submitPlanUpdate, { args: [plan] });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'approve' }] });
    await until(h, (s) => s.tracing !== null && s.escalationStage === 6);
    await h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.city, kind: 'duplicate', reason: '录制结束', duplicateOf: 'corpus' }] });
    return h;
  },
  /** Withdrawn by its listing level, the level above told. */
  withdrawal: async () => {
    const h = await start('withdrawal');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.township, level: 'township', authority: '金沙镇人民政府', leadDepartment: '安监办' }],
    });
    await h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.township, kind: 'false', reason: '复查不属实' }] });
    return h;
  },
  /** Production stop and resume, an accident during rectification (从重), penalties up to art 113. */
  'stop-accident-penalties': async () => {
    const h = await start('records', 'ent-corpus-records');
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await h.executeUpdate(recordProductionStopUpdate, {
      args: [{ actor: actors.county, action: 'ordered', scope: '全厂', reason: '重大隐患' }],
    });
    await h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.county, action: 'lifted', reason: '临时措施到位' }] });
    await h.executeUpdate(linkAccidentUpdate, {
      args: [{ actor: actors.county, accidentId: 'ACC-corpus', occurredAt: new Date().toISOString(), description: '整改期间发生事故' }],
    });
    for (const d of ['2025-01-05', '2025-02-05', '2025-03-05']) {
      await h.executeUpdate(recordPenaltyUpdate, {
        args: [{ actor: actors.county, lawArticle: '《安全生产法》第一百零二条', amountYuan: 10000, decidedAt: `${d}T02:00:00.000Z` }],
      });
    }
    await h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.county, kind: 'false', reason: '录制结束' }] });
    return h;
  },
  /** Nothing waits forever: grading, listing and the plan decision reminded and escalated. */
  'decision-deadlines': async () => {
    const h = await start('decisions');
    await until(h, escalated('grading_overdue'));
    await h.executeUpdate(gradeUpdate, { args: [major] });
    await until(h, escalated('listing_overdue'));
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.township, level: 'township', authority: '金沙镇人民政府', leadDepartment: '安监办' }],
    });
    await h.executeUpdate(submitPlanUpdate, { args: [plan] });
    await until(h, escalated('plan_decision_overdue'));
    await h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.township, kind: 'false', reason: '录制结束' }] });
    return h;
  },
};

describe('recording the replay corpus on the dev server', () => {
  it('records every scenario', async () => {
    const handles = await Promise.all(Object.entries(scenarios).map(async ([name, scenario]) => [name, await scenario()] as const));
    for (const [name, h] of handles) {
      await waitFor(async () => (await h.describe()).status.name === 'COMPLETED', 60_000);
      await saveHistory(h, `corpus-${name}`);
    }
  }, 600_000);
});
