import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { startLifecycle } from '@hazards/hazards/hazard-registration';
import { HazardImportRunner, type ImportScope } from '@hazards/imports/hazard-import.runner';
import { IMPORT_COLUMNS } from '@hazards/imports/import-columns';
import { countImportRows, readImportRows } from '@hazards/imports/xlsx-row-reader';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';
import { seedDemoIfEmpty } from '@hazards/persistence/seed/demo-seed';
import { startAppProcess } from '@hazards/testing/stack/app-process';
import { report, round } from '@hazards/testing/report/bench-report';
import { startBenchStack } from '@hazards/testing/stack/bench-stack';

/**
 * Benchmark: importing a 10,000-row .xlsx (npm run bench import). Each variant runs in a child
 * process of its own, so its peak memory (max RSS, and the largest V8 heap seen) is its own:
 *  - parse (baseline): the streaming reader only, counting pass + reading pass, no database;
 *  - exceljs-load (baseline): exceljs reading the whole workbook into memory (what streaming avoids);
 *  - import-without-candidates (baseline): the real import — streamed parse, validation against
 *    PostgreSQL, registration and 10,000 real workflow starts on the Temporal server, with the
 *    worker running the lifecycles — under a policy without `duplicates` (no candidate lookup);
 *  - import: the same with each row's candidate duplicates looked up and recorded (another file of
 *    as many rows, so it also compares with the baseline's rows). The file is the lookup's worst
 *    case: five enterprises, every row of one enterprise alike (each finds its maxCandidates).
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const SOURCES = ['企业自查', '监督检查', '督查', '四不两直', '专家检查', '暗访', '举报', '网格巡查'];

interface ChildResult {
  variant: string;
  seconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  baseHeapMb: number;
  rows: number;
  registered?: number;
  failed?: number;
  withCandidates?: number;
}

async function child(variant: string, file: string): Promise<void> {
  global.gc?.();
  // The heap once the modules are loaded: the variants' own use is the peak above it.
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = process.hrtime.bigint();
  let rows: number;
  const out: Partial<ChildResult> = {};
  if (variant === 'parse') {
    rows = await countImportRows(file);
    for await (const _ of readImportRows(file)) rows += 0;
  } else if (variant === 'exceljs-load') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    rows = wb.worksheets[0].actualRowCount - 1;
  } else {
    const policy = variant === 'import' ? DEFAULT_POLICY : { ...DEFAULT_POLICY, duplicates: undefined };
    const ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 12)).initialize();
    const { Client, Connection } = await import('@temporalio/client');
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const client = new Client({ connection });
    const scope: ImportScope = { actor: { userId: 'bench', role: 'system' }, reachPath: null, enterpriseId: null, everywhere: true };
    const runner = new HazardImportRunner(ds, { start: (h) => startLifecycle(client, 'hazards', h) }, policy, {
      concurrency: Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 16),
    });
    const id = await runner.createJob(file, 'bench.xlsx', 'bench', scope.actor);
    const p = await runner.run(id, file, scope);
    rows = p.total ?? 0;
    out.registered = p.registered;
    out.failed = p.failed + p.invalid;
    out.withCandidates = p.withDuplicateCandidates;
    await connection.close();
    await ds.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const result: ChildResult = {
    variant,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
    baseHeapMb: baseHeap / 2 ** 20,
    rows,
    ...out,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function runChild(variant: string, file: string, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [process.argv[1], '--child', variant, file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    p.stdout.on('data', (d) => {
      text += d;
    });
    p.on('exit', (code) => {
      const line = text.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else reject(new Error(`${variant} exited ${code}: ${text.slice(-500)}`));
    });
  });
}

async function writeFile(path: string, codes: string[], prefix: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('隐患导入');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < ROWS; i++) {
    ws.addRow([
      `${prefix}-${i}`,
      codes[i % codes.length],
      SOURCES[i % SOURCES.length],
      `基准测试导入隐患第${i}条：配电箱未接地，安全警示标志缺失`,
      `${i % 40}号车间`,
      null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4]);
  const stack = await startBenchStack({ temporalOnDisk: process.env.BENCH_TEMPORAL_IN_MEMORY !== '1' });
  const ds = await new DataSource(dataSourceOptions(stack.env.DATABASE_URL, 2)).initialize();
  const env = { ...stack.env, LOG_LEVEL: 'warn' };
  const withWorker = process.env.BENCH_IMPORT_WORKER !== '0';
  const worker = withWorker ? await startAppProcess('worker', { ...env, LOG_LEVEL: 'info' }, join(stack.infra.o.dataDir, 'logs')) : null;
  try {
    await seedDemoIfEmpty(ds);
    const codes: string[] = (await ds.query('select credit_code from enterprises order by id')).map(
      (r: { credit_code: string }) => r.credit_code,
    );
    const dir = mkdtempSync(join(tmpdir(), 'import-bench-'));
    const file = join(dir, 'bench.xlsx');
    const second = join(dir, 'bench-2.xlsx');
    await writeFile(file, codes, 'BENCH');
    await writeFile(second, codes, 'BENCH-B');
    const results: ChildResult[] = [];
    for (const variant of ['parse', 'exceljs-load', 'import-without-candidates', 'import']) {
      const r = await runChild(variant, variant === 'import' ? second : file, env);
      console.log(
        `${variant}: ${round(r.seconds, 1)} s, peak RSS ${round(r.peakRssMb, 0)} MiB, peak heap ${round(r.peakHeapMb, 0)} MiB (+${round(r.peakHeapMb - r.baseHeapMb, 0)} over the loaded modules)`,
      );
      results.push(r);
    }
    const imported = results.find((r) => r.variant === 'import')!;
    const baseline = results.find((r) => r.variant === 'import-without-candidates')!;
    const started: { n: string }[] = await ds.query(`select count(*)::text as n from hazards where description like '基准测试导入隐患%'`);
    report(
      'import',
      results.map((r) => ({
        variant: r.variant,
        rows: r.rows,
        seconds: round(r.seconds, 2),
        rows_per_s: round(r.rows / r.seconds, 0),
        peak_rss_mib: round(r.peakRssMb, 0),
        peak_heap_mib: round(r.peakHeapMb, 0),
        heap_over_modules_mib: round(r.peakHeapMb - r.baseHeapMb, 0),
      })),
      {
        registered: imported.registered,
        notRegistered: imported.failed,
        withCandidates: imported.withCandidates,
        hazardRows: Number(started[0].n),
        worker: withWorker,
        candidatesRatio: round(baseline.seconds / imported.seconds, 2),
      },
    );
  } finally {
    await worker?.stop();
    await ds.destroy();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
