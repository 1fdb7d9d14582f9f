import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 重复隐患候选记录 (issue 19): the candidate duplicates found when a hazard was registered by import,
 * one row per pair and direction, so the grader sees them on the hazard (with the similarity they
 * had then and the import that found them) even after the live lookup stops returning them (the
 * original closed since, or more than `maxCandidates` alike). Rows go with either hazard.
 */
export class RecordedDuplicateCandidates1764302100000 implements MigrationInterface {
  name = 'RecordedDuplicateCandidates1764302100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table hazard_duplicate_candidates (
        hazard_id text not null references hazards(id) on delete cascade,
        candidate_id text not null references hazards(id) on delete cascade,
        description_similarity real not null,
        location_similarity real,
        found_on text not null check (found_on in ('import', 'report')),
        import_id text references hazard_imports(id) on delete set null,
        found_at timestamptz not null default now(),
        primary key (hazard_id, candidate_id),
        check (hazard_id <> candidate_id)
      )`);
    // The import's summary (rows with candidates) and the delete cascade from the candidate's side.
    await q.query(
      `create index ix_hazard_duplicate_candidates_import on hazard_duplicate_candidates (import_id) where import_id is not null`,
    );
    await q.query(`create index ix_hazard_duplicate_candidates_candidate on hazard_duplicate_candidates (candidate_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table hazard_duplicate_candidates');
  }
}
