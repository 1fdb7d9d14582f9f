import ExcelJS from 'exceljs';
import { creditCodeCheckChar } from '@hazards/domain/enterprise/credit-code';

/** A workbook of rows under the given headers (a null row leaves that sheet row empty). */
export async function xlsxOf(headers: string[], rows: (Record<string, string> | null)[], sheetName = '隐患导入'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r ? headers.map((h) => r[h] ?? null) : []);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Streams a large import file to disk without holding it in memory. */
export async function writeLargeImportFile(
  path: string,
  n: number,
  row: (i: number) => Record<string, string>,
  headers: string[],
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('隐患导入');
  ws.addRow(headers).commit();
  for (let i = 0; i < n; i++) {
    const r = row(i);
    ws.addRow(headers.map((h) => r[h] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
}

/** Reads every row of the first sheet of an .xlsx as arrays of cell text (1-based columns dropped). */
export async function readSheet(buf: Buffer, sheet = 1): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[sheet - 1];
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const values = (r.values as unknown[]).slice(1);
    out.push(
      values.map((v) =>
        v === null || v === undefined
          ? ''
          : typeof v === 'object' && 'richText' in (v as object)
            ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('')
            : String(v),
      ),
    );
  });
  return out;
}

/** A valid 统一社会信用代码 that no enterprise has. */
export function unregisteredCreditCode(seed: string): string {
  const digits = String(Number.parseInt(seed, 16) % 1e6).padStart(6, '0');
  const first17 = `9132${digits}MA9XY00`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17);
}
