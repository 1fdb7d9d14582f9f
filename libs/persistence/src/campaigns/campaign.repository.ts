import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SELF_INSPECTION } from '@hazards/domain/statistics/inspection-kinds';

/*
 * 安全生产大检查 (campaigns): their plans, groups, inspectors and inspections, the figures the
 * bulletin reports, and the link from a hazard to the inspection that found it.
 */

/** The figures the bulletin reports for a campaign (大检查). */
export interface CampaignFigures {
  /** 细化大检查工作方案 (个) */
  plans: number;
  /** 开展自查自纠企业单位 (家): distinct enterprises with a 企业自查 inspection */
  selfInspectingEnterprises: number;
  /** 检查督查组 (个) */
  groups: number;
  /** 出动检查人员 (人次): inspectors present, summed over group inspections */
  inspectorVisits: number;
  /** distinct inspectors in the groups (人) */
  inspectors: number;
  /** 检查企业单位 (家): distinct enterprises visited by a group */
  enterprisesInspected: number;
  /** inspections of any kind */
  inspections: number;
  /** 排查隐患 (条): hazards linked to the campaign's inspections, withdrawn ones excluded */
  hazardsFound: number;
  byKind: { kind: string; inspections: number }[];
}

/**
 * Figures over several campaigns at once (distinct enterprises and inspectors counted once), within
 * one subtree (`reach`, a jurisdiction path; '/' for all): a county sees the part of a city-wide
 * campaign that happened in that county, never its sibling's.
 */
export async function campaignFigures(ds: DataSource, campaignIds: string[], reach = '/'): Promise<CampaignFigures> {
  const [r] = await ds.query(
    `with insp as (${inspectionsInReach('$1', '$3')}), grp as (${groupsInReach('$1', '$3')})
     select
       (select count(*) from inspection_plans p join jurisdictions j on j.id = p.jurisdiction_id where p.campaign_id = any($1) and j.path like $3 || '%') as plans,
       (select count(distinct enterprise_id) from insp where kind = $2) as self_enterprises,
       (select count(*) from grp) as groups,
       (select coalesce(sum(cardinality(inspector_ids)), 0) from insp where kind <> $2) as inspector_visits,
       (select count(*) from inspectors i join grp on grp.id = i.group_id) as inspectors,
       (select count(distinct enterprise_id) from insp where kind <> $2) as enterprises_inspected,
       (select count(*) from insp) as inspections,
       (select count(*) from hazards h join insp on insp.id = h.inspection_id where h.status <> 'withdrawn') as hazards`,
    [campaignIds, SELF_INSPECTION, reach],
  );
  const byKind: { kind: string; n: string }[] = await ds.query(
    `with insp as (${inspectionsInReach('$1', '$2')}) select kind, count(*) as n from insp group by kind order by count(*) desc, kind`,
    [campaignIds, reach],
  );
  const num = (v: unknown) => Number(v ?? 0);
  return {
    plans: num(r.plans),
    selfInspectingEnterprises: num(r.self_enterprises),
    groups: num(r.groups),
    inspectorVisits: num(r.inspector_visits),
    inspectors: num(r.inspectors),
    enterprisesInspected: num(r.enterprises_inspected),
    inspections: num(r.inspections),
    hazardsFound: num(r.hazards),
    byKind: byKind.map((k) => ({ kind: k.kind, inspections: num(k.n) })),
  };
}

/** Campaigns' inspections of enterprises within a subtree (ids: the parameter holding the campaign ids; reach: the subtree's path). */
const inspectionsInReach = (ids: string, reach: string) => `select i.* from inspections i join enterprises e on e.id = i.enterprise_id
  join jurisdictions g on g.id = e.grid_id where i.campaign_id = any(${ids}) and g.path like ${reach} || '%'`;
/** Campaigns' groups working within a subtree (their jurisdiction in it). */
const groupsInReach = (
  ids: string,
  reach: string,
) => `select ig.* from inspection_groups ig join jurisdictions j on j.id = ig.jurisdiction_id
  where ig.campaign_id = any(${ids}) and j.path like ${reach} || '%'`;

