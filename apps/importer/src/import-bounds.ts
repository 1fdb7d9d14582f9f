import type { Environment } from '@hazards/config/environment.schema';
import { DEFAULT_XLSX_BOUNDS, type XlsxBounds } from '@hazards/imports/xlsx-stream-reader';

/** The workbook bounds from the configuration (IMPORT_MAX_*); columns and cell length are Excel's own limits. */
export function importBounds(
  env: Pick<
    Environment,
    | 'IMPORT_MAX_ROWS'
    | 'IMPORT_MAX_SHARED_STRINGS'
    | 'IMPORT_MAX_SHARED_STRING_CHARS'
    | 'IMPORT_MAX_INFLATED_BYTES'
    | 'IMPORT_MAX_INFLATE_RATIO'
  >,
): XlsxBounds {
  return {
    ...DEFAULT_XLSX_BOUNDS,
    maxRows: env.IMPORT_MAX_ROWS,
    maxSharedStrings: env.IMPORT_MAX_SHARED_STRINGS,
    maxSharedStringChars: env.IMPORT_MAX_SHARED_STRING_CHARS,
    maxInflatedBytes: env.IMPORT_MAX_INFLATED_BYTES,
    maxInflateRatio: env.IMPORT_MAX_INFLATE_RATIO,
  };
}
