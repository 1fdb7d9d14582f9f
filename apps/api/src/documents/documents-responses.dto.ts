import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_KINDS, NOTICE_KINDS } from '@hazards/domain/accountability/document-kinds';

/** A document of a hazard (its bytes are at `/hazards/{id}/documents/{documentId}/file`). */
export class HazardDocumentDto {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ format: 'uuid' }) hazardId: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ example: '通安委办督〔2026〕12号', description: '文号: per issuing authority and year, gap-free' }) number: string;
  @ApiProperty({ example: '督办函' }) title: string;
  @ApiProperty({ example: '南通市安全生产委员会办公室' }) issuerName: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) issuedBy: Record<string, unknown>;
  @ApiProperty({ type: [String] }) addressedTo: string[];
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: "SHA-256 of the .docx, as sealed in the hazard's history" }) sha256: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) replyDueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Notices: when published (公布)' }) publishedAt:
    string | null;
}

/** A published 挂牌 / 摘牌公告 as the public sees it: no individual's name, phone or evidence. */
export class PublicNoticeDto {
  @ApiProperty({ example: '通安委办告〔2026〕3号' }) number: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: string;
  @ApiProperty({ example: '挂牌督办公告' }) title: string;
  @ApiProperty() issuerName: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ description: 'The enterprise (a legal person, not an individual)' }) enterprise: string;
  @ApiProperty({ description: 'Hazard summary' }) hazard: string;
  @ApiPropertyOptional({ type: String, nullable: true }) listingAuthority: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['township', 'county', 'city'] }) listingLevel: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) leadDepartment: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deadline: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) orderNumber: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) listedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
}

export class PublicNoticePage {
  @ApiProperty({ type: [PublicNoticeDto] }) items: PublicNoticeDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Pass as `before` for the next page; null on the last' })
  nextBefore: string | null;
}
