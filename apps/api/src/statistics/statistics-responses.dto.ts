import { ApiProperty } from '@nestjs/swagger';
import { TRACE_FILTER_KEYS } from '@hazards/statistics/statistics.query';

/**
 * Response schemas of the statistics and filing routes (OpenAPI only; StatisticsService.compute
 * returns a StatisticsReport (statistics.types.ts) and FilingService plain objects of these shapes).
 */

/** Where a figure comes from: the hazard-list filters giving it as the list's total, plus any extra SQL condition. */
export class FigureQueryDto {
  @ApiProperty({ example: 'Q01' }) id: string;
  @ApiProperty({ example: '排查隐患 / hazards found' }) label: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
    description: `The GET /hazards filters (keys among ${TRACE_FILTER_KEYS.join(', ')})`,
  })
  filters: Record<string, string | boolean>;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SQL condition on top of the filters, where the list cannot express the figure',
  })
  extra: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/hazards?jurisdictionId=tongzhou&overdue=true',
    description: 'The list giving the figure as its total; null when `extra` is set',
  })
  listUrl: string | null;
}

export class StatisticsJurisdictionDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['city', 'county', 'township', 'grid'] }) level: string;
  @ApiProperty() kind: string;
}

export class StatisticsPeriodDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'reportedFrom, as given' }) from: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'reportedTo (exclusive), as given' }) to: string | null;
}

export class StatisticsTotalsDto {
  @ApiProperty() found: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() closed: number;
  @ApiProperty() closedOnTime: number;
  @ApiProperty({ type: Number, nullable: true, description: 'closedOnTime ÷ closed; null when none closed' }) onTimeRate: number | null;
  @ApiProperty() major: number;
  @ApiProperty() general: number;
  @ApiProperty() ungraded: number;
  @ApiProperty() listed: number;
}

export class OverdueStageDto {
  @ApiProperty() stage: number;
  @ApiProperty() count: number;
  @ApiProperty({ example: 'Q15', description: 'Query id (see queries)' }) q: string;
}

export class TimeToCloseDto {
  @ApiProperty() closed: number;
  @ApiProperty({ type: Number, nullable: true }) medianWorkingDays: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90WorkingDays: number | null;
  @ApiProperty({ description: 'Query id' }) q: string;
}

export class ProductionFiguresDto {
  @ApiProperty() currentlyStopped: number;
  @ApiProperty() everStopped: number;
}

export class PenaltyFiguresDto {
  @ApiProperty() count: number;
  @ApiProperty() amountYuan: number;
}

export class ListedByLevelDto {
  @ApiProperty() township: number;
  @ApiProperty() county: number;
  @ApiProperty() city: number;
  @ApiProperty() total: number;
}

export class RegionQueriesDto {
  @ApiProperty({ description: 'Query id' }) found: string;
  @ApiProperty({ description: 'Query id' }) overdue: string;
  @ApiProperty({ description: 'Query id' }) listed: string;
}

export class RegionFiguresDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() found: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() closed: number;
  @ApiProperty() closedOnTime: number;
  @ApiProperty({ type: Number, nullable: true, description: 'overdue ÷ (found − withdrawn); null when nothing was found' }) overdueRate:
    number | null;
  @ApiProperty({ type: ListedByLevelDto }) listed: ListedByLevelDto;
  @ApiProperty({ type: Number, nullable: true, description: 'Listing quota (minimum listed) for the quota year' }) quota: number | null;
  @ApiProperty({ type: String, nullable: true }) quotaBasis: string | null;
  @ApiProperty({ type: String, enum: ['region', 'rule'], nullable: true }) quotaSource: 'region' | 'rule' | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Listed fewer than the quota; null without a quota' }) belowQuota:
    boolean | null;
  @ApiProperty({ type: RegionQueriesDto }) q: RegionQueriesDto;
}

export class BucketDto {
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty() label: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Query id' }) q: string;
}

export class RankingEntryDto {
  @ApiProperty() rank: number;
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: 'found − withdrawn' }) base: number;
  @ApiProperty({ type: Number, nullable: true }) overdueRate: number | null;
}

