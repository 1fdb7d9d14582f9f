import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filingPeriod, shanghaiToday, type FilingPeriod } from '@hazards/domain/statistics/filing-periods';
import { missingFilings, type MissingFiling } from '@hazards/persistence/filings/missing-filings';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, forbidden, unknownJurisdiction } from '@hazards/api-contract/api-error';
import type { FileStatisticsDto } from './filing.dto';

// Shared with the notifier's daily schedule and the CLI; kept importable from here.
export {
  FILING_MISSING_EVENT,
  FILING_RULES_VERSION,
  missingFilings,
  remindMissingFilings,
  type MissingFiling,
} from '@hazards/persistence/filings/missing-filings';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** 企业隐患排查治理统计报送: quarterly by the 15th of the next month, annual by 31 January. */
@Injectable()
export class FilingService {
  constructor(private readonly ds: DataSource) {}

  async file(user: AuthUser, dto: FileStatisticsDto) {
    if (user.role !== 'enterprise' || !user.enterpriseId)
      throw forbidden('统计报表由企业报送。', 'Only an enterprise files its statistics.');
    if (dto.periodKind === 'quarter' && !dto.quarter)
      throw new ApiException(400, 'validation_failed', '季报须指定季度。', 'A quarterly filing needs its quarter.', 'quarter');
    if (dto.periodKind === 'annual' && dto.quarter)
      throw new ApiException(400, 'validation_failed', '年报不能指定季度。', 'An annual filing has no quarter.', 'quarter');
    const f = dto.figures;
    if (f.majorFound > f.hazardsFound || f.rectified > f.hazardsFound || f.majorRectified > Math.min(f.majorFound, f.rectified)) {
      throw new ApiException(
        422,
        'figures_inconsistent',
        '统计数字不一致：重大隐患、已整改数不能超过隐患总数。',
        'Figures disagree: major and rectified counts cannot exceed the totals.',
        'figures',
      );
    }
    const period: FilingPeriod = filingPeriod(dto.periodKind, dto.year, dto.quarter);
    const today = shanghaiToday();
    if (period.endsOn >= today)
      throw new ApiException(422, 'period_not_ended', `${period.key} 尚未结束，不能报送。`, `${period.key} has not ended yet.`, 'year');
    const ent: { principal_name: string | null }[] = await this.ds.query('select principal_name from enterprises where id = $1', [
      user.enterpriseId,
    ]);
    const principal = ent[0]?.principal_name;
    if (principal && principal !== dto.signedByName) {
      throw new ApiException(
        422,
        'signer_not_principal',
        `须由主要负责人 ${principal} 签名。`,
        `Must be signed by the principal (${principal}).`,
        'signedByName',
      );
    }
    const id = randomUUID();
    const rows: { signed_at: Date }[] = await this.ds.query(
      `insert into enterprise_filings (id, enterprise_id, period_kind, period, year, quarter, due_on, figures, signed_by_name, signed_at, filed_by, late)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9, now(), $10, $11) on conflict (enterprise_id, period) do nothing returning signed_at`,
      [
        id,
        user.enterpriseId,
        period.kind,
        period.key,
        period.year,
        period.quarter,
        period.dueOn,
        f,
        dto.signedByName,
        user.id,
        today > period.dueOn,
      ],
    );
    if (!rows[0]) throw new ApiException(409, 'already_filed', `${period.key} 已报送。`, `${period.key} has been filed already.`, 'year');
    return {
      id,
      period: period.key,
      dueOn: period.dueOn,
      late: today > period.dueOn,
      signedByName: dto.signedByName,
      signedAt: rows[0].signed_at.toISOString(),
    };
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
        where ${where.length ? where.join(' and ') : 'true'} order by f.period desc, e.id`,
      params,
    );
  }

  /** Missing filings in the caller's subtree (or a jurisdiction within it). */
  async missing(user: AuthUser, q: { jurisdictionId?: string; asOf?: string }): Promise<MissingFiling[]> {
    if (user.role !== 'supervisor' && user.role !== 'admin')
      throw forbidden('仅监管人员可查看未报送企业。', 'Only supervisors see missing filings.');
    if (q.asOf && !DATE_RE.test(q.asOf))
      throw new ApiException(400, 'validation_failed', 'asOf 须为 YYYY-MM-DD。', 'asOf must be YYYY-MM-DD.', 'asOf');
    const path = user.role === 'admin' && !q.jurisdictionId ? null : await this.pathFor(user, q.jurisdictionId);
    return missingFilings(this.ds, path, q.asOf ?? shanghaiToday());
  }

  private async pathFor(user: AuthUser, jurisdictionId?: string): Promise<string> {
    if (!jurisdictionId) {
      if (!user.jurisdictionPath)
        throw new ApiException(422, 'jurisdiction_required', '请指定辖区。', 'Give a jurisdictionId.', 'jurisdictionId');
      return user.jurisdictionPath;
    }
    const rows: { path: string }[] = await this.ds.query('select path from jurisdictions where id = $1', [jurisdictionId]);
    if (!rows[0] || (user.role === 'supervisor' && !rows[0].path.startsWith(user.jurisdictionPath ?? '\u0000')))
      throw unknownJurisdiction(jurisdictionId);
    return rows[0].path;
  }
}
