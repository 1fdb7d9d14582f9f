import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { LiveCalendar, liveShiftWorkingDays } from '@hazards/calendar';
import { demoClockAllowed } from '@hazards/domain/calendar/demo-clock';
import { HazardStepRecorder, isEarlierStepPending } from '@hazards/persistence';
import { HazardReadRepository } from '@hazards/persistence/hazards/hazard-read.repository';
import { createDocumentActivities } from '@hazards/documents/document-activities';
import { issueAndRecordStep } from '@hazards/documents/issue-and-record-step';
import type { DocumentActivities, IssueAndRecordActivities } from '@hazards/temporal/document-activities';
import type { HazardActivities } from '@hazards/temporal';

/**
 * The hazard workflow's activities, bound to their dependencies. recordStep is idempotent
 * (unique history row per step); shiftWorkingDays is calendar arithmetic on the live calendar
 * (the notices in PostgreSQL, cached), kept out of the workflow sandbox so that a calendar update
 * never breaks replay.
 */
export function createHazardActivities(
  ds: DataSource,
  calendar = new LiveCalendar(ds),
): HazardActivities & DocumentActivities & IssueAndRecordActivities {
  const recorder = new HazardStepRecorder(ds);
  const hazards = new HazardReadRepository(ds);
  const shiftWorkingDays = liveShiftWorkingDays(calendar);
  // 问责文书 (issue 18): numbered and rendered here, outside the workflow; a reply date counts working days.
  const documents = createDocumentActivities(ds, shiftWorkingDays);
  const recordStep: HazardActivities['recordStep'] = async (input) => {
    try {
      return await recorder.record(input);
    } catch (err) {
      // Waiting for the step before is expected and short-lived: tried again each second, not on the
      // doubling backoff, so a hazard whose earlier step was held up catches up as soon as it lands.
      if (isEarlierStepPending(err)) throw ApplicationFailure.create({ type: err.name, message: err.message, nextRetryDelay: '1 second' });
      throw err;
    }
  };
  return {
    ...documents,
    recordStep,
    issueAndRecordStep: issueAndRecordStep(documents.issueDocument, recordStep),
    shiftWorkingDays: liveShiftWorkingDays(calendar, { demoClockAllowed: demoClockAllowed(process.env.NODE_ENV) }),
    enterprisePenalties: (input) => hazards.enterprisePenalties(input),
  };
}
