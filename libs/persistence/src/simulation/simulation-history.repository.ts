import type { DataSource } from 'typeorm';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { HazardSource } from '@hazards/domain/hazard/vocabulary';
import { historyToActions, historyToSystemSteps, leadDepartmentOf, type HistoryRow } from '@hazards/simulation/history-to-actions';
import type { RecordedHazard } from '@hazards/simulation/recorded-hazard';

/** Hazards fetched per history query: bounds the parameter list and the rows held at once. */
const CHUNK = 1000;

interface HazardRow {
  id: string;
  enterprise_id: string;
  jurisdiction_path: string;
  source: string;
  description: string;
  reported_at: Date;
  rectification_deadline: Date | null;
  closed_at: Date | null;
  status: string;
}

/**
 * The read model's side of 政策推演: the hazards of a jurisdiction's subtree reported in a period,
 * with their recorded history, as the simulation replays them. Reads only.
 */
export class SimulationHistoryRepository {
  constructor(private readonly ds: DataSource) {}

  /** Hazards of the subtree (path like '/nantong/tongzhou/') reported in [from, to). */
  async countHazards(path: string, from: string, to: string): Promise<number> {
    const [r] = await this.ds.query(
      `select count(*)::int as n from hazards where jurisdiction_path like $1 || '%' and reported_at >= $2 and reported_at < $3`,
      [path, from, to],
    );
    return r.n;
  }

  async loadHazards(path: string, from: string, to: string): Promise<RecordedHazard[]> {
    const hazards: HazardRow[] = await this.ds.query(
      `select id, enterprise_id, jurisdiction_path, source, description, reported_at, rectification_deadline, closed_at, status
         from hazards where jurisdiction_path like $1 || '%' and reported_at >= $2 and reported_at < $3 order by reported_at, id`,
      [path, from, to],
    );
    const out: RecordedHazard[] = [];
    for (let i = 0; i < hazards.length; i += CHUNK) {
      const chunk = hazards.slice(i, i + CHUNK);
      const rows: (HistoryRow & { hazard_id: string })[] = await this.ds.query(
        `select hazard_id, seq, step, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor, reason, data
           from hazard_history where hazard_id = any($1) order by hazard_id, seq`,
        [chunk.map((h) => h.id)],
      );
      const byHazard = new Map<string, HistoryRow[]>();
      for (const r of rows) byHazard.set(r.hazard_id, [...(byHazard.get(r.hazard_id) ?? []), r]);
      for (const h of chunk) {
        const history = byHazard.get(h.id) ?? [];
        const reported = history.find((r) => r.step === 'reported');
        if (!reported) continue; // imported without a lifecycle: nothing to replay
        out.push({
          hazardId: h.id,
          enterpriseId: h.enterprise_id,
          jurisdictionPath: h.jurisdiction_path.split('/').filter(Boolean),
          source: h.source as HazardSource,
          description: h.description,
          location: typeof reported.data.location === 'string' ? reported.data.location : undefined,
          photos: Array.isArray(reported.data.photos) ? (reported.data.photos as string[]) : undefined,
          reportedAt: h.reported_at.toISOString(),
          reportedBy: reported.actor as Actor,
          leadDepartment: leadDepartmentOf(history),
          actions: historyToActions(history),
          actual: {
            rectificationDeadline: h.rectification_deadline?.toISOString() ?? null,
            closedAt: h.closed_at?.toISOString() ?? null,
            status: h.status,
            steps: historyToSystemSteps(history),
          },
        });
      }
    }
    return out;
  }
}

/** A jurisdiction's path in the tree ('/nantong/tongzhou/'), or null when there is no such node. */
export async function jurisdictionPathOf(ds: DataSource, id: string): Promise<string | null> {
  const rows: { path: string }[] = await ds.query('select path from jurisdictions where id = $1', [id]);
  return rows[0]?.path ?? null;
}
