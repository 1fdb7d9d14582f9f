import type { IssueAndRecordActivities, StepPath } from '@hazards/temporal/document-activities';
import type { IssueDocumentInput, IssuedDocument } from './document-facts';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';
import { documentData } from '@hazards/domain/accountability/document-data';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Puts `value` at each path of the step (the last key is set, every key before it must name an
 * object the workflow built). A path that does not fit is the workflow's bug: refused, never guessed.
 */
export function attachAt<T extends object>(step: T, paths: StepPath[], value: unknown): T {
  for (const path of paths) {
    let node: unknown = step;
    path.forEach((key, i) => {
      if (FORBIDDEN.has(String(key)) || node === null || typeof node !== 'object')
        throw new Error(`issueAndRecordStep: path ${JSON.stringify(path)} does not fit the step at ${i}`);
      if (i === path.length - 1) (node as Record<string | number, unknown>)[key] = value;
      else node = (node as Record<string | number, unknown>)[key];
    });
  }
  return step;
}

/**
 * issueAndRecordStep, from the two activities it stands for: issues the document (idempotent on its
 * key), puts its data where the workflow said, and records the step (idempotent on hazard and seq).
 * A crash between the two is retried whole: the second issue returns the stored document, so the
 * step states the same number and SHA-256.
 */
export function issueAndRecordStep(
  issueDocument: (input: IssueDocumentInput) => Promise<IssuedDocument>,
  recordStep: (input: RecordStepInput) => Promise<{ applied: boolean }>,
): IssueAndRecordActivities['issueAndRecordStep'] {
  return async ({ document, attachAt: paths, step }) => {
    const issued = await issueDocument(document);
    const { applied } = await recordStep(attachAt(step, paths, documentData(issued)));
    return { applied, document: issued };
  };
}
