import { eachInPool } from '@hazards/concurrency';
import { heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type {
  CalendarChange,
  CalendarReplanActivities,
  CalendarReplanInput,
  SignalReplanPageInput,
  SignalReplanPageResult,
} from '@hazards/temporal/calendar-activities';
import type { calendarReplanWorkflow } from '../../../workflows/src/calendar-replan.workflow';
import { calendarChangedSignal } from '../../../workflows/src/calendar-replan.definitions';
import type { ReplanStarter } from './calendar-importer';
import { CalendarNoticeStore, type SqlRunner } from './calendar-notice.store';

const DAY_MS = 24 * 3600 * 1000;
/** Signals in flight at once while a page is signalled. */
export const SIGNAL_CONCURRENCY = 32;

export const replanWorkflowId = (changeId: string) => `calendar-replan-${changeId}`;

/** Starts the durable re-planning run (`calendarReplanWorkflow`) for one notice load. */
export class TemporalReplanStarter implements ReplanStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async start(changeId: string, change: CalendarChange): Promise<{ workflowId: string }> {
    const workflowId = replanWorkflowId(changeId);
    const input: CalendarReplanInput = { changeId, change };
    await this.client.workflow.start<typeof calendarReplanWorkflow>('calendarReplanWorkflow', {
      workflowId,
      taskQueue: this.taskQueue,
      args: [input],
    });
    return { workflowId };
  }
}

/**
 * How many calendar days after its last deadline a hazard still has timers: the overdue ladder
 * and the tracing alarm run up to N working days past the deadline. N working days span at most
 * N·7/5 calendar days plus the holidays between; a month covers the longest two festivals.
 */
export function timerHorizonDays(policy: Policy): number {
  const after = Math.max(
    ...policy.escalation.ladder.map((s) => s.afterOverdueWorkingDays),
    ...policy.escalation.generalLadder.map((s) => s.afterOverdueWorkingDays),
    policy.accountability.tracing.afterOverdueWorkingDays,
  );
  return Math.ceil((after * 7) / 5) + 31;
}

/**
 * Open hazards whose deadlines or timers may touch the changed dates, in id order: those with
 * timers running (listed to submitted) whose latest deadline, plus the timer horizon, reaches the
 * first changed date. A hazard picked that turns out untouched recomputes and records nothing.
 */
export async function replanCandidates(
  db: SqlRunner,
  o: { firstChangedDate: string; horizonDays: number; afterHazardId: string; limit: number },
): Promise<string[]> {
  const since = new Date(Date.parse(`${o.firstChangedDate}T00:00:00+08:00`) - o.horizonDays * DAY_MS);
  const rows: { id: string }[] = await db.query(
    `select id from hazards
     where status in ('listed','plan_submitted','rectifying','submitted') and id > $1
       and greatest(current_deadline, rectification_deadline, (detail #>> '{deadlines,extensionDecisionDue}')::timestamptz) >= $2
     order by id limit $3`,
    [o.afterHazardId, since, o.limit],
  );
  return rows.map((r) => r.id);
}

/** The worker's side of the re-planning run: one page of hazards signalled. */
export function createCalendarReplanActivities(deps: { db: SqlRunner; client: Client; policy: Policy }): CalendarReplanActivities {
  const store = new CalendarNoticeStore(deps.db);
  return {
    async signalReplanPage(input: SignalReplanPageInput): Promise<SignalReplanPageResult> {
      // The run is started inside the load's transaction: until it commits the row is not visible (retried).
      if (!(await store.byChangeId(input.changeId))) throw new Error(`calendar load ${input.changeId} is not committed (yet)`);
      const first = input.change.changedDates[0];
      if (!first) return { signalled: 0, skipped: 0, lastHazardId: null, done: true };
      const ids = await replanCandidates(deps.db, {
        firstChangedDate: first,
        horizonDays: timerHorizonDays(deps.policy),
        afterHazardId: input.afterHazardId,
        limit: input.limit,
      });
      let signalled = 0;
      let skipped = 0;
      await eachInPool(ids, SIGNAL_CONCURRENCY, async (id, i) => {
        try {
          await deps.client.workflow.getHandle(hazardWorkflowId(id)).signal(calendarChangedSignal, input.change);
          signalled += 1;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          skipped += 1; // closed since it was selected: nothing left to re-plan
        }
        if (i % 50 === 0) heartbeat({ afterHazardId: input.afterHazardId, done: i });
      });
      return { signalled, skipped, lastHazardId: ids[ids.length - 1] ?? null, done: ids.length < input.limit };
    },
  };
}
