import { creditCodeProblem } from '@hazards/domain/enterprise/credit-code';
import { HAZARD_SOURCES, type HazardSource } from '@hazards/domain/hazard/vocabulary';
import {
  HEADER_OF,
  IMPORT_COLUMNS,
  ROW_ERRORS,
  type ImportCells,
  type ImportColumnKey,
  type RowError,
  type RowErrorCode,
} from './import-columns';

export interface EnterpriseRef {
  id: string;
  creditCode: string;
  gridPath: string;
}
export interface InspectionRef {
  id: string;
  enterpriseId: string;
}

/** What a row may be checked against: looked up in batches by the runner. */
export interface RowLookups {
  enterprise(creditCode: string): EnterpriseRef | undefined;
  inspection(id: string): InspectionRef | undefined;
  /** Whether the importer may report for the enterprise (its jurisdiction, or its own enterprise). */
  mayReportFor(e: EnterpriseRef): boolean;
}

export interface ValidRow {
  enterprise: EnterpriseRef;
  source: HazardSource;
  description: string;
  location: string | null;
  inspectionId: string | null;
  externalId: string | null;
}

const err = (column: ImportColumnKey | null, code: RowErrorCode): RowError => ({
  column: column ? HEADER_OF[column] : null,
  code,
  reason: ROW_ERRORS[code],
});

/** Checks one row; every problem is reported (not only the first), each with its column. */
export function validateImportRow(c: ImportCells, look: RowLookups): { row: ValidRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  for (const col of IMPORT_COLUMNS) if (col.required && !c[col.key]) errors.push(err(col.key, 'required'));
  if (c.externalId && c.externalId.length > 64) errors.push(err('externalId', 'external_id_length'));
  let enterprise: EnterpriseRef | undefined;
  if (c.creditCode) {
    const code = c.creditCode.toUpperCase();
    const problem = creditCodeProblem(code);
    if (problem) errors.push(err('creditCode', `credit_code_${problem}` as RowErrorCode));
    else {
      enterprise = look.enterprise(code);
      if (!enterprise) errors.push(err('creditCode', 'enterprise_unknown'));
      else if (!look.mayReportFor(enterprise)) {
        errors.push(err('creditCode', 'enterprise_outside_reach'));
        enterprise = undefined;
      }
    }
  }
  if (c.source && !(HAZARD_SOURCES as readonly string[]).includes(c.source)) errors.push(err('source', 'source_invalid'));
  if (c.description && (c.description.length < 4 || c.description.length > 2000)) errors.push(err('description', 'description_length'));
  if (c.location && c.location.length > 200) errors.push(err('location', 'location_length'));
  if (c.inspectionId) {
    const insp = look.inspection(c.inspectionId);
    if (!insp) errors.push(err('inspectionId', 'inspection_unknown'));
    else if (enterprise && insp.enterpriseId !== enterprise.id) errors.push(err('inspectionId', 'inspection_enterprise_mismatch'));
  }
  if (errors.length || !enterprise) return { row: null, errors };
  return {
    row: {
      enterprise,
      source: c.source as HazardSource,
      description: c.description!,
      location: c.location ?? null,
      inspectionId: c.inspectionId ?? null,
      externalId: c.externalId ?? null,
    },
    errors,
  };
}

export const duplicateError = (firstRow: number): RowError => ({
  column: null,
  code: 'duplicate_in_file',
  reason: `${ROW_ERRORS.duplicate_in_file}（第${firstRow}行）`,
});
