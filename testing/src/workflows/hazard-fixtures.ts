import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '@hazards/domain/hazard/actor';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import {
  getStateQuery,
  hazardLifecycleWorkflow,
  type HazardLifecycleInput,
  type HazardView,
  type SubmitPlanInput,
} from '../../../workflows/src';
import { QUERY_RACE_MESSAGE } from '../../../workflows/src/query-race.interceptors';
import { retryWhile } from '@hazards/concurrency';
import { waitFor } from '../polling';
import { REPO_ROOT } from '../paths';
import type { ScenarioEnv } from './scenario-env';

/** 南通市 → 通州区 → 金沙镇 → 网格1: the jurisdiction path of every test hazard. */
export const PATH = ['nantong', 'tongzhou', 'jinsha', 'jinsha-g1'];
export const ENTERPRISE = 'ent-913206001234567890';

export const actors = {
  grid: { userId: 'u-grid', role: 'grid_inspector', name: '网格员 王', jurisdictionId: 'jinsha-g1', jurisdictionLevel: 'grid' },
  township: { userId: 'u-town', role: 'supervisor', name: '金沙镇安监 李', jurisdictionId: 'jinsha', jurisdictionLevel: 'township' },
  county: { userId: 'u-county', role: 'supervisor', name: '通州区应急局 张', jurisdictionId: 'tongzhou', jurisdictionLevel: 'county' },
  city: { userId: 'u-city', role: 'supervisor', name: '南通市安委办 陈', jurisdictionId: 'nantong', jurisdictionLevel: 'city' },
  otherCounty: { userId: 'u-haimen', role: 'supervisor', name: '海门区 赵', jurisdictionId: 'haimen', jurisdictionLevel: 'county' },
  enterprise: { userId: 'u-ent', role: 'enterprise', name: '企业安全员 周', enterpriseId: ENTERPRISE },
  safetyDirector: { userId: 'u-director', role: 'enterprise', name: '安全总监 吴', enterpriseId: ENTERPRISE, isSafetyDirector: true },
  otherEnterprise: { userId: 'u-other', role: 'enterprise', name: '他企业', enterpriseId: 'ent-other' },
} satisfies Record<string, Actor>;

export const PLAN: SubmitPlanInput['plan'] = {
  goalAndTasks: '消除储罐区可燃气体检测报警系统失效隐患',
  methodsAndMeasures: '更换探头，接入DCS联锁，委托检测',
  fundsAndMaterials: '经费35万元已列支，设备已订货',
  responsibleBodyAndPeople: '设备部 经理 孙某(整改第一责任人)',
  timeLimitAndRequirements: '60个工作日内完成并经第三方检测合格',
  safetyMeasuresAndEmergencyPlan: '罐区限产、人工巡检每2小时一次，应急预案已演练',
};

export const sh = (date: string, time = '10:00:00') => new Date(`${date}T${time}+08:00`).toISOString();

/** The scenario hazard's lifecycle input: a grid patrol's report at the test enterprise. */
export function hazardInput(hazardId: string, opts: Partial<Omit<HazardLifecycleInput, 'hazardId'>> = {}): HazardLifecycleInput {
  return {
    hazardId,
    enterpriseId: ENTERPRISE,
    jurisdictionPath: PATH,
    source: '网格巡查',
    description: '储罐区可燃气体报警器失效',
    reportedBy: actors.grid,
    location: '3号罐区',
    photos: ['file-photo-1'],
    policy: DEFAULT_POLICY,
    ...opts,
  };
}

export async function startHazard(
  t: ScenarioEnv,
  hazardId: string,
  opts: Partial<Omit<HazardLifecycleInput, 'hazardId'>> & { policy?: Policy } = {},
): Promise<WorkflowHandle<typeof hazardLifecycleWorkflow>> {
  const input = hazardInput(hazardId, opts);
  const handle = await t.env.client.workflow.start(hazardLifecycleWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: hazardWorkflowId(hazardId),
    args: [input],
  });
  await waitFor(() => t.recorder.count(hazardId) >= 1);
  return handle;
}

/** A query the race guard refused (workflows/src/query-race.interceptors.ts): asking again is safe. */
export const isQueryRace = (e: unknown): boolean => e instanceof Error && e.message.includes(QUERY_RACE_MESSAGE);

