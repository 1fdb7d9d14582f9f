type Db = { query(sql: string, params?: unknown[]): Promise<any> };

/**
 * 责任追究清单 (issue 18): every accountability measure taken within a jurisdiction's subtree in a
 * period — letters, stoppage recommendations, penalty decisions (numbered documents), interviews
 * ordered by the ladder, public criticisms, responsibility traces — one row each, by region.
 */
export interface AccountabilityListRow {
  /** The region: the county-level node of the hazard (the city for a hazard filed at city level). */
  region: string;
  enterprise: string;
  hazardId: string;
  hazard: string;
  measure:
    'supervision_letter' | 'stoppage_recommendation' | 'penalty_decision' | 'interview' | 'public_criticism' | 'responsibility_trace';
  /** 文号 of a document, the bulletin that carried a criticism; null otherwise. */
  number: string | null;
  at: string;
  /** Who it is addressed to or names (enterprise, department, a fined person); never a phone number. */
  subjects: string;
  /** The amount of a fine (yuan), held or not for an interview, heavier for a trace. */
  detail: string | null;
}

export async function accountabilityList(
  db: Db,
  o: { jurisdictionPath: string; from: string; to: string; limit: number },
): Promise<AccountabilityListRow[]> {
  const rows: (Omit<AccountabilityListRow, 'at'> & { at: Date })[] = await db.query(
    `with scoped as (
       select h.id, h.description, h.detail, coalesce(c.name, ci.name) as region, e.name as enterprise
         from hazards h join enterprises e on e.id = h.enterprise_id
         left join jurisdictions c on c.id = h.county_id left join jurisdictions ci on ci.id = h.city_id
        where starts_with(h.jurisdiction_path, $1))
     select * from (
       select s.region, s.enterprise, s.id as "hazardId", s.description as hazard, d.kind as measure, d.number, d.issued_at as at,
              (select string_agg(x, '、') from jsonb_array_elements_text(d.addressed_to) x) as subjects,
              case when d.kind = 'penalty_decision' then (d.facts->'penalty'->>'amountYuan') || '元' end as detail
         from hazard_documents d join scoped s on s.id = d.hazard_id
        where d.kind in ('supervision_letter','stoppage_recommendation','penalty_decision') and d.issued_at >= $2 and d.issued_at < $3
       union all
       select s.region, s.enterprise, s.id, s.description, 'interview', null, (iv->>'orderedAt')::timestamptz,
              coalesce(iv->'scheduled'->>'enterprisePrincipal', '') || case when iv->'scheduled' is not null then '、' || (iv->'scheduled'->>'departmentResponsible') else '' end,
              case when iv->'held' is not null then '已约谈' else '未举行' end
         from scoped s cross join lateral jsonb_array_elements(coalesce(s.detail->'interviews', '[]'::jsonb)) iv
        where (iv->>'orderedAt')::timestamptz >= $2 and (iv->>'orderedAt')::timestamptz < $3
       union all
       select s.region, s.enterprise, s.id, s.description, 'public_criticism', b.number, c.decided_at,
              (select string_agg(x->>'name', '、') from jsonb_array_elements(c.subjects) x), c.reason
         from public_criticisms c join scoped s on s.id = c.hazard_id left join bulletin_issues b on b.id = c.bulletin_id
        where c.decided_at >= $2 and c.decided_at < $3
       union all
       select s.region, s.enterprise, s.id, s.description, 'responsibility_trace', null, r.traced_at,
              concat_ws('、', r.enterprise_responsible->>'name', r.department_responsible->'leadDepartment'->>'name'),
              r.trigger || case when r.heavier then '（从重）' else '' end
         from accountability_records r join scoped s on s.id = r.hazard_id
        where r.traced_at >= $2 and r.traced_at < $3
     ) m order by region, at, "hazardId" limit $4`,
    [o.jurisdictionPath, o.from, o.to, o.limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString(), subjects: r.subjects ?? '' }));
}
