import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody, notFound } from '@hazards/api-contract/api-error';
import { CreateCampaignDto, CreateGroupDto, CreateInspectionDto, CreatePlanDto } from '@hazards/campaigns/campaign.dto';
import {
  CampaignDetailDto,
  CampaignDto,
  CampaignFiguresDto,
  CampaignInspectionDto,
  CampaignPlanDto,
  HazardLinkDto,
  NewGroupDto,
  NewInspectionDto,
} from './campaign-responses.dto';
import { CampaignService } from '@hazards/campaigns/campaign.service';

/** Campaign, inspection and group ids: UUIDs, or readable ids such as the demo's demo-campaign-2026; anything else is unknown (404). */
const Id = (what: string) => new ParseIdPipe(what);
class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}
  transform(value: string): string {
    if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(value)) throw notFound(this.what);
    return value;
  }
}

@ApiTags('campaigns')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller('campaigns')
@Roles('supervisor', 'grid_inspector', 'admin')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: '创建大检查 / Create an inspection campaign for a jurisdiction and period' })
  @ApiCreatedResponse({ type: CampaignDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: '大检查列表 / Campaigns of my subtree' })
  @ApiOkResponse({ type: [CampaignDto] })
  list(@CurrentUser() user: AuthUser) {
    return this.campaigns.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: '大检查详情 / A campaign with plans, groups, inspectors and figures' })
  @ApiOkResponse({ type: CampaignDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id', Id('campaign')) id: string) {
    return this.campaigns.get(user, id);
  }

  @Get(':id/figures')
  @ApiOperation({
    summary: '大检查数据 / Plans, self-inspecting enterprises, groups, inspector-visits, enterprises inspected, hazards found',
  })
  @ApiOkResponse({ type: CampaignFiguresDto })
  figures(@CurrentUser() user: AuthUser, @Param('id', Id('campaign')) id: string) {
    return this.campaigns.figures(user, id);
  }

  @Post(':id/plans')
  @Roles('supervisor')
  @ApiOperation({ summary: '工作方案 / Add an inspection plan' })
  @ApiCreatedResponse({ type: CampaignPlanDto })
  addPlan(@CurrentUser() user: AuthUser, @Param('id', Id('campaign')) id: string, @Body() dto: CreatePlanDto) {
    return this.campaigns.addPlan(user, id, dto);
  }

  @Post(':id/groups')
  @Roles('supervisor')
  @ApiOperation({ summary: '检查组 / Add an inspection group with its inspectors' })
  @ApiCreatedResponse({ type: NewGroupDto })
  addGroup(@CurrentUser() user: AuthUser, @Param('id', Id('campaign')) id: string, @Body() dto: CreateGroupDto) {
    return this.campaigns.addGroup(user, id, dto);
  }

  @Post(':id/inspections')
  @Roles('supervisor', 'grid_inspector')
  @ApiOperation({ summary: '检查记录 / Record an inspection of an enterprise: date, kind (四不两直 …), group, findings' })
  @ApiCreatedResponse({ type: NewInspectionDto })
  addInspection(@CurrentUser() user: AuthUser, @Param('id', Id('campaign')) id: string, @Body() dto: CreateInspectionDto) {
    return this.campaigns.addInspection(user, id, dto);
  }

  @Get(':id/inspections')
  @ApiOperation({ summary: '检查记录列表 / Inspections of a campaign with their hazard counts' })
  @ApiOkResponse({ type: [CampaignInspectionDto] })
  inspections(@CurrentUser() user: AuthUser, @Param('id', Id('campaign')) id: string) {
    return this.campaigns.inspections(user, id);
  }

  @Put(':id/inspections/:inspectionId/hazards/:hazardId')
  @Roles('supervisor', 'grid_inspector')
  @ApiOperation({ summary: '关联隐患 / Link a hazard to the inspection that found it' })
  @ApiOkResponse({ type: HazardLinkDto })
  link(
    @CurrentUser() user: AuthUser,
    @Param('id', Id('campaign')) id: string,
    @Param('inspectionId', Id('inspection')) inspectionId: string,
    @Param('hazardId', new ParseUUIDPipe({ exceptionFactory: () => notFound('hazard') })) hazardId: string,
  ) {
    return this.campaigns.linkHazard(user, id, inspectionId, hazardId);
  }
}
