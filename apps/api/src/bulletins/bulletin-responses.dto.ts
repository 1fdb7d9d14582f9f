import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { FigureQueryDto } from '../statistics/statistics-responses.dto';

/** Response schemas of GET /bulletins?format=json (OpenAPI only; BulletinService.model returns a BulletinModel of this shape). */

/** A figure in the text with the id of the query it comes from (shown as a note mark). */
export class BulletinFigureSegmentDto {
  @ApiProperty({ example: '128' }) text: string;
  @ApiProperty({ example: 'Q01', description: 'Query id (see queries)' }) ref: string;
}

export class BulletinTableDto {
  @ApiProperty({ type: [String] }) head: string[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } }) rows: string[][];
}

@ApiExtraModels(BulletinFigureSegmentDto)
export class BulletinSectionDto {
  @ApiProperty({ example: '一、隐患排查治理总体情况' }) heading: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { oneOf: [{ type: 'string' }, { $ref: getSchemaPath(BulletinFigureSegmentDto) }] } },
    description: 'Paragraphs, each a list of segments: plain text, or a figure with its query id',
  })
  paragraphs: (string | BulletinFigureSegmentDto)[][];
  @ApiPropertyOptional({ type: BulletinTableDto }) table?: BulletinTableDto;
}

/** A 通报 ready to render: the same model gives the .docx and the Markdown. */
export class BulletinModelDto {
  @ApiProperty() issuer: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026年5月6日' }) dateLine: string;
  @ApiProperty({ type: [BulletinSectionDto] }) sections: BulletinSectionDto[];
  @ApiProperty({ type: [FigureQueryDto], description: '数据来源: every query a figure refers to' }) queries: FigureQueryDto[];
}

export class CarriedCriticismDto {
  @ApiProperty() id: string;
  @ApiProperty() hazardId: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Who is criticised: the enterprise, the lead department, the listing authority',
  })
  subjects: Record<string, unknown>[];
}

/** 印发的通报: its number, the SHA-256 of its .docx, and the criticisms it carried. */
export class BulletinIssueDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '通安委办通〔2026〕3号' }) number: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: [CarriedCriticismDto] }) criticisms: CarriedCriticismDto[];
  @ApiProperty({ type: BulletinModelDto }) model: BulletinModelDto;
}
