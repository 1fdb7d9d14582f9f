import notice2024 from './2024.json';
import notice2025 from './2025.json';
import notice2026 from './2026.json';

/**
 * The State Council notices shipped with the engine, one file per year in the import format
 * (`npm run cli -- calendar import libs/domain/src/calendar/data/notices/2026.json`). A fresh
 * database is seeded with them; a running one gets a new year by importing its file (README, the
 * yearly routine). Add the next year's file here as soon as its notice is published.
 */
export const BUNDLED_NOTICE_FILES: unknown[] = [notice2024, notice2025, notice2026];
