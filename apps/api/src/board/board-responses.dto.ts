import { ApiProperty } from '@nestjs/swagger';
import { HAZARD_STATUSES } from '@hazards/domain/hazard/hazard-status';
import { ESCALATION_ACTIONS } from '@hazards/domain/policy/escalation-action';
import { HazardListItemDto } from '../hazards/dto/hazard-responses.dto';

/** Response schemas of GET /board (OpenAPI only; BoardService.board returns plain objects of this shape). */
export class BilingualLabelDto {
  @ApiProperty({ example: '发督办函' }) zh: string;
  @ApiProperty({ example: 'supervision letter' }) en: string;
}

export class BoardScopeDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['city', 'county', 'township', 'grid'] }) level: string;
  @ApiProperty({ example: '/nantong/tongzhou/' }) path: string;
  @ApiProperty({
    type: String,
    enum: ['county', 'township', 'grid'],
    nullable: true,
    description: 'The level byRegion is broken down by; null at grid level',
  })
  childLevel: string | null;
}

/** The counts every summary of hazards shows (OUTCOME_COUNTS of the read model). */
export class BoardOutcomeCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() closed: number;
  @ApiProperty() closedOnTime: number;
  @ApiProperty() withdrawn: number;
}

export class BoardTotalsDto extends BoardOutcomeCountsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'closed ÷ (total − withdrawn), rounded to 0.001; null when nothing to divide by',
  })
  closureRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'closedOnTime ÷ closed, rounded to 0.001; null when none closed' })
  onTimeClosureRate: number | null;
}

export class BoardStatusCountDto {
  @ApiProperty({ enum: HAZARD_STATUSES }) status: string;
  @ApiProperty() count: number;
}

export class BoardListingLevelDto {
  @ApiProperty({ enum: ['city', 'county', 'township', 'none'] }) level: string;
  @ApiProperty() count: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
}

export class BoardRegionDto extends BoardOutcomeCountsDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['city', 'county', 'township', 'grid'] }) level: string;
  @ApiProperty({ type: Number, nullable: true, description: 'overdue ÷ open; null when none open' }) overdueRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'closed ÷ (total − withdrawn)' }) closureRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'closedOnTime ÷ closed' }) onTimeClosureRate: number | null;
}

export class BoardStageCountDto {
  @ApiProperty({ description: 'Escalation stage (0 = not escalated yet)' }) stage: number;
  @ApiProperty() count: number;
}

export class BoardAccidentTypeDto {
  @ApiProperty({ type: String, nullable: true }) accidentType: string | null;
  @ApiProperty() count: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
}

export class BoardTrendWeekDto {
  @ApiProperty({ example: '2026-04-20', description: 'Monday of the Asia/Shanghai week (YYYY-MM-DD)' }) week: string;
  @ApiProperty({ description: "Overdue at the week's end (or now, for this week)" }) overdue: number;
  @ApiProperty({ description: 'Became overdue during the week' }) becameOverdue: number;
  @ApiProperty({ description: 'Closed during the week' }) closed: number;
}

export class BoardOverdueItemDto extends HazardListItemDto {
  @ApiProperty({ type: String, enum: ESCALATION_ACTIONS, nullable: true }) stageAction: string | null;
  @ApiProperty({ type: BilingualLabelDto, nullable: true }) stageLabel: BilingualLabelDto | null;
}

export class BoardOverdueListDto {
  @ApiProperty({ description: 'All overdue hazards matching the filters' }) total: number;
  @ApiProperty({ type: [BoardOverdueItemDto], description: 'Most overdue first, up to overdueLimit' }) items: BoardOverdueItemDto[];
}

export class LadderStageDto {
  @ApiProperty() stage: number;
  @ApiProperty() afterOverdueWorkingDays: number;
  @ApiProperty({ enum: ESCALATION_ACTIONS }) action: string;
  @ApiProperty({ type: BilingualLabelDto }) label: BilingualLabelDto;
}

export class BoardLaddersDto {
  @ApiProperty({ type: [LadderStageDto] }) major: LadderStageDto[];
  @ApiProperty({ type: [LadderStageDto] }) general: LadderStageDto[];
}

export class BoardDto {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({
    type: BoardScopeDto,
    nullable: true,
    description: 'The jurisdiction the board is about; null for a caller without one (admin, all cities)',
  })
  scope: BoardScopeDto | null;
  @ApiProperty({ type: BoardTotalsDto }) totals: BoardTotalsDto;
  @ApiProperty({ type: [BoardStatusCountDto] }) byStatus: BoardStatusCountDto[];
  @ApiProperty({ type: [BoardListingLevelDto] }) byListingLevel: BoardListingLevelDto[];
  @ApiProperty({ type: [BoardRegionDto], description: 'Regions one level down, worst first' }) byRegion: BoardRegionDto[];
  @ApiProperty({ type: [BoardStageCountDto] }) overdueByStage: BoardStageCountDto[];
  @ApiProperty({ type: [BoardAccidentTypeDto] }) byAccidentType: BoardAccidentTypeDto[];
  @ApiProperty({ type: [BoardTrendWeekDto] }) trend: BoardTrendWeekDto[];
  @ApiProperty({ type: BoardOverdueListDto }) overdue: BoardOverdueListDto;
  @ApiProperty({ type: BoardLaddersDto, description: "The current policy's escalation ladders" }) ladders: BoardLaddersDto;
}
