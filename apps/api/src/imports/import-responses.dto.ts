import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FILE_ERRORS, ROW_ERRORS } from '@hazards/imports/import-columns';

/** Response schemas of the import routes (OpenAPI only; HazardImportService returns plain objects of these shapes). */

const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'];
const IMPORT_PHASES = ['queued', 'counting', 'importing', 'done', 'failed'];

/** Progress of an import job (what POST /imports answers at once). */
export class ImportProgressDto {
  @ApiProperty({ format: 'uuid' }) importId: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: string;
  @ApiProperty({ enum: IMPORT_PHASES }) phase: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Data rows in the file; null until counted' }) total: number | null;
  @ApiProperty({ description: 'Rows processed so far' }) done: number;
  @ApiProperty({ description: 'Rows registered as new hazards' }) registered: number;
  @ApiProperty({ description: 'Rows registered by an earlier import of the same rows' }) alreadyRegistered: number;
  @ApiProperty({ description: 'Rows not registered: invalid' }) invalid: number;
  @ApiProperty({ description: 'Rows not registered: registration failed (import the file again to retry)' }) failed: number;
  @ApiProperty({
    description:
      '重复隐患候选 / Registered rows with candidate duplicates recorded (earlier reports or rows of this file): GET /hazards/{id}/duplicate-candidates',
  })
  withDuplicateCandidates: number;
}

/** A problem with the file as a whole: nothing was imported. */
export class ImportFileErrorDto {
  @ApiProperty({ enum: Object.keys(FILE_ERRORS) }) code: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ description: 'The column (header or letters), where the problem is one' }) column?: string;
  @ApiPropertyOptional({ description: 'The row of the uploaded file, where the problem is one' }) row?: number;
}

/** GET /imports/:id: progress, outcome counts and file-level errors. */
export class ImportStatusDto extends ImportProgressDto {
  @ApiProperty({ example: '隐患清单.xlsx' }) fileName: string;
  @ApiProperty({ type: [ImportFileErrorDto] }) fileErrors: ImportFileErrorDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Why the job failed, if it did' }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

/** An import as GET /imports lists it (newest first, at most 50). */
export class ImportListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: string;
  @ApiProperty({ enum: IMPORT_PHASES }) phase: string;
  @ApiProperty({ type: Number, nullable: true }) total: number | null;
  @ApiProperty() done: number;
  @ApiProperty() registered: number;
  @ApiProperty() alreadyRegistered: number;
  @ApiProperty() invalid: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

/** One problem of a row not registered. */
export class ImportRowProblemDto {
  @ApiProperty({ description: 'Row number in the uploaded file' }) row: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '统一社会信用代码',
    description: 'The column (template header); null for a row-level problem',
  })
  column: string | null;
  @ApiProperty({ enum: Object.keys(ROW_ERRORS) }) code: string;
  @ApiProperty() reason: string;
}
