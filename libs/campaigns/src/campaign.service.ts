import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SELF_INSPECTION } from '@hazards/domain/statistics/inspection-kinds';
import { CampaignRepository, type CampaignFigures, type CampaignRow } from '@hazards/persistence/campaigns/campaign.repository';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, forbidden, notFound } from '@hazards/api-contract/api-error';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import type { CreateCampaignDto, CreateGroupDto, CreateInspectionDto, CreatePlanDto } from './campaign.dto';

/** The caller's subtree: everything for admins. */
const reachOf = (user: AuthUser) => (user.role === 'admin' ? '/' : (user.jurisdictionPath ?? '/nowhere/'));

/** 安全生产大检查: campaigns with their plans, groups, inspectors and inspections; hazards link to inspections. */
@Injectable()
export class CampaignService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly hazards: HazardQueryService,
  ) {}

  async create(user: AuthUser, dto: CreateCampaignDto) {
    if (dto.endsOn < dto.startsOn)
      throw new ApiException(422, 'bad_period', '结束日期不能早于开始日期。', 'endsOn is before startsOn.', 'endsOn');
    const j = await this.jurisdictionInReach(user, dto.jurisdictionId);
    const id = randomUUID();
    await this.campaigns.insertCampaign({
      id,
      name: dto.name,
      jurisdictionId: j.id,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      createdBy: user.id,
    });
    return { id, name: dto.name, jurisdictionId: j.id, startsOn: dto.startsOn, endsOn: dto.endsOn };
  }

  async list(user: AuthUser) {
    const path = user.role === 'admin' ? '/' : user.jurisdictionPath;
    if (!path) return [];
    return this.campaigns.campaignsUnder(path);
  }

  /** The campaign as the caller may see it: its plans, groups, inspectors and figures within the caller's subtree. */
  async get(user: AuthUser, id: string) {
    const c = await this.campaign(user, id);
    const reach = reachOf(user);
    const [plans, groups, inspectors] = await Promise.all([
      this.campaigns.plansInReach(id, reach),
      this.campaigns.groupsInReach(id, reach),
      this.campaigns.inspectorsInReach(id, reach),
    ]);
    return {
      id: c.id,
      name: c.name,
      jurisdictionId: c.jurisdiction_id,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      plans,
      groups: groups.map((g) => ({ ...g, inspectors: inspectors.filter((i) => i.groupId === g.id) })),
      figures: await this.campaigns.figures([id], reach),
    };
  }

  async figures(user: AuthUser, id: string): Promise<CampaignFigures> {
    await this.campaign(user, id);
    return this.campaigns.figures([id], reachOf(user));
  }

  async addPlan(user: AuthUser, campaignId: string, dto: CreatePlanDto) {
    const c = await this.campaign(user, campaignId);
    const j = await this.jurisdictionInReach(user, dto.jurisdictionId ?? this.defaultNode(user, c), c.path);
    const id = randomUUID();
    await this.campaigns.insertPlan({ id, campaignId, jurisdictionId: j.id, title: dto.title, createdBy: user.id });
    return { id, title: dto.title, jurisdictionId: j.id };
  }

  async addGroup(user: AuthUser, campaignId: string, dto: CreateGroupDto) {
    const c = await this.campaign(user, campaignId);
    const j = await this.jurisdictionInReach(user, dto.jurisdictionId ?? this.defaultNode(user, c), c.path);
    const id = randomUUID();
    const inspectors = dto.inspectors.map((i) => ({ id: randomUUID(), ...i }));
    await this.campaigns.insertGroup(
      { id, campaignId, jurisdictionId: j.id, name: dto.name, leaderName: dto.leaderName ?? null },
      inspectors,
    );
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
    if (!(await this.campaigns.enterpriseUnder(dto.enterpriseId, c.path, user.role === 'admin' ? '/' : user.jurisdictionPath)))
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
      const members = await this.campaigns.groupMembers(dto.groupId, campaignId);
      if (members.length === 0)
        throw new ApiException(
          422,
          'unknown_group',
          '检查组不存在或没有检查人员。',
          'The group is unknown or has no inspectors.',
          'groupId',
        );
      const known = new Set(members);
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
    await this.campaigns.insertInspection({
      id,
      campaignId,
      groupId: dto.groupId ?? null,
      enterpriseId: dto.enterpriseId,
      inspectedOn: dto.inspectedOn,
      kind: dto.kind,
      findings: dto.findings ?? '',
      inspectorIds,
      createdBy: user.id,
    });
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
    return this.campaigns.inspections(campaignId, reachOf(user));
  }

  /** Links a hazard to the inspection that found it (same enterprise; the hazard must be visible). */
  async linkHazard(user: AuthUser, campaignId: string, inspectionId: string, hazardId: string) {
    await this.campaign(user, campaignId);
    const enterpriseId = await this.campaigns.inspectionEnterprise(campaignId, inspectionId, reachOf(user));
    if (!enterpriseId) throw notFound('inspection');
    if (!(await this.hazards.isVisible(user, hazardId))) throw notFound();
    if (!(await this.campaigns.linkHazard(inspectionId, hazardId, enterpriseId)))
      throw new ApiException(
        422,
        'enterprise_mismatch',
        '隐患与检查记录不属于同一企业。',
        'The hazard and the inspection are of different enterprises.',
        'hazardId',
      );
    return { hazardId, inspectionId };
  }

  private async campaign(user: AuthUser, id: string): Promise<CampaignRow> {
    const c = await this.campaigns.campaign(id);
    const reach = user.role === 'admin' ? '/' : user.jurisdictionPath;
    // A city's campaign is worked on by its counties too: visible up and down the line.
    if (!c || !reach || !(c.path.startsWith(reach) || reach.startsWith(c.path))) throw notFound('campaign');
    return c;
  }

  /** Where a plan or group sits by default: the deeper of the caller's node and the campaign's. */
  private defaultNode(user: AuthUser, c: CampaignRow): string {
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
    const j = await this.campaigns.jurisdiction(id);
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
