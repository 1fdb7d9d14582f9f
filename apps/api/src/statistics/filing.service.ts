import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { filingPeriod, periodsDueBy, shanghaiToday, type FilingPeriod } from '../../../../libs/domain/src/statistics/filing-periods';
import type { AuthUser } from '../auth/auth-user';
import { ApiException, forbidden, unknownJurisdiction } from '../common/api-error';
import type { FileStatisticsDto } from './filing.dto';

export interface MissingFiling {
  enterpriseId: string; enterpriseName: string; creditCode: string; gridId: string; jurisdictionPath: string;
  principalName: string | null; period: string; periodKind: 'quarter' | 'annual'; dueOn: string;
}

/** The outbox event a missing filing produces (consumed by the notifier's reminder channels). */
export const FILING_MISSING_EVENT = 'filing.missing';
export const FILING_RULES_VERSION = 'order16-filing-v1';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Enterprises with no filing for a period whose due date has passed (as of a Shanghai date),
 * within a jurisdiction path. Enterprises registered after a period ended owe nothing for it.
 * This is the function the supervisor's work queue calls.
 */
export async function missingFilings(db: DataSource | EntityManager, jurisdictionPath: string | null, asOfDate = shanghaiToday()): Promise<MissingFiling[]> {
  const periods = periodsDueBy(asOfDate);
  if (periods.length === 0) return [];
  const rows: (Omit<MissingFiling, 'periodKind'> & { period_kind: string })[] = await db.query(
    `select e.id as "enterpriseId", e.name as "enterpriseName", e.credit_code as "creditCode", e.grid_id as "gridId", j.path as "jurisdictionPath",
            e.principal_name as "principalName", p.key as period, p.kind as period_kind, p.due_on as "dueOn"
       from enterprises e join jurisdictions j on j.id = e.grid_id
       cross join unnest($2::text[], $3::text[], $4::text[], $5::text[]) as p(key, kind, due_on, ends_on)
      where ($1::text is null or j.path like $1 || '%')
        and (e.created_at at time zone 'Asia/Shanghai')::date <= p.ends_on::date
        and not exists (select 1 from enterprise_filings f where f.enterprise_id = e.id and f.period = p.key)
      order by p.due_on desc, e.id`,
    [jurisdictionPath, periods.map((p) => p.key), periods.map((p) => p.kind), periods.map((p) => p.dueOn), periods.map((p) => p.endsOn)],
  );
  return rows.map(({ period_kind, ...r }) => ({ ...r, periodKind: period_kind as 'quarter' | 'annual' }));
}

/**
 * One reminder per enterprise and period: a `filing.missing` outbox event (event id
 * `filing.missing:<enterpriseId>:<period>`), written once however often this runs.
 */
export async function remindMissingFilings(ds: DataSource, asOfDate = shanghaiToday(), jurisdictionPath: string | null = null): Promise<{ missing: number; reminded: number }> {
  const missing = await missingFilings(ds, jurisdictionPath, asOfDate);
  let reminded = 0;
  for (const m of missing) {
    const eventId = `${FILING_MISSING_EVENT}:${m.enterpriseId}:${m.period}`;
    await ds.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `insert into filing_reminders (enterprise_id, period, due_on, event_id) values ($1,$2,$3,$4) on conflict do nothing returning 1`,
        [m.enterpriseId, m.period, m.dueOn, eventId]);
      if (inserted.length === 0) return;
      await tx.query(
        `insert into outbox_events (event_id, type, hazard_id, occurred_at, policy_version, payload)
         values ($1, $2, $3, now(), $4, $5) on conflict (event_id) do nothing`,
        [eventId, FILING_MISSING_EVENT, `enterprise:${m.enterpriseId}`, FILING_RULES_VERSION, { ...m, asOf: asOfDate }]);
      reminded++;
    });
  }
  return { missing: missing.length, reminded };
}

/** 企业隐患排查治理统计报送: quarterly by the 15th of the next month, annual by 31 January. */
@Injectable()
export class FilingService {
  constructor(private readonly ds: DataSource) {}

