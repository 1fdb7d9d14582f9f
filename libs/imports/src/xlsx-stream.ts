import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export interface XlsxSheetWriter {
  add(values: unknown[]): void;
  /** Finishes the workbook; the stream ends when it is written. */
  end(): Promise<void>;
}

/**
 * A streaming .xlsx writer (rows are written and released as they come): the workbook is piped
 * into the returned stream, so an export of any size uses little memory.
 */
export function streamingWorkbook(
  sheetName: string,
  columns: { header: string; width: number }[],
): { stream: PassThrough; sheet: XlsxSheetWriter } {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return {
    stream,
    sheet: {
      add: (values) => ws.addRow(values).commit(),
      end: async () => {
        ws.commit();
        await wb.commit();
      },
    },
  };
}

/** Collects a stream into a Buffer (tests, the CLI). */
export async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}
