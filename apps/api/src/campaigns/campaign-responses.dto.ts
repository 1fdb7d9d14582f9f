import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSPECTION_KINDS } from '@hazards/domain/statistics/inspection-kinds';

/** Response schemas of the campaign routes (OpenAPI only; CampaignService returns plain objects of these shapes). */

/** A campaign (大检查) as created and listed. */
export class CampaignDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty({ example: '2026年安全生产大检查' }) name: string;
  @ApiProperty() jurisdictionId: string;
  @ApiProperty({ example: '2026-04-23', description: 'YYYY-MM-DD' }) startsOn: string;
  @ApiProperty({ example: '2026-06-30', description: 'YYYY-MM-DD' }) endsOn: string;
}

export class InspectionKindCountDto {
  @ApiProperty({ enum: INSPECTION_KINDS }) kind: string;
  @ApiProperty() inspections: number;
}

/** The figures the bulletin reports for a campaign. */
export class CampaignFiguresDto {
  @ApiProperty({ description: '细化大检查工作方案 (个)' }) plans: number;
  @ApiProperty({ description: '开展自查自纠企业单位 (家): distinct enterprises with a 企业自查 inspection' })
  selfInspectingEnterprises: number;
  @ApiProperty({ description: '检查督查组 (个)' }) groups: number;
  @ApiProperty({ description: '出动检查人员 (人次): inspectors present, summed over group inspections' }) inspectorVisits: number;
  @ApiProperty({ description: 'Distinct inspectors in the groups (人)' }) inspectors: number;
  @ApiProperty({ description: '检查企业单位 (家): distinct enterprises visited by a group' }) enterprisesInspected: number;
  @ApiProperty({ description: 'Inspections of any kind' }) inspections: number;
  @ApiProperty({ description: "排查隐患 (条): hazards linked to the campaign's inspections, withdrawn ones excluded" })
  hazardsFound: number;
  @ApiProperty({ type: [InspectionKindCountDto] }) byKind: InspectionKindCountDto[];
}

/** An inspection plan (工作方案). */
export class CampaignPlanDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty({ example: '通州区安全生产大检查工作方案' }) title: string;
  @ApiProperty() jurisdictionId: string;
}

/** An inspector as POST /campaigns/:id/groups answers it (what was sent, with its new id). */
export class NewInspectorDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty({ example: '王检查' }) name: string;
  @ApiPropertyOptional({ example: '通州区应急管理局' }) organization?: string;
  @ApiPropertyOptional() userId?: string;
}

export class NewGroupDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty({ example: '第一督查组' }) name: string;
  @ApiProperty() jurisdictionId: string;
  @ApiProperty({ type: [NewInspectorDto] }) inspectors: NewInspectorDto[];
}

/** An inspector as GET /campaigns/:id lists it. */
export class CampaignInspectorDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) groupId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) organization: string | null;
}

export class CampaignGroupDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) leaderName: string | null;
  @ApiProperty() jurisdictionId: string;
  @ApiProperty({ type: [CampaignInspectorDto] }) inspectors: CampaignInspectorDto[];
}

export class CampaignDetailDto extends CampaignDto {
  @ApiProperty({ type: [CampaignPlanDto] }) plans: CampaignPlanDto[];
  @ApiProperty({ type: [CampaignGroupDto] }) groups: CampaignGroupDto[];
  @ApiProperty({ type: CampaignFiguresDto }) figures: CampaignFiguresDto;
}

/** An inspection as POST /campaigns/:id/inspections answers it. */
export class NewInspectionDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) campaignId: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ example: '2026-05-06', description: 'YYYY-MM-DD' }) inspectedOn: string;
  @ApiProperty({ enum: INSPECTION_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for 企业自查' }) groupId: string | null;
  @ApiProperty({ type: [String], description: 'Inspectors present (empty for 企业自查)' }) inspectorIds: string[];
  @ApiProperty({ example: '检查发现隐患3处' }) findings: string;
}

/** An inspection as GET /campaigns/:id/inspections lists it, with the number of hazards linked to it. */
export class CampaignInspectionDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty({ example: '2026-05-06', description: 'YYYY-MM-DD' }) inspectedOn: string;
  @ApiProperty({ enum: INSPECTION_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true }) groupId: string | null;
  @ApiProperty({ type: [String] }) inspectorIds: string[];
  @ApiProperty() findings: string;
  @ApiProperty({ description: 'Hazards linked to the inspection' }) hazards: number;
}

/** What PUT /campaigns/:id/inspections/:inspectionId/hazards/:hazardId answers. */
export class HazardLinkDto {
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) hazardId: string;
  @ApiProperty({ description: 'An id (a UUID, or a readable id such as demo-campaign-2026)' }) inspectionId: string;
}
