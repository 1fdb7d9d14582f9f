import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Imported first: the API reads its configuration when its module loads. Small quotas, a folder of the file's own. */
export const EVIDENCE_DIR = mkdtempSync(join(tmpdir(), 'hazard-evidence-'));
export const FILES_PER_HAZARD = 3;
export const BYTES_PER_ENTERPRISE = 1024 * 1024;
Object.assign(process.env, {
  EVIDENCE_DIR,
  EVIDENCE_MAX_FILES_PER_HAZARD: String(FILES_PER_HAZARD),
  EVIDENCE_MAX_BYTES_PER_ENTERPRISE: String(BYTES_PER_ENTERPRISE),
});
