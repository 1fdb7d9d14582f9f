import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { percentile, round } from '../report/bench-report';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * Where a grade's time went, in ms. For a grade answered after its step's activity (before the
 * patch `answer-with-steps`) the parts add up to what its user waited. A grade answered in the task
 * that accepted it waited only `beforeAccepted` (which then also holds the API writing the step);
 * its activity's queue and write are shown but were off the user's path, and `answered` is 0.
 */
export interface GradeParts {
  /** The API's own work and the wait for the workflow task that accepted the update. */
  beforeAccepted: number;
  /** Accepted → its step's activity task started (the activity task's queue). */
  stepQueued: number;
  /** The step's activity (`recordStep`: the history row, hazard row and outbox event). */
  stepWrite: number;
  /** The step written → the update answered (the last workflow task); 0 when answered on acceptance. */
  answered: number;
}

const ms = (e: HistoryEvent | undefined): number => {
  const t = e?.eventTime;
  return t ? Number(t.seconds ?? 0) * 1000 + Math.round((t.nanos ?? 0) / 1e6) : NaN;
};

/** A grade's parts from its hazard's history, or null when the history does not show the whole of it. */
export function gradeParts(events: HistoryEvent[], waitedMs: number): GradeParts | null {
  const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'grade');
  if (accepted < 0) return null;
  const updateId = events[accepted].workflowExecutionUpdateAcceptedEventAttributes!.protocolInstanceId;
  const done = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId);
  const scheduled = events.findIndex((e, i) => i > accepted && e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep');
  if (done < 0 || scheduled < 0) return null;
  const id = events[scheduled].eventId;
  const started = events.find((e) => String(e.activityTaskStartedEventAttributes?.scheduledEventId) === String(id));
  const completed = events.find((e) => String(e.activityTaskCompletedEventAttributes?.scheduledEventId) === String(id));
  const answeredFirst = completed !== undefined && done < events.indexOf(completed);
  const parts = {
    stepQueued: ms(started) - ms(events[accepted]),
    stepWrite: ms(completed) - ms(started),
    answered: answeredFirst ? 0 : ms(events[done]) - ms(completed),
  };
  if (Object.values(parts).some((x) => !Number.isFinite(x))) return null;
  return { beforeAccepted: waitedMs - (ms(events[done]) - ms(events[accepted])), ...parts };
}

/**
 * Grading's time by part, from the histories of up to `sample` graded hazards: p50 and p95 of each
 * part, and each part's mean among the slowest 5% of grades (where the tail is spent).
 */
export async function gradeBreakdown(
  client: Client,
  gradeMs: Map<string, number>,
  sample = 300,
): Promise<Record<string, Record<string, number>>> {
  const picked = [...gradeMs].slice(0, sample);
  const all: (GradeParts & { waited: number })[] = [];
  for (const [hazardId, waited] of picked) {
    const { events } = await client.workflow.getHandle(hazardWorkflowId(hazardId)).fetchHistory();
    const parts = gradeParts(events ?? [], waited);
    if (parts) all.push({ ...parts, waited });
  }
  const slowest = [...all].sort((a, b) => b.waited - a.waited).slice(0, Math.max(1, Math.ceil(all.length / 20)));
  const keys = ['waited', 'beforeAccepted', 'stepQueued', 'stepWrite', 'answered'] as const;
  return Object.fromEntries(
    keys.map((k) => {
      const xs = all.map((g) => g[k]);
      const tail = slowest.map((g) => g[k]);
      return [
        k,
        {
          p50: round(percentile(xs, 50)),
          p95: round(percentile(xs, 95)),
          'mean of slowest 5%': round(tail.reduce((a, b) => a + b, 0) / tail.length),
        },
      ];
    }),
  );
}
