/** Workflow id = hazard id, so a duplicate report never starts a second lifecycle. */
export const HAZARD_WORKFLOW_ID_PREFIX = 'hazard-';

export function hazardWorkflowId(hazardId: string): string {
  return `${HAZARD_WORKFLOW_ID_PREFIX}${hazardId}`;
}
