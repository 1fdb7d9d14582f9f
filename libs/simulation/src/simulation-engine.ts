import { issueAndRecordStep } from '@hazards/documents/issue-and-record-step';
import { eachInPool } from '@hazards/concurrency';
import { Client, WorkflowUpdateFailedError, type TestService, type WorkflowHandle } from '@temporalio/client';
import { createDocumentDesk, type DocumentDesk } from './document-desk';
import { ApplicationFailure } from '@temporalio/common';
import { google } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { availableParallelism } from 'node:os';
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
import { replayInChildren } from './simulation-children';
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
  publishNotice: def.publishNoticeUpdate,
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
   * Independent time-skipping servers, the hazards split between them by enterprise (the only thing
   * hazards share: Safety Law art 113 counts an enterprise's penalties across its hazards). Default
   * SIMULATION_SHARDS, else one per SIMULATION_HAZARDS_PER_SHARD hazards: a server's processor time
   * a hazard grows with the hazards it holds, and each server fires one timer instant at a time,
   * so one server is bound by round trips, not by the processor.
   */
  shards?: number;
  /**
   * Child processes the shards are spread over (default SIMULATION_PROCESSES, else one per
   * processor core; never more than the shards): see simulation-children.ts.
   */
  processes?: number;
  /** Shards one child replays at once (default SIMULATION_SHARDS_AT_ONCE); the others wait their turn. */
  shardsAtOnce?: number;
  /** Count the workflow tasks from the SDK's own metrics (the benchmark; a Prometheus endpoint in each child process). */
  sdkMetrics?: boolean;
}

/** What one shard replays, as sent to the child process that replays it. */
export type ShardRun = Omit<SimulationRun, 'onProgress' | 'shards' | 'processes' | 'shardsAtOnce'> & {
  /** The workflow code: the production bundle (TEMPORAL_WORKFLOW_BUNDLE) or the one bundled by the parent. */
  bundle: WorkflowBundleOption;
};

export interface SimulationOutput {
  simulated: Map<string, SimulatedHazard>;
  skipped: SkippedAction[];
  /** Actions replayed and accepted. */
  applied: number;
  /** Where the wall time went, summed over the shards (the benchmark prints it). */
  profile: SimulationProfile;
}

/** Milliseconds by phase, summed over the shards (side by side, so the sum may exceed the wall time). */
export interface SimulationProfile {
  /** Server, workers and bundle up. */
  startMs: number;
  /** Skipping the clock to each group: the server fires the timers on the way, the workers run what they cause. */
  skipMs: number;
  /** The recorded actions as updates (round trips through the server to the workers and back). */
  updateMs: number;
  /** The rest of the period after the last action, and waiting for the last steps. */
  finishMs: number;
  /** Clock skips (groups of actions). */
  skips: number;
  /** Steps the workers recorded (the in-memory recordStep activity). */
  steps: number;
  /** Activity tasks the workers ran (steps, working-day counts, documents). */
  activities: number;
  /** Recorded actions sent as updates, refused ones included (the reports are workflow starts). */
  updates: number;
  /** Processor time (user + system) of the child processes that replayed, all their threads. */
  processMs: number;
  /** Workflow tasks the workers ran, and those replayed from history (not in the sticky cache); NaN unless `sdkMetrics`. */
  workflowTasks: number;
  workflowTasksFromHistory: number;
}

const emptyProfile = (): SimulationProfile => ({
  startMs: 0,
  skipMs: 0,
  updateMs: 0,
  finishMs: 0,
  skips: 0,
  steps: 0,
  activities: 0,
  updates: 0,
  processMs: 0,
  workflowTasks: 0,
  workflowTasksFromHistory: 0,
});

