import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrorBody, notFound } from '@hazards/api-contract/api-error';
import { HazardImportService, notXlsx } from './hazard-import.service';
import { ImportListItemDto, ImportProgressDto, ImportRowProblemDto, ImportStatusDto } from './import-responses.dto';
import { buildImportTemplate } from './import-template';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_FILE = { content: { [XLSX]: { schema: { type: 'string' as const, format: 'binary' } } } };
const Id = new ParseUUIDPipe({ exceptionFactory: () => notFound('import') });

const attachment = (res: Response, name: string) => {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
};

@ApiTags('imports')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: HazardImportService) {}

  @Get('template')
  @ApiOperation({ summary: '导入模板 / The .xlsx template with Chinese headers and instructions' })
  @ApiOkResponse({ description: 'The .xlsx template', ...XLSX_FILE })
  async template(@Res({ passthrough: true }) res: Response) {
    attachment(res, '隐患批量导入模板.xlsx');
    return new StreamableFile(await buildImportTemplate());
  }

  @Post()
  @HttpCode(202)
  @Roles('enterprise', 'grid_inspector', 'supervisor')
  @UseInterceptors(FileInterceptor('file')) // storage and IMPORT_MAX_BYTES: ImportsModule's MulterModule
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: '批量导入 / Upload an .xlsx; the import runs in the background (poll GET /imports/:id for rows done of total)' })
  @ApiAcceptedResponse({ type: ImportProgressDto, description: 'The job is queued; poll GET /imports/:id' })
  @ApiResponse({ status: 415, type: ApiErrorBody })
  async upload(@CurrentUser() user: AuthUser, @UploadedFile() file?: { path: string; originalname: string; size: number }) {
    if (!file || !/\.xlsx$/i.test(file.originalname)) throw notXlsx();
    return this.imports.start(user, file);
  }

  @Get()
  @ApiOperation({ summary: '我的导入 / My imports, newest first' })
  @ApiOkResponse({ type: [ImportListItemDto] })
  list(@CurrentUser() user: AuthUser) {
    return this.imports.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: '导入进度与结果 / Progress (rows done of total) and outcome counts; file-level errors' })
  @ApiOkResponse({ type: ImportStatusDto })
  status(@CurrentUser() user: AuthUser, @Param('id', Id) id: string) {
    return this.imports.status(user, id);
  }

  @Get(':id/errors')
  @ApiOperation({ summary: '导入错误 / Rows not registered: row, column and reason (1000 rows a page; afterRow to page on)' })
  @ApiOkResponse({ type: [ImportRowProblemDto] })
  errors(@CurrentUser() user: AuthUser, @Param('id', Id) id: string, @Query('afterRow') afterRow?: string) {
    return this.imports.problems(user, id, Number(afterRow ?? 0) || 0);
  }

  @Get(':id/report.xlsx')
  @ApiOperation({ summary: '错误报告 / The rows not registered as .xlsx with an 错误原因 column (fix and import again)' })
  @ApiOkResponse({ description: 'The error report (.xlsx)', ...XLSX_FILE })
  async report(@CurrentUser() user: AuthUser, @Param('id', Id) id: string, @Res({ passthrough: true }) res: Response) {
    const { stream } = await this.imports.errorReport(user, id);
    attachment(res, `导入错误报告-${id}.xlsx`);
    return new StreamableFile(stream);
  }
}
