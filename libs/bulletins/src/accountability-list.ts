import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { AccountabilityListRow } from '@hazards/persistence/accountability/accountability-list.repository';
import { shanghaiDateTime, shanghaiYear } from '@hazards/domain/time/shanghai-time';
import type { BulletinSection } from './bulletin.model';
import { ISO_WITH_OFFSET, msg } from '@hazards/api-contract/dto-helpers';

export const MEASURE_LABELS: Record<AccountabilityListRow['measure'], string> = {
  supervision_letter: '督办函',
  stoppage_recommendation: '停产整顿建议',
  penalty_decision: '行政处罚',
  interview: '约谈',
  public_criticism: '通报批评',
  responsibility_trace: '责任倒查',
};
/** At most this many rows in one list (a year of a city is far below it). */
export const LIST_LIMIT = 5000;

/** 责任追究清单: a jurisdiction and a period (default: this year so far, Asia/Shanghai). */
export class AccountabilityListQuery {
  @ApiPropertyOptional({ description: "Default: the caller's jurisdiction" })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, msg('辖区编号格式不正确', 'jurisdictionId is malformed'))
  jurisdictionId?: string;
  @ApiPropertyOptional({ example: '2026-01-01T00:00:00+08:00' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, msg('起始时间须为带时区的ISO 8601时间', 'from must be ISO 8601 with an offset'))
  from?: string;
  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'Exclusive' })
  @IsOptional()
  @Matches(ISO_WITH_OFFSET, msg('截止时间须为带时区的ISO 8601时间', 'to must be ISO 8601 with an offset'))
  to?: string;
  @ApiPropertyOptional({ enum: ['json', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'xlsx'], msg('format 须为 json 或 xlsx', 'format must be json or xlsx'))
  format?: 'json' | 'xlsx';
}

export class AccountabilityListRowDto {
  @ApiProperty() region: string;
  @ApiProperty() enterprise: string;
  @ApiProperty() hazardId: string;
  @ApiProperty() hazard: string;
  @ApiProperty({ enum: Object.keys(MEASURE_LABELS) }) measure: string;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() subjects: string;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
}

export class AccountabilityListDto {
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [AccountabilityListRowDto] }) items: AccountabilityListRowDto[];
}

export const LIST_COLUMNS = [
  { header: '地区', width: 14 },
  { header: '企业', width: 28 },
  { header: '隐患', width: 40 },
  { header: '追究措施', width: 14 },
  { header: '文号', width: 26 },
  { header: '时间', width: 18 },
  { header: '对象', width: 30 },
  { header: '说明', width: 30 },
  { header: '隐患编号', width: 38 },
];
export const listRowCells = (r: AccountabilityListRow) => [
  r.region,
  r.enterprise,
  r.hazard,
  MEASURE_LABELS[r.measure],
  r.number ?? '',
  shanghaiDateTime(r.at),
  r.subjects,
  r.detail ?? '',
  r.hazardId,
];

/** The bulletin's 责任追究 section: how many of each measure, by region. Null when there were none. */
export function accountabilitySection(rows: AccountabilityListRow[]): BulletinSection | null {
  if (rows.length === 0) return null;
  const measures = Object.keys(MEASURE_LABELS) as AccountabilityListRow['measure'][];
  const regions = [...new Set(rows.map((r) => r.region))];
  const count = (region: string | null, m: string) =>
    rows.filter((r) => (region === null || r.region === region) && r.measure === m).length;
  const totals = measures.map((m) => `${MEASURE_LABELS[m]}${count(null, m)}`).join('、');
  return {
    heading: '责任追究 / Accountability',
    paragraphs: [[`本期共采取责任追究措施${rows.length}项：${totals}。`]],
    table: {
      head: ['地区', ...measures.map((m) => MEASURE_LABELS[m])],
      rows: regions.map((g) => [g, ...measures.map((m) => String(count(g, m)))]),
    },
  };
}

/** This Shanghai year so far (to the next midnight) when the period is not given. */
export function periodOf(q: { from?: string; to?: string }, now = new Date()): { from: string; to: string } {
  const year = shanghaiYear(now);
  return {
    from: q.from ? new Date(q.from).toISOString() : new Date(`${year}-01-01T00:00:00+08:00`).toISOString(),
    to: q.to ? new Date(q.to).toISOString() : new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString(),
  };
}
