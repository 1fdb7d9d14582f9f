import { eachInPool } from '@hazards/concurrency';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { createDocumentDesk } from './document-desk';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { shiftWorkingDaysActivity } from '@hazards/domain/calendar/shift-working-days';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import { simulationSettings } from '@hazards/config/environment.schema';
import { quietWorkflowBundle } from '@hazards/temporal/quiet-workflow-bundle';
import * as def from '../../../workflows/src/hazard-lifecycle.definitions';
import { hazardLifecycleWorkflow } from '../../../workflows/src/hazard-lifecycle.workflow';
import type { HazardLifecycleInput, UpdateResult } from '../../../workflows/src/hazard-lifecycle.types';
import type { UpdateDefinition } from '@temporalio/common';
import type { RecordedAction, RecordedHazard, ReplayedUpdate } from './recorded-hazard';
import type { SkippedAction } from './simulation-report.types';
import { SimulationRecorder, type SimulatedHazard } from './simulation-recorder';
import { startTimeSkippingServer } from './time-skipping-server';

const UPDATES: Record<ReplayedUpdate, UpdateDefinition<UpdateResult, [never]>> = {
  grade: def.gradeUpdate,
  list: def.listUpdate,
  submitPlan: def.submitPlanUpdate,
  decidePlan: def.decidePlanUpdate,
  requestExtension: def.requestExtensionUpdate,
  decideExtension: def.decideExtensionUpdate,
  submitCompletion: def.submitCompletionUpdate,
  review: def.reviewUpdate,
  withdraw: def.withdrawUpdate,
  recordProductionStop: def.recordProductionStopUpdate,
  linkAccident: def.linkAccidentUpdate,
  recordPenalty: def.recordPenaltyUpdate,
} as Record<ReplayedUpdate, UpdateDefinition<UpdateResult, [never]>>;

export type { SkippedAction } from './simulation-report.types';

export interface SimulationProgress {
  phase: 'starting' | 'replaying' | 'finishing' | 'done';
  /** Actions (reports included) replayed so far, of `total`. */
  done: number;
  total: number;
}

export interface SimulationRun {
  policy: Policy;
  hazards: RecordedHazard[];
  /** The period, ISO instants, `from` inclusive, `to` exclusive. */
  from: string;
  to: string;
  /**
   * Actions recorded within this many minutes of each other run together, at the latest of their
   * instants (never before their recorded time): the price of a year in minutes. 0 = each instant alone.
   */
  resolutionMinutes?: number;
  /** Hazards acted on at once within a group. */
  concurrency?: number;
  onProgress?: (p: SimulationProgress) => void;
  /** Test server binary (default: TEMPORAL_TEST_SERVER or .tools/). */
  testServer?: string;
  /**
   * Independent time-skipping servers run side by side, the hazards split between them by
   * enterprise (the only thing hazards share: Safety Law art 113 counts an enterprise's penalties
   * across its hazards). Each server fires one timer instant at a time, so one server is bound by
   * round trips, not by the processor.
   */
  shards?: number;
}

export interface SimulationOutput {
  simulated: Map<string, SimulatedHazard>;
  skipped: SkippedAction[];
  /** Actions replayed and accepted. */
  applied: number;
}

interface Event {
  at: number;
  hazard: RecordedHazard;
  action: RecordedAction | null; // null = the report that starts the workflow
}

/** The refusal of an update (validator) or of the server (workflow already ended) as code + message. */
function refusalOf(err: unknown): { code: string; message: string } | null {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const detail = (err.cause.details?.[0] ?? {}) as { code?: string };
    return { code: detail.code ?? err.cause.type ?? 'REFUSED', message: err.cause.message };
  }
  const msg = err instanceof Error ? err.message : String(err);
  if (/already completed|not found/i.test(msg))
    return { code: 'HAZARD_ENDED', message: '推演中该隐患已结束 / the hazard had already ended in the simulation' };
  return null;
}

/** The hazards split into `n` groups of whole enterprises, about equal in actions. */
export function shardByEnterprise(hazards: RecordedHazard[], n: number): RecordedHazard[][] {
  const byEnterprise = new Map<string, RecordedHazard[]>();
  for (const h of hazards) byEnterprise.set(h.enterpriseId, [...(byEnterprise.get(h.enterpriseId) ?? []), h]);
  const shards = Array.from({ length: Math.max(1, n) }, () => ({ hazards: [] as RecordedHazard[], weight: 0 }));
  const weight = (hs: RecordedHazard[]) => hs.reduce((w, h) => w + 1 + h.actions.length, 0);
  for (const group of [...byEnterprise.values()].sort((a, b) => weight(b) - weight(a))) {
    const lightest = shards.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.hazards.push(...group);
    lightest.weight += weight(group);
  }
  return shards.map((s) => s.hazards).filter((s) => s.length > 0);
}

