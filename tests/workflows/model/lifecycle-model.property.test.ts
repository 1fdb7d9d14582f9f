import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { createHazardActivities } from '../../../apps/worker/src/activities/hazard.activities';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { addWorkingDays, copyFromNotices, isWorkingDay } from '@hazards/domain/calendar/cn-calendar';
import { shiftWorkingDaysActivity } from '@hazards/domain/calendar/shift-working-days';
import type { Actor } from '@hazards/domain/hazard/actor';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { LifecycleModel, type ModelAction } from '@hazards/domain/model/lifecycle-model';
import { DEFAULT_POLICY as policy } from '@hazards/domain/policy/default-policy';
import * as wf from '../../../workflows/src';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { actors, PATH, PLAN, sh, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { withinLimit } from '@hazards/testing/workflows/bounded-call';
import { quietBundle, startScenarioEnv, type ScenarioEnv } from '@hazards/testing/workflows/scenario-env';

/**
 * Model-based tests: random sequences of actions (legal and illegal, by actors of every role and
 * level) and time jumps, through the real workflow on the time-skipping server with the real
 * activities (PostgreSQL), compared after every step with the reference model
 * (libs/domain/src/model) and checked against the lifecycle's invariants.
 *
 * Seeded and reproducible: FC_SEED=<seed> replays a failure (printed with its shrunk sequence);
 * FC_RUNS=<n> runs more sequences than the default.
 */
const RUNS = Number(process.env.FC_RUNS ?? 12);
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261130;
const DAY = 24 * 3600_000;
const TOLERANCE = 120_000; // workflow time runs on in real time between the client's reading and the step
// A step answers in a second or two; past this one the workflow is stuck, and the error says on what.
const STEP_LIMIT = 90_000;

// Every role and level: the fixtures' supervisors, grid inspector and enterprise users, plus an assessor and an admin.
const ACTORS: Record<string, Actor> = {
  ...actors,
  assessor: { userId: 'u-assessor', role: 'assessor', name: '安评机构' },
  admin: { userId: 'u-admin', role: 'admin', name: '管理员' },
};
const actorArb = fc.constantFrom(...Object.keys(ACTORS));

type Named<T> = T extends unknown ? Omit<T, 'actor'> & { actor: string } : never;
/** `progress`: the plausible next step of the lifecycle (by whom it belongs to), `choice` picking among options. */
type Cmd = { kind: 'jump'; days: number; hours: number } | { kind: 'progress'; choice: number } | Named<ModelAction>;

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('progress' as const), choice: fc.nat(11) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      days: fc.integer({ min: 0, max: 40 }),
      hours: fc.integer({ min: 1, max: 23 }),
    }),
  },
  fc.record({ kind: fc.constant('grade' as const), actor: actorArb, grade: fc.constantFrom('general' as const, 'major' as const) }),
  fc.record({
    kind: fc.constant('list' as const),
    actor: actorArb,
    level: fc.constantFrom('township' as const, 'county' as const, 'city' as const),
  }),
  fc.record({ kind: fc.constant('submitPlan' as const), actor: actorArb, productionStopped: fc.boolean() }),
  fc.record({
    kind: fc.constant('decidePlan' as const),
    actor: actorArb,
    decision: fc.constantFrom('approve' as const, 'return' as const),
  }),
  fc.record({ kind: fc.constant('requestExtension' as const), actor: actorArb, workingDays: fc.integer({ min: 1, max: 70 }) }),
  fc.record({
    kind: fc.constant('decideExtension' as const),
    actor: actorArb,
    decision: fc.constantFrom('approve' as const, 'refuse' as const),
  }),
  fc.record({ kind: fc.constant('submitCompletion' as const), actor: actorArb }),
  fc.record({ kind: fc.constant('review' as const), actor: actorArb, result: fc.constantFrom('pass' as const, 'reject' as const) }),
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), actor: actorArb }) },
  fc.record({
    kind: fc.constant('productionStop' as const),
    actor: actorArb,
    action: fc.constantFrom('ordered' as const, 'lifted' as const),
  }),
  fc.record({ kind: fc.constant('linkAccident' as const), actor: actorArb, occurredAt: fc.integer({ min: -20, max: 0 }) }),
  fc.record({ kind: fc.constant('recordPenalty' as const), actor: actorArb, decidedAt: fc.integer({ min: -400, max: 0 }) }),
);