/** A hazard's report (action null, the workflow start) or one of its recorded actions, at the instant it is replayed. */
export interface ReplayedEvent {
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

/**
 * Time-skipping servers for a run of `hazards`: those asked for, else SIMULATION_SHARDS, else one
 * per SIMULATION_HAZARDS_PER_SHARD, past one turn rounded up to a multiple of `lanes` (the servers
 * replayed at once, all children together), so every child's last turn is as full as its first: a
 * server replaying alone is bound by round trips and leaves a core idle. At most MAX_SHARDS.
 */
export function shardCount(hazards: number, asked?: number, lanes = 1): number {
  const settings = simulationSettings();
  const fixed = asked ?? settings.SIMULATION_SHARDS;
  if (fixed !== undefined) return Math.min(MAX_SHARDS, Math.max(1, fixed));
  const bySize = Math.max(1, Math.ceil(hazards / settings.SIMULATION_HAZARDS_PER_SHARD));
  // Within one turn every server runs at once already: a small run starts no more servers than it needs.
  const turns = bySize <= lanes ? bySize : Math.ceil(bySize / lanes) * lanes;
  return Math.min(MAX_SHARDS, turns);
}

/** The most time-skipping servers one run starts (each a process of about 150 MB). */
export const MAX_SHARDS = 64;
/** The most child processes one run forks by default, whatever cores the host reports (a container may see the host's). */
const MAX_DEFAULT_PROCESSES = 8;

/** How a run of `hazards` is laid out: its servers, the child processes they are dealt to, and how many a child replays at once. */
export function simulationLayout(
  hazards: number,
  asked: Pick<SimulationRun, 'shards' | 'processes' | 'shardsAtOnce'> = {},
): { shards: number; processes: number; atOnce: number } {
  const settings = simulationSettings();
  const cores = asked.processes ?? settings.SIMULATION_PROCESSES ?? Math.min(availableParallelism(), MAX_DEFAULT_PROCESSES);
  const atOnce = asked.shardsAtOnce ?? settings.SIMULATION_SHARDS_AT_ONCE;
  const shards = shardCount(hazards, asked.shards, cores * atOnce);
  return { shards, processes: Math.min(shards, cores), atOnce };
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
 * 政策推演 / policy what-if: the hazards in groups of enterprises (see shardCount), each replayed
 * on a time-skipping server of its own (see replayShard), in child processes (one per core by
 * default), each replaying a few at a time (see simulation-children.ts); the outputs merged.
 */
export async function runSimulation(run: SimulationRun): Promise<SimulationOutput> {
  const { shards, processes, atOnce } = simulationLayout(run.hazards.length, run);
  const parts = shardByEnterprise(run.hazards, shards);
  if (parts.length === 0) {
    run.onProgress?.({ phase: 'done', done: 0, total: 0 });
    return { simulated: new Map(), skipped: [], applied: 0, profile: emptyProfile() };
  }
  // Every shard's total is known up front, so the progress counts the shards still waiting their turn.
  const progress: SimulationProgress[] = parts.map((hazards) => ({
    phase: 'starting',
    done: 0,
    total: replayedEvents(hazards, Date.parse(run.from), Date.parse(run.to)).length,
  }));
  const report = () => run.onProgress?.(overallProgress(progress));
  report();
  const { onProgress: _onProgress, shards: _shards, processes: _processes, shardsAtOnce: _atOnce, ...shardSettings } = run;
  // Bundled once here (or the production bundle), not once per child.
  const prebuilt = simulationSettings().TEMPORAL_WORKFLOW_BUNDLE;
  const bundle: WorkflowBundleOption = prebuilt ? { codePath: prebuilt } : await quietWorkflowBundle();
  const outputs = await replayInChildren(
    parts.map((hazards) => ({ ...shardSettings, hazards, bundle })),
    { processes: Math.min(parts.length, processes), atOnce },
    (i, p) => {
      progress[i] = p;
      report();
    },
  );
  return {
    simulated: new Map(outputs.flatMap((o) => [...o.simulated])),
    skipped: outputs.flatMap((o) => o.skipped),
    applied: outputs.reduce((n, o) => n + o.applied, 0),
    profile: outputs.reduce((sum, o) => {
      for (const k of Object.keys(sum) as (keyof SimulationProfile)[]) sum[k] += o.profile[k];
      return sum;
    }, emptyProfile()),
  };
}

/**
 * The run's progress from its shards': done when all are, finishing when all are past their last
 * action, starting while none has begun, replaying otherwise (some shards wait their turn while
 * others replay or have finished).
 */
export function overallProgress(shards: SimulationProgress[]): SimulationProgress {
  const all = (...phases: SimulationProgress['phase'][]) => shards.every((s) => phases.includes(s.phase));
  const phase = all('done') ? 'done' : all('finishing', 'done') ? 'finishing' : all('starting') ? 'starting' : 'replaying';
  return { phase, done: shards.reduce((n, p) => n + p.done, 0), total: shards.reduce((n, p) => n + p.total, 0) };
}

/** What a shard replays, in order: each hazard reported in [from, to), then its actions before `to` (never before its report). */
export function replayedEvents(hazards: RecordedHazard[], from: number, to: number): ReplayedEvent[] {
  const events: ReplayedEvent[] = [];
  for (const h of hazards) {
    const reported = Date.parse(h.reportedAt);
    if (reported < from || reported >= to) continue;
    events.push({ at: reported, hazard: h, action: null });
    for (const a of h.actions) if (Date.parse(a.at) < to) events.push({ at: Math.max(Date.parse(a.at), reported), hazard: h, action: a });
  }
  return events.sort((a, b) => a.at - b.at || (a.action?.seq ?? 0) - (b.action?.seq ?? 0));
}

/**
 * One shard of 政策推演: replays each hazard's recorded user actions at their recorded instants
 * with the production workflow code under the proposed policy, on an isolated time-skipping server
 * whose clock starts at the period's start. The server skips the time between actions, firing the
 * proposed policy's reminders, deadlines and ladder on the way. Activities are in memory. Runs in
 * a child process (simulation-child.ts), on the SDK runtime that process installed.
 */
export async function replayShard(
  run: ShardRun,
  progress: (p: SimulationProgress) => void = () => undefined,
  stop?: AbortSignal,
): Promise<SimulationOutput> {
  const from = Date.parse(run.from);
  const to = Date.parse(run.to);
  const resolution = (run.resolutionMinutes ?? 60) * 60_000;
  const events = replayedEvents(run.hazards, from, to);
  progress({ phase: 'starting', done: 0, total: events.length });
  // Nothing reported in the period: nothing to replay, no server to start.
  if (events.length === 0) {
    progress({ phase: 'done', done: 0, total: 0 });
    return { simulated: new Map(), skipped: [], applied: 0, profile: emptyProfile() };
  }

  const profile = emptyProfile();
  const since = (t0: number) => performance.now() - t0;
  let t0 = performance.now();
  const recorder = new SimulationRecorder();
  const desk = createDocumentDesk();
  // Told to stop while waiting its turn: no server is started.
  stop?.throwIfAborted();
  let onStop: (() => unknown) | null = null;
  const env: TestWorkflowEnvironment = await startTimeSkippingServer(run.from, run.testServer);
  const taskQueue = 'policy-simulation';
  const skipped: SkippedAction[] = [];
  let applied = 0;
  // The replay's own calls (starts, updates, clock skips) go through the worker's native connection:
  // the same requests, sent by the SDK's Rust core instead of grpc-js on this event loop.
  const client = new Client({ connection: env.nativeConnection, namespace: env.namespace });
  const clock = env.nativeConnection.testService!;
  try {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: run.bundle,
      activities: counted(
        {
          ...recorder.activities,
          issueDocument: desk.issueDocument,
          publishNotice: desk.publishNotice,
          issueAndRecordStep: issueAndRecordStep(desk.issueDocument, recorder.activities.recordStep),
          shiftWorkingDays: shiftWorkingDaysActivity,
        },
        profile,
      ),
      maxConcurrentWorkflowTaskExecutions: 100,
      maxConcurrentActivityTaskExecutions: 200,
    });
    // Stopped (the child process told to stop): the worker shuts down, the replay fails, the server is
    // torn down below. The listener goes with this shard (a child replays many in turn on one signal).
    onStop = () => worker.getState() === 'RUNNING' && worker.shutdown();
    stop?.addEventListener('abort', onStop, { once: true });
    stop?.throwIfAborted();
    profile.startMs += since(t0);
    if (!run.sdkMetrics) profile.workflowTasks = profile.workflowTasksFromHistory = NaN;
    await worker.runUntil(async () => {
      const handles = new Map<string, WorkflowHandle>();
      const apply = async (e: ReplayedEvent) => {
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
            await client.workflow.start(hazardLifecycleWorkflow, {
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
        profile.updates += 1;
        try {
          const input = e.action.update === 'publishNotice' ? simulatedNotice(desk, h.hazardId, e.action.input) : e.action.input;
          await handles.get(h.hazardId)!.executeUpdate(UPDATES[e.action.update], { args: [input as never] });
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
        t0 = performance.now();
        await advanceTo(
          clock,
          clearOfTimers(
            group[group.length - 1].at,
            group.map((e) => e.hazard.hazardId),
            recorder,
          ),
        );
        profile.skipMs += since(t0);
        profile.skips += 1;
        t0 = performance.now();
        // One hazard's actions keep their order; different hazards go side by side.
        const byHazard = new Map<string, ReplayedEvent[]>();
        for (const e of group) byHazard.set(e.hazard.hazardId, [...(byHazard.get(e.hazard.hazardId) ?? []), e]);
        await eachInPool([...byHazard.values()], run.concurrency ?? 64, async (chain) => {
          for (const e of chain) await apply(e);
        });
        profile.updateMs += since(t0);
        done += group.length;
        progress({ phase: 'replaying', done, total: events.length });
        i = j;
      }
      progress({ phase: 'finishing', done, total: events.length });
      // The rest of the period: the proposed policy's timers keep firing until its end.
      t0 = performance.now();
      await advanceTo(clock, to);
      await settle(recorder);
      profile.finishMs += since(t0);
    });
  } finally {
    if (onStop) stop?.removeEventListener('abort', onStop);
    await env.teardown();
  }
  const simulated = new Map<string, SimulatedHazard>();
  for (const h of run.hazards) {
    const s = recorder.get(h.hazardId);
    if (s) simulated.set(h.hazardId, s);
  }
  progress({ phase: 'done', done: events.length, total: events.length });
  profile.steps = recorder.stepCount();
  return { simulated, skipped, applied, profile };
}

/**
 * 公布公告 replayed: the recorded publication names the real notice; the simulated lifecycle issued
 * its own (another id). It publishes the first simulated notice of the same kind not yet
 * published, at the recorded date, or at that notice's issue when the simulation issued it later
 * (a group runs up to its resolution late). With no such notice (under the proposed policy the
 * hazard was not listed, or not closed, yet) the recorded id stays and the validator refuses it
 * (UNKNOWN_NOTICE), counted among the skipped actions.
 */
export function simulatedNotice(desk: Pick<DocumentDesk, 'issued' | 'published'>, hazardId: string, recorded: RecordedAction['input']) {
  const { noticeKind, ...input } = recorded as RecordedAction['input'] & { noticeKind?: string; publishedAt?: string };
  const notice = desk.issued(hazardId).find((d) => d.kind === noticeKind && !desk.published.has(d.documentId));
  if (!notice) return input;
  const publishedAt =
    input.publishedAt && Date.parse(input.publishedAt) < Date.parse(notice.input.issuedAt) ? notice.input.issuedAt : input.publishedAt;
  return { ...input, documentId: notice.documentId, ...(publishedAt ? { publishedAt } : {}) };
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

/** The activities, each call counted in the profile. */
function counted(activities: Record<string, (input: never) => Promise<unknown>>, profile: SimulationProfile) {
  const wrap =
    (f: (input: never) => Promise<unknown>) =>
    (input: never): Promise<unknown> => {
      profile.activities += 1;
      return f(input);
    };
  return Object.fromEntries(Object.entries(activities).map(([name, f]) => [name, wrap(f)]));
}

/** Skips the server's clock forward to `at` (never back: actions run at or after their instant). */
async function advanceTo(clock: TestService, at: number): Promise<void> {
  const { time } = await clock.getCurrentTime({});
  // protobuf seconds arrive as a Long (Number() reads it).
  const now = Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);
  const wait = at - now;
  if (wait > 0) {
    const duration = google.protobuf.Duration.fromObject({ seconds: Math.floor(wait / 1000), nanos: (wait % 1000) * 1e6 });
    await clock.unlockTimeSkippingWithSleep({ duration });
  }
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
