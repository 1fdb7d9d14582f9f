import { DataSource, EntityManager } from 'typeorm';

export interface EffectiveQuota {
  jurisdictionId: string;
  minListed: number | null;
  basis: string | null;
  source: 'region' | 'rule' | null;
}

/**
 * The listing quota of each child of a jurisdiction for a year: a number set for that
 * jurisdiction and year wins; else the rule for its kind (县, 县级市, 区 …) in force that year,
 * a rule scoped to an ancestor before an unscoped one. Null when neither exists.
 */
export async function effectiveQuotasOfChildren(
  db: DataSource | EntityManager,
  parentId: string,
  year: number,
): Promise<Map<string, EffectiveQuota>> {
  const rows: { id: string; min_listed: number | null; basis: string | null; own: boolean }[] = await db.query(
    `select j.id, coalesce(lq.min_listed, r.min_listed) as min_listed, case when lq.jurisdiction_id is not null then coalesce(lq.basis, '') else r.basis end as basis, lq.jurisdiction_id is not null as own
       from jurisdictions j
       left join listing_quotas lq on lq.jurisdiction_id = j.id and lq.year = $2
       left join lateral (
         select r.min_listed, r.basis from listing_quota_rules r left join jurisdictions s on s.id = r.scope_jurisdiction_id
          where r.jurisdiction_kind = j.kind and r.year_from <= $2 and (r.year_to is null or r.year_to >= $2)
            and (r.scope_jurisdiction_id is null or j.path like s.path || '%')
          order by (r.scope_jurisdiction_id is not null) desc, r.year_from desc, r.id desc limit 1) r on true
      where j.parent_id = $1`,
    [parentId, year],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { jurisdictionId: r.id, minListed: r.min_listed, basis: r.basis, source: r.min_listed === null ? null : r.own ? 'region' : 'rule' },
    ]),
  );
}