/** The workflow update and its arguments for a model action. */
function toUpdate(a: ModelAction): [UpdateDefinition<wf.UpdateResult, [any]>, Record<string, unknown>] {
  switch (a.kind) {
    case 'grade':
      return [
        wf.gradeUpdate,
        {
          grade: a.grade,
          accidentType: '火灾',
          industry: '制造业',
          criterion: { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第四条' },
        },
      ];
    case 'list':
      return [wf.listUpdate, { level: a.level, authority: `${a.level}政府`, leadDepartment: '应急管理局' }];
    case 'submitPlan':
      return [
        wf.submitPlanUpdate,
        {
          plan: PLAN,
          interimMeasures: '限产',
          productionStopped: a.productionStopped,
          ...(a.productionStopped ? { stopScope: '1号线' } : {}),
        },
      ];
    case 'decidePlan':
      return [wf.decidePlanUpdate, { decision: a.decision, ...(a.decision === 'return' ? { reason: '方案不完整' } : {}) }];
    case 'requestExtension':
      return [wf.requestExtensionUpdate, { workingDays: a.workingDays, reason: '设备到货延迟' }];
    case 'decideExtension':
      return [wf.decideExtensionUpdate, { decision: a.decision, ...(a.decision === 'refuse' ? { reason: '理由不充分' } : {}) }];
    case 'submitCompletion':
      return [wf.submitCompletionUpdate, { evidenceFileIds: ['f1'], assessment: { by: 'self', conclusion: '合格' } }];
    case 'review':
      return [wf.reviewUpdate, { result: a.result, ...(a.result === 'reject' ? { reason: '未整改到位' } : {}) }];
    case 'withdraw':
      return [wf.withdrawUpdate, { kind: 'false', reason: '复查不属实' }];
    case 'productionStop':
      return [wf.recordProductionStopUpdate, { action: a.action, reason: '检查' }];
    case 'linkAccident':
      return [wf.linkAccidentUpdate, { accidentId: 'ACC-1', occurredAt: new Date(a.occurredAt).toISOString(), description: '事故' }];
    case 'recordPenalty':
      return [
        wf.recordPenaltyUpdate,
        { lawArticle: '《安全生产法》第一百零二条', amountYuan: 10000, decidedAt: new Date(a.decidedAt).toISOString() },
      ];
  }
}

const LEVEL_ACTOR = { township: 'township', county: 'county', city: 'city' } as const;

/** The plausible next step in the model's state, by the actor it belongs to (the model still decides). */
function progress(m: LifecycleModel, choice: number): Named<ModelAction> {
  const level = (m.listingLevel ?? 'township') as keyof typeof LEVEL_ACTOR;
  switch (m.status) {
    case 'reported':
      return { kind: 'grade', actor: choice % 3 === 0 ? 'grid' : 'county', grade: choice % 3 === 0 ? 'general' : 'major' };
    case 'awaiting_listing': {
      const l = (['township', 'county', 'city'] as const)[choice % 3];
      return { kind: 'list', actor: LEVEL_ACTOR[l], level: l };
    }
    case 'listed':
      return choice % 4 === 0
        ? { kind: 'requestExtension', actor: 'enterprise', workingDays: 5 + choice }
        : { kind: 'submitPlan', actor: 'enterprise', productionStopped: choice % 5 === 0 };
    case 'plan_submitted':
      return {
        kind: 'decidePlan',
        actor: m.grade === 'major' ? LEVEL_ACTOR[level] : 'township',
        decision: choice % 4 === 0 ? 'return' : 'approve',
      };
    case 'rectifying':
      if (m.pendingExtension)
        return {
          kind: 'decideExtension',
          actor: m.grade === 'major' ? LEVEL_ACTOR[level] : 'township',
          decision: choice % 3 === 0 ? 'refuse' : 'approve',
        };
      if (choice % 4 === 0) return { kind: 'requestExtension', actor: 'enterprise', workingDays: 5 + choice * 2 };
      if (choice % 7 === 1)
        return {
          kind: 'productionStop',
          actor: (['township', 'county', 'city'] as const)[choice % 3],
          action: m.stopped ? 'lifted' : 'ordered',
        };
      return { kind: 'submitCompletion', actor: 'enterprise' };
    default: {
      const r = m.review;
      const at = r ? r.levels[r.index] : 'township';
      const who = at === 'verification' ? 'township' : at;
      return {
        kind: 'review',
        actor: choice % 5 === 0 && r?.escalatedTo && r.escalatedTo !== 'province' ? r.escalatedTo : who,
        result: choice % 4 === 0 ? 'reject' : 'pass',
      };
    }
  }
}

// The status diagram (hazard-status.ts): every move a step may make.
const MOVES = new Set([
  'reported>rectifying',
  'reported>awaiting_listing',
  'awaiting_listing>listed',
  'listed>plan_submitted',
  'plan_submitted>listed',
  'plan_submitted>rectifying',
  'rectifying>submitted',
  'submitted>rectifying',
  'submitted>closed',
  ...['reported', 'awaiting_listing', 'listed', 'plan_submitted', 'rectifying', 'submitted'].map((s) => `${s}>withdrawn`),
]);

let t: ScenarioEnv;
let ds: DataSource;
let worker: Worker;
let running: Promise<void>;
const TASK_QUEUE = 'model-based';

beforeAll(async () => {
  ds = await openTestDataSource();
  t = await startScenarioEnv(sh('2025-03-03', '09:30:00'), 'model-based-unused');
  // The real activities: steps go to PostgreSQL, whose read model is compared too.
  worker = await Worker.create({
    connection: t.env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await quietBundle(),
    activities: { ...createHazardActivities(ds), shiftWorkingDays: shiftWorkingDaysActivity },
  });
  running = worker.run();
});
afterAll(async () => {
  // A run cut off by the test's timeout is still calling: end its calls while this worker can answer them.
  await t?.closeCalls();
  worker?.shutdown();
  await running;
  await t?.teardown();
  await ds?.destroy();
});

interface Row {
  status: string;
  grade: string | null;
  listing_level: string | null;
  current_deadline: Date | null;
  rectification_deadline: Date | null;
  escalation_stage: number;
  extension_count: number;
  rejection_count: number;
  production_stopped: boolean;
  heavier_accountability: boolean;
  last_seq: number;
}

const near = (a: string | number | Date | null | undefined, b: number | null) =>
  (a === null || a === undefined) === (b === null) && (b === null || Math.abs(new Date(a as string).getTime() - b) <= TOLERANCE);

let run = 0;
/** What the runs covered, printed once: a property test that never reaches a state proves nothing about it. */
const seen = { accepted: 0, refused: 0, statuses: new Set<string>(), escalations: new Set<string>() };

/** One random sequence, through the workflow and the model, compared after every step. */
async function check(cmds: Cmd[]): Promise<void> {
  const hazardId = `model-${SEED}-${++run}-${Date.now()}`;
  const enterpriseId = `ent-model-${hazardId}`; // art 113 counts only this hazard's penalties
  const who = (name: string): Actor =>
    name === 'enterprise' || name === 'safetyDirector' ? { ...ACTORS[name], enterpriseId } : ACTORS[name];
  const reportedAt = await t.now();
  const model = new LifecycleModel(policy, { addWorkingDays }, { enterpriseId, jurisdictionPath: PATH }, reportedAt);
  const h: WorkflowHandle = await t.env.client.workflow.start(wf.hazardLifecycleWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: hazardWorkflowId(hazardId),
    args: [
      { hazardId, enterpriseId, jurisdictionPath: PATH, source: '网格巡查', description: '模型测试', reportedBy: actors.grid, policy },
    ],
  });
  const counts = async () => {
    const [r] = await ds.query(
      `select (select count(*) from hazard_history where hazard_id = $1)::int as rows, (select count(*) from outbox_events where hazard_id = $1)::int as events,
              coalesce((select max(seq) from hazard_history where hazard_id = $1), 0)::int as max_seq`,
      [hazardId],
    );
    return r as { rows: number; events: number; max_seq: number };
  };
  /** The workflow, PostgreSQL and the model agree, once the steps the model expects are written. */
  const compare = async (where: string) => {
    let st: wf.HazardView | undefined;
    let row: Row | undefined;
    try {
      await waitFor(async () => {
        st = await stateOf(h);
        [row] = await ds.query('select * from hazards where id = $1', [hazardId]);
        return st.seq === model.steps && row?.last_seq === st.seq;
      }, 15_000);
    } catch {
      throw new Error(
        `${where}: steps — model ${model.steps}, workflow ${st?.seq}, read model ${row?.last_seq}; timeline ${st?.timeline.map((e) => e.step).join(',')}`,
      );
    }
    const s = st!;
    const r = row!;
    const view = {
      status: s.status,
      grade: s.grade,
      level: s.listing?.level ?? null,
      stage: s.escalationStage,
      extensions: s.extensions.filter((e) => e.decision === 'approve').length,
      rejections: s.rejectionCount,
      stopped: s.production.stopped,
      heavier: s.heavierAccountability,
      closure: s.closureRecommendedAt !== null,
      traced: s.tracing !== null,
      escalations: s.escalations.map((e) => `${e.kind}${e.stage ? `#${e.stage}` : ''}>${e.escalatedTo ?? ''}`),
    };
    const expected = {
      status: model.status,
      grade: model.grade,
      level: model.listingLevel,
      stage: model.escalationStage,
      extensions: model.approvedExtensions.length,
      rejections: model.rejections,
      stopped: model.stopped,
      heavier: model.heavier,
      closure: model.closureRecommended,
      traced: model.traced,
      escalations: model.escalations.map((e) => `${e.kind}${e.stage ? `#${e.stage}` : ''}>${e.escalatedTo ?? ''}`),
    };
    expect({ where, ...view }).toEqual({ where, ...expected });
    if (!near(s.deadlines.rectification, model.rectification))
      throw new Error(
        `${where}: rectification deadline ${s.deadlines.rectification} ≠ model ${model.rectification && new Date(model.rectification).toISOString()}`,
      );
    if (!near(s.currentDeadline, model.currentDeadline))
      throw new Error(
        `${where}: current deadline ${s.currentDeadline} ≠ model ${model.currentDeadline && new Date(model.currentDeadline).toISOString()}`,
      );
    // The read model says what the workflow says.
    expect({
      where,
      status: r.status,
      grade: r.grade,
      level: r.listing_level,
      stage: r.escalation_stage,
      ext: r.extension_count,
      rej: r.rejection_count,
      stopped: r.production_stopped,
      heavier: r.heavier_accountability,
    }).toEqual({
      where,
      status: s.status,
      grade: s.grade,
      level: s.listing?.level ?? null,
      stage: s.escalationStage,
      ext: view.extensions,
      rej: s.rejectionCount,
      stopped: s.production.stopped,
      heavier: s.heavierAccountability,
    });
    expect(
      near(r.current_deadline, s.currentDeadline ? Date.parse(s.currentDeadline) : null) &&
        near(r.rectification_deadline, s.deadlines.rectification ? Date.parse(s.deadlines.rectification) : null),
    ).toBe(true);
    // Invariants: consecutive seqs; every move along the diagram; deadlines on working days; ladder stages in order, once each;
    // no escalation before its trigger is due.
    const history: { seq: number; from_status: string | null; to_status: string }[] = await ds.query(
      'select seq, from_status, to_status from hazard_history where hazard_id = $1 order by seq',
      [hazardId],
    );
    expect(history.map((x) => x.seq)).toEqual(Array.from({ length: history.length }, (_, i) => i + 1));
    expect(history.filter((x) => x.from_status && x.from_status !== x.to_status && !MOVES.has(`${x.from_status}>${x.to_status}`))).toEqual(
      [],
    );
    for (const d of [s.deadlines.rectification, s.deadlines.planDue, s.deadlines.extensionRequestCutoff, s.deadlines.decisionDue])
      if (d) expect(isWorkingDay(d)).toBe(true);
    const stages = s.escalations.filter((e) => e.kind === 'overdue_ladder').map((e) => e.stage);
    expect(stages).toEqual([...new Set(stages)].sort((a, b) => a! - b!));
    for (const e of s.escalations.filter((x) => x.kind === 'overdue_ladder'))
      expect(Date.parse(e.at)).toBeGreaterThan(Date.parse(s.deadlines.rectification!));
  };

  await compare('start');
  let i = 0;
  for (const cmd of cmds) {
    i += 1;
    if (!model.open) break;
    if (cmd.kind === 'jump') {
      // Land away from every instant the model waits for, so the two never race on a boundary.
      let to = (await t.now()) + cmd.days * DAY + cmd.hours * 3600_000;
      while (model.instants().some((x) => Math.abs(x - to) < 10 * 60_000)) to += 20 * 60_000;
      await withinLimit(t.env.connection, h, `#${i} jump`, STEP_LIMIT, () => t.advanceTo(new Date(to)));
      model.advance(to);
      seen.statuses.add(model.status);
      model.escalations.forEach((e) => seen.escalations.add(e.kind));
      await compare(`#${i} jump ${cmd.days}d${cmd.hours}h`);
      continue;
    }
    const step = cmd.kind === 'progress' ? progress(model, cmd.choice) : cmd;
    const now = await t.now();
    // Instants in the command are days relative to now.
    const action = {
      ...step,
      actor: who(step.actor),
      ...(step.kind === 'linkAccident' ? { occurredAt: now + step.occurredAt * DAY } : {}),
      ...(step.kind === 'recordPenalty' ? { decidedAt: now + step.decidedAt * DAY } : {}),
    } as ModelAction;
    const before = await counts();
    const [update, args] = toUpdate(action);
    // Every other action carries the API's calendar copy (its deadlines counted in the workflow task), the rest none (the activity).
    const calendar = i % 2 ? { calendar: copyFromNotices(1, BUNDLED_NOTICES, now) } : {};
    let accepted = true;
    try {
      await withinLimit(t.env.connection, h, `#${i} ${step.kind} by ${step.actor}`, STEP_LIMIT, () =>
        h.executeUpdate(update, { args: [{ ...args, actor: action.actor, ...calendar }] }),
      );
    } catch (err) {
      if (!(err instanceof Error) || err.name !== 'WorkflowUpdateFailedError') throw err;
      accepted = false;
    }
    const expected = model.apply(action, now);
    if (accepted !== expected)
      throw new Error(
        `#${i} ${step.kind} by ${step.actor}: workflow ${accepted ? 'accepted' : 'refused'}, model ${expected ? 'accepts' : 'refuses'} (status ${model.status})`,
      );
    seen[accepted ? 'accepted' : 'refused'] += 1;
    seen.statuses.add(model.status);
    model.escalations.forEach((e) => seen.escalations.add(e.kind));
    if (!accepted) {
      // A refused action writes nothing: no history row, seq or outbox event.
      expect(await counts()).toEqual(before);
    }
    await compare(`#${i} ${step.kind} by ${step.actor}`);
  }
}

describe('the workflow against the reference model (fast-check)', () => {
  it(`${RUNS} random sequences of actions and time jumps agree with the model after every step (seed ${SEED})`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(cmdArb, { minLength: 6, maxLength: 24 }), check), {
      numRuns: RUNS,
      seed: SEED,
      // Report (and stop shrinking) before the test's timeout: a failure printed beats a timeout that says nothing.
      interruptAfterTimeLimit: 400_000,
      markInterruptAsFailure: true,
      reporter: (out: fc.RunDetails<[Cmd[]]>) => {
        if (out.failed)
          throw new Error(
            `model-based test failed — seed ${out.seed}, path ${out.counterexamplePath}\nshrunk sequence: ${JSON.stringify(out.counterexample)}\n${String(out.errorInstance)}\nreplay: FC_SEED=${out.seed} npm test -- tests/workflows/model`,
          );
      },
    });
    console.log(
      `[model] ${RUNS} sequences: ${seen.accepted} actions accepted, ${seen.refused} refused; statuses ${[...seen.statuses].join(', ')}; escalations ${[...seen.escalations].join(', ')}`,
    );
  }, 600_000);
});