/** Campaigns of a subtree overlapping a period (Shanghai dates, inclusive; nulls = unbounded). */
export async function campaignsOverlapping(
  ds: DataSource,
  jurisdictionPath: string,
  from: string | null,
  to: string | null,
): Promise<{ id: string; name: string }[]> {
  return ds.query(
    `select c.id, c.name from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id
      where j.path like $1 || '%' and ($2::date is null or c.ends_on >= $2::date) and ($3::date is null or c.starts_on <= $3::date)
      order by c.starts_on, c.id`,
    [jurisdictionPath, from, to],
  );
}

/** A campaign with its jurisdiction's path; dates as Shanghai calendar days (YYYY-MM-DD). */
export type CampaignRow = { id: string; name: string; jurisdiction_id: string; path: string; starts_on: string; ends_on: string };

export interface CampaignListRow {
  id: string;
  name: string;
  jurisdictionId: string;
  startsOn: string;
  endsOn: string;
}

export interface NewInspector {
  id: string;
  name: string;
  organization?: string | null;
  userId?: string | null;
}

export interface NewInspection {
  id: string;
  campaignId: string;
  groupId: string | null;
  enterpriseId: string;
  inspectedOn: string;
  kind: string;
  findings: string;
  inspectorIds: string[];
  createdBy: string;
}

@Injectable()
export class CampaignRepository {
  constructor(private readonly ds: DataSource) {}

  figures(campaignIds: string[], reach: string): Promise<CampaignFigures> {
    return campaignFigures(this.ds, campaignIds, reach);
  }

  async campaign(id: string): Promise<CampaignRow | undefined> {
    const rows: CampaignRow[] = await this.ds.query(
      `select c.id, c.name, c.jurisdiction_id, j.path, to_char(c.starts_on, 'YYYY-MM-DD') as starts_on, to_char(c.ends_on, 'YYYY-MM-DD') as ends_on
         from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id where c.id = $1`,
      [id],
    );
    return rows[0];
  }

  async jurisdiction(id: string | null | undefined): Promise<{ id: string; path: string } | undefined> {
    const rows: { id: string; path: string }[] = await this.ds.query('select id, path from jurisdictions where id = $1', [id]);
    return rows[0];
  }

  async insertCampaign(c: {
    id: string;
    name: string;
    jurisdictionId: string;
    startsOn: string;
    endsOn: string;
    createdBy: string;
  }): Promise<void> {
    await this.ds.query(
      `insert into inspection_campaigns (id, name, jurisdiction_id, starts_on, ends_on, created_by) values ($1,$2,$3,$4,$5,$6)`,
      [c.id, c.name, c.jurisdictionId, c.startsOn, c.endsOn, c.createdBy],
    );
  }

  /** Campaigns of the subtree under a path, newest first. */
  campaignsUnder(path: string): Promise<CampaignListRow[]> {
    return this.ds.query(
      `select c.id, c.name, c.jurisdiction_id as "jurisdictionId", to_char(c.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') as "endsOn"
         from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id where j.path like $1 order by c.starts_on desc, c.id`,
      [path + '%'],
    );
  }

  plansInReach(campaignId: string, reach: string): Promise<{ id: string; title: string; jurisdictionId: string }[]> {
    return this.ds.query(
      `select p.id, p.title, p.jurisdiction_id as "jurisdictionId" from inspection_plans p join jurisdictions j on j.id = p.jurisdiction_id
        where p.campaign_id = $1 and j.path like $2 || '%' order by p.created_at, p.id`,
      [campaignId, reach],
    );
  }

  groupsInReach(
    campaignId: string,
    reach: string,
  ): Promise<{ id: string; name: string; leaderName: string | null; jurisdictionId: string }[]> {
    return this.ds.query(
      `with grp as (${groupsInReach('$1', '$2')}) select id, name, leader_name as "leaderName", jurisdiction_id as "jurisdictionId" from grp order by created_at, id`,
      [[campaignId], reach],
    );
  }

  inspectorsInReach(
    campaignId: string,
    reach: string,
  ): Promise<{ id: string; groupId: string; name: string; organization: string | null }[]> {
    return this.ds.query(
      `with grp as (${groupsInReach('$1', '$2')}) select i.id, i.group_id as "groupId", i.name, i.organization from inspectors i join grp on grp.id = i.group_id order by i.created_at, i.id`,
      [[campaignId], reach],
    );
  }

