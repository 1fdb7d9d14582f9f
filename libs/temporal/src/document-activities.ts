import type { IssueDocumentInput, IssuedDocument, PublishNoticeInput } from '@hazards/documents/document-facts';
import type { RecordStepInput } from './hazard-activities';

export type { DocumentFacts, IssueDocumentInput, IssuedDocument, PublishNoticeInput } from '@hazards/documents/document-facts';

/**
 * Activities of the accountability documents (issue 18), implemented in libs/documents and bound
 * in apps/worker. Numbering and rendering live here, outside the workflow; both are idempotent.
 */
export interface DocumentActivities {
  /** Numbers, renders (.docx) and stores a document once per `key`; returns its number and SHA-256. */
  issueDocument(input: IssueDocumentInput): Promise<IssuedDocument>;
  /** Sets a notice's publication date (the public page shows it from then on); idempotent. */
  publishNotice(input: PublishNoticeInput): Promise<void>;
}

/** A key path from the root of a step's input, e.g. `['data', 'document']`. */
export type StepPath = (string | number)[];

export interface IssueAndRecordStepInput {
  /** The document to issue, idempotent on its key. */
  document: IssueDocumentInput;
  /** Where the document's data (number, SHA-256 ...) goes in the step before it is written. */
  attachAt: StepPath[];
  step: RecordStepInput;
}

/**
 * A step that states the document it issues (an escalation's 督办函), issued and recorded by one
 * activity: one activity task and one workflow task fewer than issueDocument, then recordStep.
 * Bound in apps/worker from the two activities it stands for, so it is idempotent as both are.
 */
export interface IssueAndRecordActivities {
  issueAndRecordStep(input: IssueAndRecordStepInput): Promise<{ applied: boolean; document: IssuedDocument }>;
}