/**
 * 政策推演 / policy what-if: the hazards in `shards` groups of enterprises, each replayed on a
 * time-skipping server of its own (see replayShard), side by side; the outputs merged.
 */
export async function runSimulation(run: SimulationRun): Promise<SimulationOutput> {
  const parts = shardByEnterprise(run.hazards, run.shards ?? 1);
  if (parts.length <= 1) return replayShard(run);
  const progress = parts.map(() => ({ phase: 'starting' as SimulationProgress['phase'], done: 0, total: 0 }));
  const report = () => {
    const phases: SimulationProgress['phase'][] = ['starting', 'replaying', 'finishing', 'done'];
    const phase = phases[Math.min(...progress.map((p) => phases.indexOf(p.phase)))];
    run.onProgress?.({ phase, done: progress.reduce((n, p) => n + p.done, 0), total: progress.reduce((n, p) => n + p.total, 0) });
  };
  const outputs = await Promise.all(
    parts.map((hazards, i) =>
      replayShard({
        ...run,
        hazards,
        onProgress: (p) => {
          progress[i] = p;
          report();
        },
      }),
    ),
  );
  return {
    simulated: new Map(outputs.flatMap((o) => [...o.simulated])),
    skipped: outputs.flatMap((o) => o.skipped),
    applied: outputs.reduce((n, o) => n + o.applied, 0),
  };
}

/**
 * One shard of 政策推演: replays each hazard's recorded user actions at their recorded instants
 * with the production workflow code under the proposed policy, on an isolated time-skipping server
 * whose clock starts at the period's start. The server skips the time between actions, firing the
 * proposed policy's reminders, deadlines and ladder on the way. Activities are in memory.
 */
async function replayShard(run: SimulationRun): Promise<SimulationOutput> {
  const from = Date.parse(run.from);
  const to = Date.parse(run.to);
  const resolution = (run.resolutionMinutes ?? 60) * 60_000;
  const progress = run.onProgress ?? (() => undefined);
  const events: Event[] = [];
  for (const h of run.hazards) {
    const reported = Date.parse(h.reportedAt);
    if (reported < from || reported >= to) continue;
    events.push({ at: reported, hazard: h, action: null });
    for (const a of h.actions) if (Date.parse(a.at) < to) events.push({ at: Math.max(Date.parse(a.at), reported), hazard: h, action: a });
  }
  events.sort((a, b) => a.at - b.at || (a.action?.seq ?? 0) - (b.action?.seq ?? 0));
  progress({ phase: 'starting', done: 0, total: events.length });
  // Nothing reported in the period: nothing to replay, no server to start.
  if (events.length === 0) {
    progress({ phase: 'done', done: 0, total: 0 });
    return { simulated: new Map(), skipped: [], applied: 0 };
  }

  try {
    // Warnings only: the simulation's worker starting and stopping is not news (a process that already installed a runtime keeps its own).
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* installed already */
  }
  const recorder = new SimulationRecorder();
  const env: TestWorkflowEnvironment = await startTimeSkippingServer(run.from, run.testServer);
  const taskQueue = 'policy-simulation';
  const skipped: SkippedAction[] = [];
  let applied = 0;
  const prebuilt = simulationSettings().TEMPORAL_WORKFLOW_BUNDLE;
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      // A prebuilt bundle where production has one (TEMPORAL_WORKFLOW_BUNDLE), else bundled once per process.
      workflowBundle: prebuilt ? { codePath: prebuilt } : await quietWorkflowBundle(),
      activities: { ...recorder.activities, ...createDocumentDesk(), shiftWorkingDays: shiftWorkingDaysActivity },
      maxConcurrentWorkflowTaskExecutions: 100,
      maxConcurrentActivityTaskExecutions: 200,
    });
    await worker.runUntil(async () => {
      const handles = new Map<string, WorkflowHandle>();
      const apply = async (e: Event) => {
        const h = e.hazard;
        if (!e.action) {
          const input: HazardLifecycleInput = {
            hazardId: h.hazardId,
            enterpriseId: h.enterpriseId,
            jurisdictionPath: h.jurisdictionPath,
            source: h.source,
            description: h.description,
            reportedBy: h.reportedBy,
            location: h.location,
            photos: h.photos,
            policy: run.policy,
          };
          handles.set(
            h.hazardId,
            await env.client.workflow.start(hazardLifecycleWorkflow, {
              taskQueue,
              workflowId: hazardWorkflowId(h.hazardId),
              args: [input],
            }),
          );
          applied += 1;
          return;
        }
        // A replay that hangs (a workflow task the server keeps refusing) says which hazard and action.
        const watchdog = setTimeout(
          () => console.warn(`推演等待超过 60 秒 / simulation waiting over 60 s: ${h.hazardId} ${e.action!.step} @ ${e.action!.at}`),
          60_000,
        );
        try {
          await handles.get(h.hazardId)!.executeUpdate(UPDATES[e.action.update], { args: [e.action.input as never] });
          applied += 1;
        } catch (err) {
          const r = refusalOf(err);
          if (!r) throw err;
          skipped.push({ hazardId: h.hazardId, step: e.action.step, at: e.action.at, ...r });
        } finally {
          clearTimeout(watchdog);
        }
      };
      let done = 0;
      for (let i = 0; i < events.length;) {
        // A group: every action within `resolution` of the first, run at the latest of their instants.
        let j = i + 1;
        while (j < events.length && events[j].at - events[i].at <= resolution) j += 1;
        const group = events.slice(i, j);
        await advanceTo(
          env,
          clearOfTimers(
            group[group.length - 1].at,
            group.map((e) => e.hazard.hazardId),
            recorder,
          ),
        );
        // One hazard's actions keep their order; different hazards go side by side.
        const byHazard = new Map<string, Event[]>();
        for (const e of group) byHazard.set(e.hazard.hazardId, [...(byHazard.get(e.hazard.hazardId) ?? []), e]);
        await eachInPool([...byHazard.values()], run.concurrency ?? 64, async (chain) => {
          for (const e of chain) await apply(e);
        });
        done += group.length;
        progress({ phase: 'replaying', done, total: events.length });
        i = j;
      }
      progress({ phase: 'finishing', done, total: events.length });
      // The rest of the period: the proposed policy's timers keep firing until its end.
      await advanceTo(env, to);
      await settle(recorder);
    });
  } finally {
    await env.teardown();
  }
  const simulated = new Map<string, SimulatedHazard>();
  for (const h of run.hazards) {
    const s = recorder.get(h.hazardId);
    if (s) simulated.set(h.hazardId, s);
  }
  progress({ phase: 'done', done: events.length, total: events.length });
  return { simulated, skipped, applied };
}

