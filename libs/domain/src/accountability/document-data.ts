import type { DocumentKind } from './document-kinds';

/** An issued document as the workflow keeps it and the documents activity returns it. */
export interface IssuedDocumentFields {
  documentId: string;
  kind: DocumentKind;
  number: string;
  title: string;
  sha256: string;
  replyDueAt: string | null;
}

/**
 * What a step and its event say about a document: the workflow puts it there, or the activity that
 * issues the document with its step does (issueAndRecordStep); both use this one projection.
 */
export const documentData = (d: IssuedDocumentFields): IssuedDocumentFields => ({
  documentId: d.documentId,
  kind: d.kind,
  number: d.number,
  title: d.title,
  sha256: d.sha256,
  replyDueAt: d.replyDueAt,
});
