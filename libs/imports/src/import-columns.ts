import { HAZARD_SOURCES } from '@hazards/domain/hazard/vocabulary';

/** The columns of the import template, by their Chinese header (the header row is matched by these). */
export const IMPORT_COLUMNS = [
  {
    key: 'externalId',
    header: '外部编号',
    required: false,
    width: 18,
    note: '本单位台账中的隐患编号（可选，最长64字符）；填写后重复导入以此识别同一隐患，不填则按行内容识别',
  },
  {
    key: 'creditCode',
    header: '企业统一社会信用代码',
    required: true,
    width: 24,
    note: '18位统一社会信用代码，企业须已登记且在您的辖区内',
  },
  { key: 'source', header: '隐患来源', required: true, width: 12, note: `须为：${HAZARD_SOURCES.join('、')}` },
  { key: 'description', header: '隐患描述', required: true, width: 48, note: '4–2000字' },
  { key: 'location', header: '隐患位置', required: false, width: 20, note: '可选，最长200字' },
  { key: 'inspectionId', header: '检查记录编号', required: false, width: 38, note: '可选：发现该隐患的大检查检查记录编号，须属于同一企业' },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type ImportCells = Partial<Record<ImportColumnKey, string>>;
export const HEADER_OF: Record<ImportColumnKey, string> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<
  ImportColumnKey,
  string
>;

/** Sheet names of the template. */
export const DATA_SHEET = '隐患导入';
export const HELP_SHEET = '填写说明';

/** Every reason a row can be refused: the code, and the message as the report shows it. */
export const ROW_ERRORS = {
  required: '必填项为空 / required',
  credit_code_length: '统一社会信用代码须为18位 / must be 18 characters',
  credit_code_characters: '统一社会信用代码含非法字符 / invalid characters',
  credit_code_check: '统一社会信用代码校验位错误 / check character is wrong',
  enterprise_unknown: '企业未登记 / no such enterprise',
  enterprise_outside_reach: '企业不在您的辖区内 / enterprise outside your jurisdiction',
  source_invalid: `隐患来源须为：${HAZARD_SOURCES.join('、')} / unknown source`,
  description_length: '隐患描述须为4–2000字 / must be 4-2000 characters',
  location_length: '隐患位置最长200字 / at most 200 characters',
  external_id_length: '外部编号最长64字符 / at most 64 characters',
  inspection_unknown: '检查记录不存在 / no such inspection',
  inspection_enterprise_mismatch: '检查记录的企业与本行企业不一致 / inspection is of another enterprise',
  duplicate_in_file: '与本文件中前面的行重复 / repeats an earlier row of this file',
  registration_failed: '登记失败，可重新导入本文件重试 / registration failed; import the file again to retry',
} as const;
export type RowErrorCode = keyof typeof ROW_ERRORS;

/** Problems with the file as a whole: nothing is imported. */
export const FILE_ERRORS = {
  not_xlsx: '文件不是有效的 .xlsx 工作簿 / not a valid .xlsx workbook',
  header_missing: '缺少必填列 / a required column is missing',
  no_rows: '文件中没有数据行 / the file has no data rows',
  too_many_rows: '行数超过上限 / too many rows',
  too_many_columns: '列数超过上限 / too many columns',
  too_many_shared_strings: '共享字符串过多 / too many shared strings',
  shared_strings_too_large: '共享字符串过大 / shared strings too large',
  inflated_too_large: '解压后过大 / inflates too large',
  inflate_ratio: '压缩比异常（疑似压缩炸弹） / abnormal inflate ratio (a zip bomb?)',
  cell_too_large: '单元格内容过长 / a cell is too long',
  import_crashed: '导入进程异常终止 / the import process stopped',
} as const;
export type FileErrorCode = keyof typeof FILE_ERRORS;

export interface RowError {
  column: string | null;
  code: RowErrorCode;
  reason: string;
}
export interface FileError {
  code: FileErrorCode;
  reason: string;
  column?: string;
  row?: number;
}