  async insertPlan(p: { id: string; campaignId: string; jurisdictionId: string; title: string; createdBy: string }): Promise<void> {
    await this.ds.query(`insert into inspection_plans (id, campaign_id, jurisdiction_id, title, created_by) values ($1,$2,$3,$4,$5)`, [
      p.id,
      p.campaignId,
      p.jurisdictionId,
      p.title,
      p.createdBy,
    ]);
  }

  /** A group and its inspectors, in one transaction. */
  async insertGroup(
    g: { id: string; campaignId: string; jurisdictionId: string; name: string; leaderName: string | null },
    inspectors: NewInspector[],
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`insert into inspection_groups (id, campaign_id, jurisdiction_id, name, leader_name) values ($1,$2,$3,$4,$5)`, [
        g.id,
        g.campaignId,
        g.jurisdictionId,
        g.name,
        g.leaderName,
      ]);
      for (const i of inspectors) {
        await m.query(`insert into inspectors (id, group_id, name, organization, user_id) values ($1,$2,$3,$4,$5)`, [
          i.id,
          g.id,
          i.name,
          i.organization ?? null,
          i.userId ?? null,
        ]);
      }
    });
  }

  /** Whether the enterprise's grid lies under both paths (the campaign's and the caller's). */
  async enterpriseUnder(enterpriseId: string, campaignPath: string, callerPath: string | null | undefined): Promise<boolean> {
    const ent: { id: string }[] = await this.ds.query(
      `select e.id from enterprises e join jurisdictions g on g.id = e.grid_id where e.id = $1 and g.path like $2 || '%' and g.path like $3 || '%'`,
      [enterpriseId, campaignPath, callerPath],
    );
    return !!ent[0];
  }

  /** The ids of a campaign's group's inspectors (none when the group is not the campaign's). */
  async groupMembers(groupId: string, campaignId: string): Promise<string[]> {
    const members: { id: string }[] = await this.ds.query(
      `select i.id from inspectors i join inspection_groups g on g.id = i.group_id where g.id = $1 and g.campaign_id = $2`,
      [groupId, campaignId],
    );
    return members.map((m) => m.id);
  }

  async insertInspection(i: NewInspection): Promise<void> {
    await this.ds.query(
      `insert into inspections (id, campaign_id, group_id, enterprise_id, inspected_on, kind, findings, inspector_ids, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [i.id, i.campaignId, i.groupId, i.enterpriseId, i.inspectedOn, i.kind, i.findings, i.inspectorIds, i.createdBy],
    );
  }

  /** A campaign's inspections within a subtree, with the number of hazards linked to each. */
  inspections(campaignId: string, reach: string) {
    return this.ds.query(
      `with insp as (${inspectionsInReach('$1', '$2')})
       select i.id, i.enterprise_id as "enterpriseId", to_char(i.inspected_on, 'YYYY-MM-DD') as "inspectedOn", i.kind, i.group_id as "groupId",
              i.inspector_ids as "inspectorIds", i.findings, (select count(*)::int from hazards h where h.inspection_id = i.id) as "hazards"
         from insp i order by i.inspected_on, i.id`,
      [[campaignId], reach],
    );
  }

  /** The enterprise of a campaign's inspection within a subtree, or undefined. */
  async inspectionEnterprise(campaignId: string, inspectionId: string, reach: string): Promise<string | undefined> {
    const insp: { enterprise_id: string }[] = await this.ds.query(
      `with insp as (${inspectionsInReach('$1', '$3')}) select enterprise_id from insp where id = $2`,
      [[campaignId], inspectionId, reach],
    );
    return insp[0]?.enterprise_id;
  }

  /** Links a hazard of the enterprise to the inspection; false when the hazard is not that enterprise's. */
  async linkHazard(inspectionId: string, hazardId: string, enterpriseId: string): Promise<boolean> {
    const rows: { id: string }[] = await this.ds.query(
      `with u as (update hazards set inspection_id = $1 where id = $2 and enterprise_id = $3 returning id) select id from u`,
      [inspectionId, hazardId, enterpriseId],
    );
    return !!rows[0];
  }
}
