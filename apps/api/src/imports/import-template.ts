import ExcelJS from 'exceljs';
import { HAZARD_SOURCES } from '@hazards/domain/hazard/vocabulary';
import { DATA_SHEET, FILE_ERRORS, HELP_SHEET, IMPORT_COLUMNS, ROW_ERRORS } from '@hazards/imports/import-columns';

/** The import template: the data sheet with Chinese headers (required ones in red) and a help sheet. */
export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '隐患整改系统';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.note = `${c.required ? '必填' : '选填'}：${c.note}`;
  });
  // One range-wide list validation for 隐患来源 (rows 2–50001), not one per cell.
  const sourceCol = String.fromCharCode(64 + IMPORT_COLUMNS.findIndex((c) => c.key === 'source') + 1);
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${sourceCol}2:${sourceCol}50001`,
    {
      type: 'list',
      allowBlank: false,
      formulae: [`"${HAZARD_SOURCES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '隐患来源',
      error: `须为：${HAZARD_SOURCES.join('、')}`,
    },
  );
  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '列名', width: 24 },
    { header: '必填', width: 8 },
    { header: '说明', width: 90 },
  ];
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? '是' : '否', c.note]);
  help.addRow([]);
  help.addRow(['说明', '', '从第2行起每行一条隐患；第1行为列名，列的顺序不限，多余的列被忽略。']);
  help.addRow(['', '', '同一文件重复导入不会重复登记：以“外部编号”（或整行内容）识别同一隐患。']);
  help.addRow(['', '', '有错误的行不会登记；导入结果可下载为带“错误原因”列的表格，改正后可直接再次导入。']);
  help.addRow([]);
  help.addRow(['错误原因', '', '']);
  for (const [code, text] of Object.entries({ ...ROW_ERRORS, ...FILE_ERRORS })) help.addRow([code, '', text]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
