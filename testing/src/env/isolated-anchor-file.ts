import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Imported first by API tests: the app reads its configuration when its modules load, and its
// anchor file must be the test's own, not data/archive/anchor.jsonl of a local stack's database.
process.env.ARCHIVE_ANCHOR_FILE = join(mkdtempSync(join(tmpdir(), 'archive-anchor-')), 'anchor.jsonl');
