import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SELF_INSPECTION } from '@hazards/domain/statistics/inspection-kinds';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, forbidden, notFound } from '@hazards/api-contract/api-error';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import type { CreateCampaignDto, CreateGroupDto, CreateInspectionDto, CreatePlanDto } from './campaign.dto';

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

/** The caller's subtree: everything for admins. */
const reachOf = (user: AuthUser) => (user.role === 'admin' ? '/' : (user.jurisdictionPath ?? '/nowhere/'));

type Campaign = { id: string; name: string; jurisdiction_id: string; path: string; starts_on: string; ends_on: string };

/** 安全生产大检查: campaigns with their plans, groups, inspectors and inspections; hazards link to inspections. */
@Injectable()
export class CampaignService {
  constructor(
    private readonly ds: DataSource,
    private readonly hazards: HazardQueryService,
  ) {}

  async create(user: AuthUser, dto: CreateCampaignDto) {
    if (dto.endsOn < dto.startsOn)
      throw new ApiException(422, 'bad_period', '结束日期不能早于开始日期。', 'endsOn is before startsOn.', 'endsOn');
    const j = await this.jurisdictionInReach(user, dto.jurisdictionId);
    const id = randomUUID();
    await this.ds.query(
      `insert into inspection_campaigns (id, name, jurisdiction_id, starts_on, ends_on, created_by) values ($1,$2,$3,$4,$5,$6)`,
      [id, dto.name, j.id, dto.startsOn, dto.endsOn, user.id],
    );
    return { id, name: dto.name, jurisdictionId: j.id, startsOn: dto.startsOn, endsOn: dto.endsOn };
  }

  async list(user: AuthUser) {
    const path = user.role === 'admin' ? '/' : user.jurisdictionPath;
    if (!path) return [];
    return this.ds.query(
      `select c.id, c.name, c.jurisdiction_id as "jurisdictionId", to_char(c.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') as "endsOn"
         from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id where j.path like $1 order by c.starts_on desc, c.id`,
      [path + '%'],
    );
  }

  /** The campaign as the caller may see it: its plans, groups, inspectors and figures within the caller's subtree. */
  async get(user: AuthUser, id: string) {
    const c = await this.campaign(user, id);
    const reach = reachOf(user);
    const [plans, groups, inspectors] = await Promise.all([
      this.ds.query(
        `select p.id, p.title, p.jurisdiction_id as "jurisdictionId" from inspection_plans p join jurisdictions j on j.id = p.jurisdiction_id
        where p.campaign_id = $1 and j.path like $2 || '%' order by p.created_at, p.id`,
        [id, reach],
      ),
      this.ds.query(
        `with grp as (${groupsInReach('$1', '$2')}) select id, name, leader_name as "leaderName", jurisdiction_id as "jurisdictionId" from grp order by created_at, id`,
        [[id], reach],
      ),
      this.ds.query(
        `with grp as (${groupsInReach('$1', '$2')}) select i.id, i.group_id as "groupId", i.name, i.organization from inspectors i join grp on grp.id = i.group_id order by i.created_at, i.id`,
        [[id], reach],
      ),
    ]);
    return {
      id: c.id,
      name: c.name,
      jurisdictionId: c.jurisdiction_id,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      plans,
      groups: groups.map((g: { id: string }) => ({ ...g, inspectors: inspectors.filter((i: { groupId: string }) => i.groupId === g.id) })),
      figures: await campaignFigures(this.ds, [id], reach),
    };
  }

  async figures(user: AuthUser, id: string): Promise<CampaignFigures> {
    await this.campaign(user, id);
    return campaignFigures(this.ds, [id], reachOf(user));
  }

  async addPlan(user: AuthUser, campaignId: string, dto: CreatePlanDto) {
    const c = await this.campaign(user, campaignId);
    const j = await this.jurisdictionInReach(user, dto.jurisdictionId ?? this.defaultNode(user, c), c.path);
    const id = randomUUID();
    await this.ds.query(`insert into inspection_plans (id, campaign_id, jurisdiction_id, title, created_by) values ($1,$2,$3,$4,$5)`, [
      id,
      campaignId,
      j.id,
      dto.title,
      user.id,
    ]);
    return { id, title: dto.title, jurisdictionId: j.id };
  }

