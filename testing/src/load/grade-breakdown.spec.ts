import type { temporal } from '@temporalio/proto';
import { gradeParts } from './grade-breakdown';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/** A grade as its hazard's history shows it: accepted at 1,000 ms, its step queued 30 ms, written in 20, answered 15 ms later. */
const history: HistoryEvent[] = [
  {
    eventId: 5,
    eventTime: at(1000),
    workflowExecutionUpdateAcceptedEventAttributes: { protocolInstanceId: 'u1', acceptedRequest: { input: { name: 'grade' } } },
  },
  { eventId: 6, eventTime: at(1000), activityTaskScheduledEventAttributes: { activityType: { name: 'recordStep' } } },
  { eventId: 7, eventTime: at(1030), activityTaskStartedEventAttributes: { scheduledEventId: 6 } },
  { eventId: 8, eventTime: at(1050), activityTaskCompletedEventAttributes: { scheduledEventId: 6 } },
  { eventId: 12, eventTime: at(1065), workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId: 'u1' } } },
] as unknown as HistoryEvent[];

describe("grading's time by part (load drill)", () => {
  it('splits what the user waited into the API and acceptance, the step queued, written, and the answer', () => {
    expect(gradeParts(history, 110)).toEqual({ beforeAccepted: 45, stepQueued: 30, stepWrite: 20, answered: 15 });
  });

  it('a grade answered in the task that accepted it waited only before acceptance; its write is shown off the path', () => {
    // answer-with-steps: the update completes with the task that schedules the step's activity.
    const early = [
      history[0],
      { eventId: 6, eventTime: at(1000), workflowExecutionUpdateCompletedEventAttributes: { meta: { updateId: 'u1' } } },
      { eventId: 7, eventTime: at(1000), activityTaskScheduledEventAttributes: { activityType: { name: 'recordStep' } } },
      { eventId: 8, eventTime: at(1030), activityTaskStartedEventAttributes: { scheduledEventId: 7 } },
      { eventId: 9, eventTime: at(1050), activityTaskCompletedEventAttributes: { scheduledEventId: 7 } },
    ] as unknown as HistoryEvent[];
    expect(gradeParts(early, 60)).toEqual({ beforeAccepted: 60, stepQueued: 30, stepWrite: 20, answered: 0 });
  });

  it('gives nothing for a history without the whole grade', () => {
    expect(gradeParts(history.slice(0, 3), 110)).toBeNull();
    expect(gradeParts([], 110)).toBeNull();
  });
});
