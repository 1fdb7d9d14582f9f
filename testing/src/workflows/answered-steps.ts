import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';
import type { UpdateResult } from '../../../workflows/src/hazard-lifecycle.types';

/**
 * The API's part in an action, for tests that send updates straight to Temporal: an update that
 * answers with its steps (patch `answer-with-steps`) has them written before the caller sees the
 * answer, as `HazardCommandsService.act` does. The workflow's activity writes them too; the
 * recorder is idempotent on (hazard, seq), so whichever comes first writes. Given the whole list, as
 * `HazardStepRecorder.recordAll`, which keeps a hazard's history in order (past a short wait for an earlier
 * step it puts only the hazard row forward and leaves the history to the activities).
 */
export function writeAnsweredSteps(recordAll: (steps: RecordStepInput[]) => Promise<unknown>): WorkflowClientInterceptor {
  return {
    async startUpdate(input, next) {
      const output = await next(input);
      const payload = output.outcome?.success?.payloads?.[0];
      if (payload) {
        const result = defaultPayloadConverter.fromPayload<UpdateResult | undefined>(payload);
        if (result?.steps?.length) await recordAll(result.steps);
      }
      return output;
    },
  };
}