  async file(user: AuthUser, dto: FileStatisticsDto) {
    if (user.role !== 'enterprise' || !user.enterpriseId) throw forbidden('统计报表由企业报送。', 'Only an enterprise files its statistics.');
    if (dto.periodKind === 'quarter' && !dto.quarter) throw new ApiException(400, 'validation_failed', '季报须指定季度。', 'A quarterly filing needs its quarter.', 'quarter');
    if (dto.periodKind === 'annual' && dto.quarter) throw new ApiException(400, 'validation_failed', '年报不能指定季度。', 'An annual filing has no quarter.', 'quarter');
    const f = dto.figures;
    if (f.majorFound > f.hazardsFound || f.rectified > f.hazardsFound || f.majorRectified > Math.min(f.majorFound, f.rectified)) {
      throw new ApiException(422, 'figures_inconsistent', '统计数字不一致：重大隐患、已整改数不能超过隐患总数。', 'Figures disagree: major and rectified counts cannot exceed the totals.', 'figures');
    }
    const period: FilingPeriod = filingPeriod(dto.periodKind, dto.year, dto.quarter);
    const today = shanghaiToday();
    if (period.endsOn >= today) throw new ApiException(422, 'period_not_ended', `${period.key} 尚未结束，不能报送。`, `${period.key} has not ended yet.`, 'year');
    const ent: { principal_name: string | null }[] = await this.ds.query('select principal_name from enterprises where id = $1', [user.enterpriseId]);
    const principal = ent[0]?.principal_name;
    if (principal && principal !== dto.signedByName) {
      throw new ApiException(422, 'signer_not_principal', `须由主要负责人 ${principal} 签名。`, `Must be signed by the principal (${principal}).`, 'signedByName');
    }
    const id = randomUUID();
    const rows: { signed_at: Date }[] = await this.ds.query(
      `insert into enterprise_filings (id, enterprise_id, period_kind, period, year, quarter, due_on, figures, signed_by_name, signed_at, filed_by, late)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9, now(), $10, $11) on conflict (enterprise_id, period) do nothing returning signed_at`,
      [id, user.enterpriseId, period.kind, period.key, period.year, period.quarter, period.dueOn, f, dto.signedByName, user.id, today > period.dueOn]);
    if (!rows[0]) throw new ApiException(409, 'already_filed', `${period.key} 已报送。`, `${period.key} has been filed already.`, 'year');
    return { id, period: period.key, dueOn: period.dueOn, late: today > period.dueOn, signedByName: dto.signedByName, signedAt: rows[0].signed_at.toISOString() };
  }

  /** Filings visible to the caller: an enterprise its own, a supervisor its subtree's, an admin all. */
  async list(user: AuthUser, q: { jurisdictionId?: string; period?: string }) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (user.role === 'enterprise') {
      params.push(user.enterpriseId);
      where.push(`f.enterprise_id = $${params.length}`);
    } else if (user.role === 'supervisor') {
      params.push((await this.pathFor(user, q.jurisdictionId)) + '%');
      where.push(`j.path like $${params.length}`);
    } else if (user.role !== 'admin') throw forbidden('无权查看统计报送。', 'You may not read filings.');
    if (q.period) {
      params.push(q.period);
      where.push(`f.period = $${params.length}`);
    }
    return this.ds.query(
      `select f.id, f.enterprise_id as "enterpriseId", e.name as "enterpriseName", f.period_kind as "periodKind", f.period, f.due_on as "dueOn",
              f.figures, f.signed_by_name as "signedByName", f.signed_at as "signedAt", f.filed_at as "filedAt", f.late
         from enterprise_filings f join enterprises e on e.id = f.enterprise_id join jurisdictions j on j.id = e.grid_id
        where ${where.length ? where.join(' and ') : 'true'} order by f.period desc, e.id`, params);
  }

  /** Missing filings in the caller's subtree (or a jurisdiction within it). */
  async missing(user: AuthUser, q: { jurisdictionId?: string; asOf?: string }): Promise<MissingFiling[]> {
    if (user.role !== 'supervisor' && user.role !== 'admin') throw forbidden('仅监管人员可查看未报送企业。', 'Only supervisors see missing filings.');
    if (q.asOf && !DATE_RE.test(q.asOf)) throw new ApiException(400, 'validation_failed', 'asOf 须为 YYYY-MM-DD。', 'asOf must be YYYY-MM-DD.', 'asOf');
    const path = user.role === 'admin' && !q.jurisdictionId ? null : await this.pathFor(user, q.jurisdictionId);
    return missingFilings(this.ds, path, q.asOf ?? shanghaiToday());
  }

  private async pathFor(user: AuthUser, jurisdictionId?: string): Promise<string> {
    if (!jurisdictionId) {
      if (!user.jurisdictionPath) throw new ApiException(422, 'jurisdiction_required', '请指定辖区。', 'Give a jurisdictionId.', 'jurisdictionId');
      return user.jurisdictionPath;
    }
    const rows: { path: string }[] = await this.ds.query('select path from jurisdictions where id = $1', [jurisdictionId]);
    if (!rows[0] || (user.role === 'supervisor' && !rows[0].path.startsWith(user.jurisdictionPath ?? '\u0000'))) throw unknownJurisdiction(jurisdictionId);
    return rows[0].path;
  }
}
