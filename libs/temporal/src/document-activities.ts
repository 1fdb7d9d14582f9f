import type { IssueDocumentInput, IssuedDocument, PublishNoticeInput } from '@hazards/documents/document-facts';

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
