import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { HAZARD_SOURCES } from '../../../libs/domain/src/hazard/vocabulary';
import type { StatisticsTree } from './statistics-tree';

/** One hazard as the test knows it; every expected figure is computed from these. */
export interface HazardSpec {
  id: string;
  enterpriseId: string;
  path: string[];
  status: string;
  grade: 'general' | 'major' | null;
  listingLevel: 'township' | 'county' | 'city' | null;
  industry: string | null;
  accidentType: string | null;
  source: string;
  reportedAt: Date;
  deadline: Date | null;
  closedAt: Date | null;
  escalationStage: number;
  productionStopped: boolean;
  everStopped: boolean;
  penalties: number[];
  traced: boolean;
  heavier: boolean;
}

const DAY = 24 * 3600 * 1000;
const STATUSES = ['reported', 'awaiting_listing', 'listed', 'rectifying', 'rectifying', 'submitted', 'closed', 'closed', 'withdrawn'];
const INDUSTRIES = ['建筑业', '制造业', '危险化学品', '批发和零售业'];
const ACCIDENTS = ['高处坠落', '机械伤害', '物体打击', '坍塌', '火灾'];

/**
 * A known spread of hazards: 2026 and some 2025 (outside the period), every state, grades,
 * listing levels, industries, accident types, sources, deadlines past and future (relative to
 * now, so "overdue" is stable), closures on time and late, stops, penalties and tracings.
 */
export function hazardSpecs(tree: StatisticsTree, count: number, now = Date.now()): HazardSpec[] {
  const specs: HazardSpec[] = [];
  for (let i = 0; i < count; i++) {
    const e = tree.enterprises[(i * 5) % tree.enterprises.length];
    const grid = tree.grids.find((g) => g.id === e.gridId)!;
    const town = tree.towns.find((t) => t.id === grid.town)!;
    const path = [tree.city.id, town.county, town.id, grid.id];
    const year = i % 5 === 0 ? 2025 : 2026;
    const reportedAt = new Date(`${year}-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00+08:00`);
    const status = STATUSES[i % STATUSES.length];
    const graded = status !== 'reported';
    const grade = !graded ? null : status === 'awaiting_listing' || status === 'listed' || i % 3 === 0 || (status === 'withdrawn' && i % 2 === 0) ? 'major' : 'general';
    const listingLevel = grade === 'major' && status !== 'awaiting_listing' ? (['township', 'county', 'city'] as const)[i % 3] : null;
    const running = ['listed', 'rectifying', 'submitted'].includes(status);
    const deadline = running ? new Date(i % 4 < 2 ? now - (5 + (i % 3)) * DAY : now + 10 * DAY) : status === 'closed' ? new Date(reportedAt.getTime() + 20 * DAY) : null;
    const overdue = running && deadline!.getTime() < now;
    const closedAt = status === 'closed' ? new Date(reportedAt.getTime() + (10 + (i % 15)) * DAY) : null;
    const productionStopped = status === 'rectifying' && i % 5 === 0;
    specs.push({
      id: randomUUID(), enterpriseId: e.id, path, status, grade, listingLevel,
      industry: graded ? INDUSTRIES[i % 4] : null, accidentType: graded ? ACCIDENTS[i % 5] : null, source: HAZARD_SOURCES[i % HAZARD_SOURCES.length],
      reportedAt, deadline, closedAt, escalationStage: overdue ? i % 3 : 0, productionStopped,
      everStopped: productionStopped || (status === 'closed' && i % 4 === 0),
      penalties: i % 6 === 0 ? [5000, 20000] : i % 6 === 3 ? [1500.5] : [],
      traced: i % 11 === 0 && running, heavier: i % 13 === 0,
    });
  }
  return specs;
}

export async function insertHazards(ds: DataSource, specs: HazardSpec[]): Promise<void> {
  for (const h of specs) {
    const detail = {
      listing: h.listingLevel ? { level: h.listingLevel, listedAt: new Date(h.reportedAt.getTime() + 2 * DAY).toISOString(), authority: '测试', leadDepartment: '测试', relistings: [] } : null,
      production: {
        stopped: h.productionStopped, scope: null,
        changes: h.everStopped ? [{ action: 'ordered', at: h.reportedAt.toISOString() }, ...(h.productionStopped ? [] : [{ action: 'lifted', at: h.reportedAt.toISOString() }])] : [],
      },
      penalties: h.penalties.map((a, k) => ({ lawArticle: '《安全生产法》第一百零二条', amountYuan: a, decidedAt: h.reportedAt.toISOString(), decisionNumber: `罚${k}` })),
      tracing: h.traced ? { at: h.reportedAt.toISOString(), trigger: 'overdue', detail: {} } : null,
    };
    await ds.query(
      `insert into hazards (id, status, grade, listing_level, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source,
         description, industry, accident_type, reported_at, current_deadline, rectification_deadline, escalation_stage, production_stopped,
         heavier_accountability, closed_at, policy_version, last_seq, detail)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16,$17,$18,$19,$20,'test',1,$21)`,
      [h.id, h.status, h.grade, h.listingLevel, h.enterpriseId, `/${h.path.join('/')}/`, ...h.path, h.source, `统计测试隐患 ${h.id.slice(0, 8)}`,
        h.industry, h.accidentType, h.reportedAt, h.deadline, h.escalationStage, h.productionStopped, h.heavier, h.closedAt, detail]);
  }
}