export class StatisticsReportDto {
  @ApiProperty({ type: StatisticsJurisdictionDto }) jurisdiction: StatisticsJurisdictionDto;
  @ApiProperty({ type: StatisticsPeriodDto }) period: StatisticsPeriodDto;
  @ApiProperty({ example: 2026 }) quotaYear: number;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: StatisticsTotalsDto }) totals: StatisticsTotalsDto;
  @ApiProperty({ type: [OverdueStageDto] }) overdueByStage: OverdueStageDto[];
  @ApiProperty({ type: TimeToCloseDto }) timeToClose: TimeToCloseDto;
  @ApiProperty({ type: ProductionFiguresDto }) production: ProductionFiguresDto;
  @ApiProperty({ type: PenaltyFiguresDto }) penalties: PenaltyFiguresDto;
  @ApiProperty() tracings: number;
  @ApiProperty() heavierAccountability: number;
  @ApiProperty({ type: ListedByLevelDto }) listedByLevel: ListedByLevelDto;
  @ApiProperty({ type: [RegionFiguresDto], description: 'Regions one level down' }) byRegion: RegionFiguresDto[];
  @ApiProperty({ type: [BucketDto] }) byIndustry: BucketDto[];
  @ApiProperty({ type: [BucketDto] }) byAccidentType: BucketDto[];
  @ApiProperty({ type: [BucketDto] }) byGrade: BucketDto[];
  @ApiProperty({ type: [BucketDto] }) bySource: BucketDto[];
  @ApiProperty({ type: [RankingEntryDto], description: 'Worst overdue rate first; regions with nothing found last' })
  ranking: RankingEntryDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { found: 'Q01', overdue: 'Q04' },
    description: 'Figure name → query id',
  })
  traces: Record<string, string>;
  @ApiProperty({ type: [FigureQueryDto] }) queries: FigureQueryDto[];
}

/** What POST /filings answers. */
export class FilingResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-Q1', description: 'YYYY-Qn (quarter) or YYYY-Y (annual)' }) period: string;
  @ApiProperty({ example: '2026-04-15', description: 'Due date (YYYY-MM-DD)' }) dueOn: string;
  @ApiProperty({ description: 'Filed after the due date' }) late: boolean;
  @ApiProperty({ example: '张建国' }) signedByName: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
}

export class FilingFiguresView {
  @ApiProperty() hazardsFound: number;
  @ApiProperty() majorFound: number;
  @ApiProperty() rectified: number;
  @ApiProperty() majorRectified: number;
  @ApiProperty() fundsYuan: number;
}

/** A filing as GET /filings lists it. */
export class FilingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty({ enum: ['quarter', 'annual'] }) periodKind: string;
  @ApiProperty({ example: '2026-Q1', description: 'YYYY-Qn (quarter) or YYYY-Y (annual)' }) period: string;
  @ApiProperty({ format: 'date-time', description: 'Due date (a date column, serialized as a timestamp)' }) dueOn: string;
  @ApiProperty({ type: FilingFiguresView }) figures: FilingFiguresView;
  @ApiProperty() signedByName: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty({ format: 'date-time' }) filedAt: string;
  @ApiProperty() late: boolean;
}

/** An enterprise whose filing for a period is overdue. */
export class MissingFilingDto {
  @ApiProperty() enterpriseId: string;
  @ApiProperty() enterpriseName: string;
  @ApiProperty() creditCode: string;
  @ApiProperty() gridId: string;
  @ApiProperty({ example: '/nantong/tongzhou/jinsha/jinsha-g1/' }) jurisdictionPath: string;
  @ApiProperty({ type: String, nullable: true }) principalName: string | null;
  @ApiProperty({ example: '2026-Q1', description: 'YYYY-Qn (quarter) or YYYY-Y (annual)' }) period: string;
  @ApiProperty({ enum: ['quarter', 'annual'] }) periodKind: string;
  @ApiProperty({ example: '2026-04-15', description: 'YYYY-MM-DD' }) dueOn: string;
}

/** What POST /filings/reminders answers. */
export class FilingRemindersResultDto {
  @ApiProperty({ description: 'Missing filings found' }) missing: number;
  @ApiProperty({ description: 'Reminders emitted now (not already sent before)' }) reminded: number;
}
