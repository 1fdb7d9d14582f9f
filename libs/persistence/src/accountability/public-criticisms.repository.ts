import type { EntityManager } from 'typeorm';

type Db = { query(sql: string, params?: unknown[]): Promise<any> };

/*
 * 通报批评 (issue 18): the notifier records each criticism the overdue ladder decides; the next
 * bulletin issued for the criticising jurisdiction (or one above it) carries it, once, and says so.
 */

export interface CriticismSubject {
  kind: 'enterprise' | 'department' | 'authority';
  name: string;
  creditCode?: string | null;
}

export interface NewCriticism {
  eventId: string;
  hazardId: string;
  hazardPath: string;
  issuerJurisdictionId: string;
  issuerPath: string;
  subjects: CriticismSubject[];
  reason: string;
  stage: number | null;
  decidedAt: string;
}

/** Records a criticism once per event (a re-delivered event changes nothing). */
export async function recordCriticism(m: Db, c: NewCriticism): Promise<void> {
  await m.query(
    `insert into public_criticisms (event_id, hazard_id, hazard_path, issuer_jurisdiction_id, issuer_path, subjects, reason, stage, decided_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9) on conflict (event_id) do nothing`,
    [c.eventId, c.hazardId, c.hazardPath, c.issuerJurisdictionId, c.issuerPath, JSON.stringify(c.subjects), c.reason, c.stage, c.decidedAt],
  );
}

export interface CriticismRow {
  id: string;
  hazardId: string;
  subjects: CriticismSubject[];
  reason: string;
  stage: number | null;
  decidedAt: string;
  bulletinId: string | null;
  carriedAt: string | null;
}

const COLUMNS = `id::text, hazard_id as "hazardId", subjects, reason, stage, decided_at as "decidedAt", bulletin_id as "bulletinId", carried_at as "carriedAt"`;
const iso = (d: unknown) => (d == null ? null : new Date(d as string).toISOString());
const toRow = (r: Record<string, unknown>): CriticismRow => ({
  ...(r as unknown as CriticismRow),
  decidedAt: iso(r.decidedAt)!,
  carriedAt: iso(r.carriedAt),
});

/** Criticisms decided within a jurisdiction's subtree and not yet carried by a bulletin, oldest first. */
export async function pendingCriticisms(db: Db, jurisdictionPath: string, limit = 500): Promise<CriticismRow[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `select ${COLUMNS} from public_criticisms where bulletin_id is null and starts_with(issuer_path, $1) order by decided_at, id limit $2`,
    [jurisdictionPath, limit],
  );
  return rows.map(toRow);
}

/**
 * Claims the pending criticisms for a bulletin being issued, inside its transaction: the rows stay
 * locked until it commits, so two bulletins issued at once never carry the same criticism.
 */
export async function claimPendingCriticisms(m: EntityManager, jurisdictionPath: string, limit = 500): Promise<CriticismRow[]> {
  const rows: Record<string, unknown>[] = await m.query(
    `select ${COLUMNS} from public_criticisms where bulletin_id is null and starts_with(issuer_path, $1) order by decided_at, id limit $2 for update`,
    [jurisdictionPath, limit],
  );
  return rows.map(toRow);
}

export async function markCriticismsCarried(m: EntityManager, ids: string[], bulletinId: string, at: string): Promise<void> {
  if (ids.length)
    await m.query(`update public_criticisms set bulletin_id = $2, carried_at = $3 where id = any($1::bigint[]) and bulletin_id is null`, [
      ids,
      bulletinId,
      at,
    ]);
}

/** The criticisms of a hazard (its accountability record and the console's documents tab). */
export async function hazardCriticisms(db: Db, hazardId: string): Promise<(CriticismRow & { bulletinNumber: string | null })[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `select c.id::text, c.hazard_id as "hazardId", c.subjects, c.reason, c.stage, c.decided_at as "decidedAt", c.bulletin_id as "bulletinId",
            c.carried_at as "carriedAt", b.number as "bulletinNumber"
       from public_criticisms c left join bulletin_issues b on b.id = c.bulletin_id where c.hazard_id = $1 order by c.decided_at, c.id`,
    [hazardId],
  );
  return rows.map((r) => ({ ...toRow(r), bulletinNumber: (r.bulletinNumber as string | null) ?? null }));
}
