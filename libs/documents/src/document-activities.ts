import type { DataSource } from 'typeorm';
import type { DocumentActivities } from '@hazards/temporal/document-activities';
import type { ShiftWorkingDaysInput } from '@hazards/temporal/hazard-activities';
import { DocumentIssuer } from './document-issuer';

/** The document activities bound to the database and the working-day calendar the worker counts with. */
export function createDocumentActivities(ds: DataSource, shift: (input: ShiftWorkingDaysInput) => Promise<string[]>): DocumentActivities {
  const issuer = new DocumentIssuer(ds, shift);
  return {
    issueDocument: (input) => issuer.issue(input),
    publishNotice: (input) => issuer.publish(input),
  };
}
