import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAINS } from '@hazards/archive/chain-definitions';

/** Response schemas of the archive routes (OpenAPI only; libs/archive's ChainVerifier returns this shape). */
export class ChainBreakDto {
  @ApiProperty({ enum: ['changed', 'deleted', 'inserted', 'reordered'] }) kind: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Chain position of the broken row (deleted: the first missing position)' })
  chainSeq: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The row found broken (deleted: the row after the gap, if any)' }) rowId:
    string | null;
  @ApiProperty({ description: 'zh-CN' }) message: string;
  @ApiProperty() messageEn: string;
}

export class ChainReportDto {
  @ApiProperty({ enum: CHAINS.map((c) => c.name) }) chain: string;
  @ApiProperty() intact: boolean;
  @ApiProperty({ description: 'Rows verified (after the last purge checkpoint)' }) rows: number;
  @ApiProperty() fromSeq: number;
  @ApiProperty() toSeq: number;
  @ApiProperty() purgedThroughSeq: number;
  @ApiProperty() anchorsChecked: number;
  @ApiPropertyOptional({ type: ChainBreakDto, description: 'The first place where the chain is broken' }) firstBreak?: ChainBreakDto;
}

export class AnchorProblemDto {
  @ApiProperty() line: number;
  @ApiProperty() reason: string;
}

export class ArchiveReportDto {
  @ApiProperty({ description: 'Every chain intact and consistent with its seals and the anchor file' }) intact: boolean;
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty() seconds: number;
  @ApiProperty({ type: [ChainReportDto] }) chains: ChainReportDto[];
  @ApiProperty({ type: String, nullable: true }) anchorFile: string | null;
  @ApiProperty({
    type: [AnchorProblemDto],
    description: 'Anchor lines that could not be used (forged, damaged, another key); reported, not fatal',
  })
  anchorProblems: AnchorProblemDto[];
}
