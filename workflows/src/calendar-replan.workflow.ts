import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { CalendarReplanActivities, CalendarReplanInput } from '@hazards/temporal/calendar-activities';

const { signalReplanPage } = proxyActivities<CalendarReplanActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  // A notice's row may not be visible yet (the run starts just before its transaction commits):
  // retried for a few minutes, then the run ends (the load did not happen).
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 20 },
});

const PAGE = 500;
/** Pages per run before continuing as new: keeps this workflow's history small. */
const PAGES_PER_RUN = 40;

/**
 * 在途隐患重新排期 / re-planning hazards in flight after a notice load: pages through the open
 * hazards that may be affected, in hazard id order, signalling each with the change. Durable: a
 * crash resumes at the last page; a hazard signalled twice re-plans once.
 */
export async function calendarReplanWorkflow(input: CalendarReplanInput): Promise<{ signalled: number }> {
  let after = input.afterHazardId ?? '';
  let signalled = input.signalled ?? 0;
  for (let page = 0; page < PAGES_PER_RUN; page++) {
    const r = await signalReplanPage({ changeId: input.changeId, change: input.change, afterHazardId: after, limit: PAGE });
    signalled += r.signalled;
    if (r.done || r.lastHazardId === null) return { signalled };
    after = r.lastHazardId;
  }
  return continueAsNew<typeof calendarReplanWorkflow>({ ...input, afterHazardId: after, signalled });
}