/**
 * The hazard's state by query. A query the race guard refused is asked again (a few times, briefly
 * apart), as a person would: by then the hazard's own workflow task has taken the events it raced.
 */
export function stateOf(h: WorkflowHandle): Promise<HazardView> {
  return retryWhile(() => h.query(getStateQuery), isQueryRace, { attempts: 5, pauseMs: 100 });
}

export interface RefusalSeen {
  type: string | undefined;
  message: string;
  code: string;
  field?: string;
}

/** Runs an update expected to be refused and returns the refusal (type, `中文 / English` message, code). */
export async function refusalOf(run: () => Promise<unknown>): Promise<RefusalSeen> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError)) throw err;
    const cause = err.cause;
    if (!(cause instanceof ApplicationFailure)) throw err;
    const detail = (cause.details?.[0] ?? {}) as { code: string; field?: string };
    return { type: cause.type ?? undefined, message: cause.message, code: detail.code, field: detail.field };
  }
  throw new Error('expected the update to be refused, but it was accepted');
}

/**
 * With RECORD_HISTORIES=1, saves the run's history for the replay test, as protobuf's JSON object
 * form (longs, enums and bytes as strings). `historyToJSON` from @temporalio/common 1.24 fails here
 * ("type must be a Type": its protobufjs 8 meets @temporalio/proto's protobufjs 7), so the
 * History type's own toObject/fromObject are used both ways; see `loadHistory`.
 */
export async function maybeSaveHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES === '1') await saveHistory(handle, name);
}

/** Saves a run's history as tests/workflows/histories/<name>.json (see maybeSaveHistory). */
export async function saveHistory(handle: WorkflowHandle, name: string): Promise<void> {
  const history = await handle.fetchHistory();
  const History = temporal.api.history.v1.History;
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  writeFileSync(
    join(REPO_ROOT, 'tests', 'workflows', 'histories', `${name}.json`),
    `${JSON.stringify({ workflowId: handle.workflowId, history: json }, null, 1)}\n`,
  );
}

export function loadHistory(text: string): { workflowId: string; history: temporal.api.history.v1.History } {
  const { workflowId, history } = JSON.parse(text) as { workflowId: string; history: Record<string, unknown> };
  return { workflowId, history: temporal.api.history.v1.History.fromObject(history) };
}

/** Billable actions as Temporal Cloud counts them (starts, activities, timers, updates, queries aside). */
export async function billableActions(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  const billable = new Set([
    'WORKFLOW_EXECUTION_STARTED',
    'ACTIVITY_TASK_SCHEDULED',
    'TIMER_STARTED',
    'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    'WORKFLOW_EXECUTION_SIGNALED',
  ]);
  return (history.events ?? []).filter((e) => billable.has(eventTypeName(e.eventType))).length;
}

function eventTypeName(t: unknown): string {
  // The proto enum is numeric; map the names we count.
  const names: Record<number, string> = {
    1: 'WORKFLOW_EXECUTION_STARTED',
    10: 'ACTIVITY_TASK_SCHEDULED',
    17: 'TIMER_STARTED',
    26: 'WORKFLOW_EXECUTION_SIGNALED',
    41: 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  };
  return typeof t === 'number' ? (names[t] ?? String(t)) : String(t);
}

/**
 * Workflow time is the server's clock, which also runs in real time between skips (seconds per
 * file), so instants are compared to the minute: `expectNear(actual, sh('2025-10-09', '10:00'))`.
 */
export function expectNear(actual: string | null | undefined, expected: string, toleranceMs = 120_000): void {
  if (!actual) throw new Error(`expected an instant near ${expected}, got ${actual}`);
  const diff = Date.parse(actual) - Date.parse(expected);
  if (diff < 0 || diff > toleranceMs) throw new Error(`expected ${actual} to be at (or just after) ${expected}`);
}

/**
 * Waits for the workflow to complete by polling describe(): awaiting `handle.result()` on the
 * time-skipping server unlocks time skipping and jumps the clock years ahead.
 */
export async function waitForCompletion(h: WorkflowHandle): Promise<void> {
  await waitFor(async () => (await h.describe()).status.name === 'COMPLETED');
}