const DAY_MS = 86_400_000;
/** How long a group's updates may take to process (real time, during which the server's clock runs). */
const PROCESSING_WINDOW_MS = 120_000;
/** How much later than the step that set it a timer may fire (the step's own processing delay). */
const TIMER_JITTER_MS = 3_000;

/**
 * An instant at or after `at` at which none of these hazards has a timer due while its update is
 * processed. Every timer of the lifecycle is a step's workflow time plus whole (working or
 * calendar) days, so it keeps that step's time of day; a recorded action is often a whole number
 * of days after an earlier one, i.e. due at the very instant of a timer. The time-skipping test
 * server then fails the workflow task that cancels the timer it just fired ("invalid history
 * builder state for action") and the workflow hangs. So the group waits until such timers have fired.
 */
export function clearOfTimers(at: number, hazardIds: string[], recorder: Pick<SimulationRecorder, 'get'>): number {
  const timesOfDay = hazardIds.flatMap((id) => (recorder.get(id)?.steps ?? []).map((s) => Date.parse(s.at) % DAY_MS));
  let instant = at;
  for (let moved = true, rounds = 0; moved && rounds < 20; rounds += 1) {
    moved = false;
    for (const t of timesOfDay) {
      // Where the timer falls relative to the instant, within (-half a day, +half a day].
      let delta = (t - (instant % DAY_MS) + DAY_MS) % DAY_MS;
      if (delta > DAY_MS / 2) delta -= DAY_MS;
      if (delta >= -TIMER_JITTER_MS && delta <= PROCESSING_WINDOW_MS) {
        instant += delta + TIMER_JITTER_MS + 1;
        moved = true;
      }
    }
  }
  return instant;
}

/** Skips the server's clock forward to `at` (never back: actions run at or after their instant). */
async function advanceTo(env: TestWorkflowEnvironment, at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

/** Waits until the workers stop recording steps (the last timers' activities have run). */
async function settle(recorder: SimulationRecorder): Promise<void> {
  let last = -1;
  for (;;) {
    const n = recorder.stepCount();
    if (n === last) return;
    last = n;
    await new Promise((r) => setTimeout(r, 300));
  }
}
