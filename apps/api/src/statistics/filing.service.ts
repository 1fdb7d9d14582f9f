import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filingPeriod, shanghaiToday, type FilingPeriod } from '@hazards/domain/statistics/filing-periods';
import { missingFilings, type MissingFiling } from '@hazards/persistence/filings/missing-filings';
import { FilingRepository, type FilingRow } from '@hazards/persistence/filings/filing.repository';
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
  constructor(
    private readonly ds: DataSource,
    private readonly repo: FilingRepository,
  ) {}

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
    const principal = await this.repo.principalName(user.enterpriseId);
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
    const signedAt = await this.repo.insert({
      id,
      enterpriseId: user.enterpriseId,
      period,
      figures: f,
      signedByName: dto.signedByName,
      filedBy: user.id,
      late: today > period.dueOn,
    });
    if (!signedAt) throw new ApiException(409, 'already_filed', `${period.key} 已报送。`, `${period.key} has been filed already.`, 'year');
    return {
      id,
      period: period.key,
      dueOn: period.dueOn,
      late: today > period.dueOn,
      signedByName: dto.signedByName,
      signedAt: signedAt.toISOString(),
    };
  }

  /** Filings visible to the caller: an enterprise its own, a supervisor its subtree's, an admin all. */
  async list(user: AuthUser, q: { jurisdictionId?: string; period?: string }): Promise<FilingRow[]> {
    if (user.role === 'enterprise') return this.repo.list({ enterpriseId: user.enterpriseId }, q.period);
    if (user.role === 'supervisor') return this.repo.list({ pathPrefix: await this.pathFor(user, q.jurisdictionId) }, q.period);
    if (user.role !== 'admin') throw forbidden('无权查看统计报送。', 'You may not read filings.');
    return this.repo.list('all', q.period);
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
    const path = await this.repo.jurisdictionPath(jurisdictionId);
    if (path === undefined || (user.role === 'supervisor' && !path.startsWith(user.jurisdictionPath ?? '\u0000')))
      throw unknownJurisdiction(jurisdictionId);
    return path;
  }
}
