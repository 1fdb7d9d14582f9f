import type { ActivateInput, Next, WorkflowInterceptorsFactory, WorkflowInternalsInterceptor } from '@temporalio/workflow';

/**
 * Guard against a defect of the Temporal SDK's core (1.24.0): a query that reaches a hazard the
 * worker does not hold in its cache is answered by replaying the history fetched for it. When new
 * events arrived after the last workflow task (an activity's result, a timer fired), core applies
 * them too and lets the workflow run on, with the clock of that last task, before it answers the
 * query. The commands that run produced are then sent with the next real workflow task: a step
 * written with the wrong instant, or an action accepted after the result it arrived with. A replay
 * applies those events in their own workflow task, so the history no longer replays as it was
 * written, and the hazard stops after its next eviction (README, "Queries and the replay defect").
 *
 * The guard notices jobs that came without a workflow task of their own, and fails the legacy query
 * that follows them. Core then drops the hazard from its cache, so the next workflow task replays it
 * from its history, and the query's caller retries. Only a legacy query is refused: a query that
 * came with a workflow task is answered, so a hazard's own workflow task is never failed by it.
 *
 * Known limits (README): a workflow task whose events gave the workflow no job is not seen, so jobs
 * applied after it are compared with an older clock and pass; a hazard closed from outside (terminated)
 * with events after its last task is refused every query, though replaying it can no longer harm it.
 */
export const QUERY_RACE_MESSAGE =
  '查询与隐患的新事件同时到达，本次查询未作答，请重试 / ' +
  'The query arrived together with events the hazard had not yet processed; it was not answered, retry it.';

/** What identifies the workflow task an activation belongs to: its clock and the history it has seen. */
export interface ActivationMark {
  /** The activation's workflow time, exact to the nanosecond (each workflow task's start). */
  time: string;
  /** Events applied so far. */
  historyLength: number;
}

/**
 * History grew while the clock stood still: the events were applied without a workflow task
 * started for them (time moves only when a workflow task starts), which is the defect's path.
 */
export function advancedWithoutTask(previous: ActivationMark | null, next: ActivationMark): boolean {
  return previous !== null && next.historyLength > previous.historyLength && next.time === previous.time;
}

type Activation = ActivateInput['activation'];

function markOf(activation: Activation): ActivationMark {
  const t = activation.timestamp;
  return { time: `${String(t?.seconds ?? '')}.${t?.nanos ?? 0}`, historyLength: activation.historyLength ?? 0 };
}

const isQueryOnly = (activation: Activation): boolean =>
  (activation.jobs ?? []).length > 0 && (activation.jobs ?? []).every((j) => j.queryWorkflow != null);

/** Core's id for a query sent on its own, not with a workflow task (sdk-core `LEGACY_QUERY_ID`). */
const LEGACY_QUERY_ID = 'legacy_query';
const isLegacyQuery = (activation: Activation): boolean =>
  (activation.jobs ?? []).some((j) => j.queryWorkflow?.queryId === LEGACY_QUERY_ID);

/** One per workflow run (the factory is called for each), so its marks are the run's own. */
export class QueryRaceGuard implements WorkflowInternalsInterceptor {
  private last: ActivationMark | null = null;
  private raced = false;

  activate(input: ActivateInput, next: Next<WorkflowInternalsInterceptor, 'activate'>): void {
    if (isQueryOnly(input.activation)) {
      // Thrown outside any query handler, this fails the activation, so core evicts the run.
      if (this.raced && isLegacyQuery(input.activation)) throw new Error(QUERY_RACE_MESSAGE);
      return next(input);
    }
    // An activation with signals is run in two batches; the first one carries its mark.
    if (input.batchIndex === 0) {
      const mark = markOf(input.activation);
      // A new clock clears the mark; jobs that follow the stale ones in the same standstill (an
      // activity cancelled at once) keep it.
      this.raced = this.last?.time === mark.time && (this.raced || advancedWithoutTask(this.last, mark));
      this.last = mark;
    }
    return next(input);
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ internals: [new QueryRaceGuard()] });