  async addGroup(user: AuthUser, campaignId: string, dto: CreateGroupDto) {
    const c = await this.campaign(user, campaignId);
    const j = await this.jurisdictionInReach(user, dto.jurisdictionId ?? this.defaultNode(user, c), c.path);
    const id = randomUUID();
    const inspectors = dto.inspectors.map((i) => ({ id: randomUUID(), ...i }));
    await this.ds.transaction(async (m) => {
      await m.query(`insert into inspection_groups (id, campaign_id, jurisdiction_id, name, leader_name) values ($1,$2,$3,$4,$5)`, [
        id,
        campaignId,
        j.id,
        dto.name,
        dto.leaderName ?? null,
      ]);
      for (const i of inspectors) {
        await m.query(`insert into inspectors (id, group_id, name, organization, user_id) values ($1,$2,$3,$4,$5)`, [
          i.id,
          id,
          i.name,
          i.organization ?? null,
          i.userId ?? null,
        ]);
      }
    });
    return { id, name: dto.name, jurisdictionId: j.id, inspectors };
  }

  async addInspection(user: AuthUser, campaignId: string, dto: CreateInspectionDto) {
    const c = await this.campaign(user, campaignId);
    if (dto.inspectedOn < c.starts_on || dto.inspectedOn > c.ends_on) {
      throw new ApiException(
        422,
        'outside_campaign',
        `检查日期须在 ${c.starts_on} 至 ${c.ends_on} 之间。`,
        `inspectedOn must be within ${c.starts_on}..${c.ends_on}.`,
        'inspectedOn',
      );
    }
    const ent: { id: string }[] = await this.ds.query(
      `select e.id from enterprises e join jurisdictions g on g.id = e.grid_id where e.id = $1 and g.path like $2 || '%' and g.path like $3 || '%'`,
      [dto.enterpriseId, c.path, user.role === 'admin' ? '/' : user.jurisdictionPath],
    );
    if (!ent[0])
      throw new ApiException(
        422,
        'unknown_enterprise',
        `企业 ${dto.enterpriseId} 不存在或不在本次检查范围内。`,
        `Enterprise ${dto.enterpriseId} is unknown or outside the campaign.`,
        'enterpriseId',
      );
    let inspectorIds: string[] = [];
    if (dto.kind === SELF_INSPECTION) {
      if (dto.groupId || dto.inspectorIds?.length)
        throw new ApiException(
          422,
          'self_inspection_has_no_group',
          '企业自查不指定检查组。',
          'A self-inspection has no inspection group.',
          'groupId',
        );
    } else {
      if (!dto.groupId) throw new ApiException(422, 'group_required', '请指定检查组。', 'Give the inspection group.', 'groupId');
      const members: { id: string }[] = await this.ds.query(
        `select i.id from inspectors i join inspection_groups g on g.id = i.group_id where g.id = $1 and g.campaign_id = $2`,
        [dto.groupId, campaignId],
      );
      if (members.length === 0)
        throw new ApiException(
          422,
          'unknown_group',
          '检查组不存在或没有检查人员。',
          'The group is unknown or has no inspectors.',
          'groupId',
        );
      const known = new Set(members.map((m) => m.id));
      inspectorIds = dto.inspectorIds?.length ? [...new Set(dto.inspectorIds)] : [...known];
      const stranger = inspectorIds.find((i) => !known.has(i));
      if (stranger)
        throw new ApiException(
          422,
          'unknown_inspector',
          `检查人员 ${stranger} 不属于该检查组。`,
          `Inspector ${stranger} is not in the group.`,
          'inspectorIds',
        );
    }
    const id = randomUUID();
    await this.ds.query(
      `insert into inspections (id, campaign_id, group_id, enterprise_id, inspected_on, kind, findings, inspector_ids, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [id, campaignId, dto.groupId ?? null, dto.enterpriseId, dto.inspectedOn, dto.kind, dto.findings ?? '', inspectorIds, user.id],
    );
    return {
      id,
      campaignId,
      enterpriseId: dto.enterpriseId,
      inspectedOn: dto.inspectedOn,
      kind: dto.kind,
      groupId: dto.groupId ?? null,
      inspectorIds,
      findings: dto.findings ?? '',
    };
  }

  async inspections(user: AuthUser, campaignId: string) {
    await this.campaign(user, campaignId);
    return this.ds.query(
      `with insp as (${inspectionsInReach('$1', '$2')})
       select i.id, i.enterprise_id as "enterpriseId", to_char(i.inspected_on, 'YYYY-MM-DD') as "inspectedOn", i.kind, i.group_id as "groupId",
              i.inspector_ids as "inspectorIds", i.findings, (select count(*)::int from hazards h where h.inspection_id = i.id) as "hazards"
         from insp i order by i.inspected_on, i.id`,
      [[campaignId], reachOf(user)],
    );
  }

  /** Links a hazard to the inspection that found it (same enterprise; the hazard must be visible). */
  async linkHazard(user: AuthUser, campaignId: string, inspectionId: string, hazardId: string) {
    await this.campaign(user, campaignId);
    const insp: { enterprise_id: string }[] = await this.ds.query(
      `with insp as (${inspectionsInReach('$1', '$3')}) select enterprise_id from insp where id = $2`,
      [[campaignId], inspectionId, reachOf(user)],
    );
    if (!insp[0]) throw notFound('inspection');
    if (!(await this.hazards.isVisible(user, hazardId))) throw notFound();
    const rows: { id: string }[] = await this.ds.query(
      `with u as (update hazards set inspection_id = $1 where id = $2 and enterprise_id = $3 returning id) select id from u`,
      [inspectionId, hazardId, insp[0].enterprise_id],
    );
    if (!rows[0])
      throw new ApiException(
        422,
        'enterprise_mismatch',
        '隐患与检查记录不属于同一企业。',
        'The hazard and the inspection are of different enterprises.',
        'hazardId',
      );
    return { hazardId, inspectionId };
  }

  private async campaign(user: AuthUser, id: string): Promise<Campaign> {
    const rows: Campaign[] = await this.ds.query(
      `select c.id, c.name, c.jurisdiction_id, j.path, to_char(c.starts_on, 'YYYY-MM-DD') as starts_on, to_char(c.ends_on, 'YYYY-MM-DD') as ends_on
         from inspection_campaigns c join jurisdictions j on j.id = c.jurisdiction_id where c.id = $1`,
      [id],
    );
    const c = rows[0];
    const reach = user.role === 'admin' ? '/' : user.jurisdictionPath;
    // A city's campaign is worked on by its counties too: visible up and down the line.
    if (!c || !reach || !(c.path.startsWith(reach) || reach.startsWith(c.path))) throw notFound('campaign');
    return c;
  }

  /** Where a plan or group sits by default: the deeper of the caller's node and the campaign's. */
  private defaultNode(user: AuthUser, c: Campaign): string {
    return user.jurisdictionPath && user.jurisdictionId && user.jurisdictionPath.startsWith(c.path)
      ? user.jurisdictionId
      : c.jurisdiction_id;
  }

  private async jurisdictionInReach(
    user: AuthUser,
    jurisdictionId: string | undefined,
    within?: string,
  ): Promise<{ id: string; path: string }> {
    if (user.role !== 'supervisor') throw forbidden('仅监管人员可组织检查。', 'Only supervisors organise inspections.');
    const id = jurisdictionId ?? user.jurisdictionId;
    const rows: { id: string; path: string }[] = await this.ds.query('select id, path from jurisdictions where id = $1', [id]);
    const j = rows[0];
    if (!j || !user.jurisdictionPath || !j.path.startsWith(user.jurisdictionPath) || (within && !j.path.startsWith(within))) {
      throw new ApiException(
        422,
        'unknown_jurisdiction',
        `辖区 ${id} 不存在或不在您的管辖范围内。`,
        `Jurisdiction ${id} is unknown or outside your reach.`,
        'jurisdictionId',
      );
    }
    return j;
  }
}
