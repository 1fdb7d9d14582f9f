import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FilingPeriod } from '@hazards/domain/statistics/filing-periods';

/*
 * Enterprise statistics filings (企业隐患排查治理统计报送): the insert, the list each role may read,
 * and the lookups the filing rules need. Missing filings live in ./missing-filings (shared with the notifier).
 */

/** A filing as listed. */
export interface FilingRow {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  periodKind: string;
  period: string;
  dueOn: string;
  figures: unknown;
  signedByName: string;
  signedAt: Date;
  filedAt: Date;
  late: boolean;
}

export interface NewFiling {
  id: string;
  enterpriseId: string;
  period: FilingPeriod;
  figures: unknown;
  signedByName: string;
  filedBy: string;
  late: boolean;
}

/** Whose filings to list: one enterprise's, those of enterprises under a jurisdiction path, or all. */
export type FilingScope = { enterpriseId: string | null } | { pathPrefix: string } | 'all';

@Injectable()
export class FilingRepository {
  constructor(private readonly ds: DataSource) {}

  async principalName(enterpriseId: string): Promise<string | null | undefined> {
    const ent: { principal_name: string | null }[] = await this.ds.query('select principal_name from enterprises where id = $1', [
      enterpriseId,
    ]);
    return ent[0]?.principal_name;
  }

  /** Inserts the filing unless the enterprise filed that period already; returns its signed_at, or undefined when it had. */
  async insert(f: NewFiling): Promise<Date | undefined> {
    const rows: { signed_at: Date }[] = await this.ds.query(
      `insert into enterprise_filings (id, enterprise_id, period_kind, period, year, quarter, due_on, figures, signed_by_name, signed_at, filed_by, late)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9, now(), $10, $11) on conflict (enterprise_id, period) do nothing returning signed_at`,
      [
        f.id,
        f.enterpriseId,
        f.period.kind,
        f.period.key,
        f.period.year,
        f.period.quarter,
        f.period.dueOn,
        f.figures,
        f.signedByName,
        f.filedBy,
        f.late,
      ],
    );
    return rows[0]?.signed_at;
  }

  /** Filings in the scope, optionally of one period, newest period first. */
  list(scope: FilingScope, period?: string): Promise<FilingRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (scope !== 'all' && 'enterpriseId' in scope) {
      params.push(scope.enterpriseId);
      where.push(`f.enterprise_id = $${params.length}`);
    } else if (scope !== 'all') {
      params.push(scope.pathPrefix + '%');
      where.push(`j.path like $${params.length}`);
    }
    if (period) {
      params.push(period);
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

  async jurisdictionPath(id: string): Promise<string | undefined> {
    const rows: { path: string }[] = await this.ds.query('select path from jurisdictions where id = $1', [id]);
    return rows[0]?.path;
  }
}
