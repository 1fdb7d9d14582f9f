import { setImmediate as nextTurn } from 'node:timers/promises';
import { renderDocumentDocx, renderWithLibrary, type FilledDocument } from '@hazards/documents/docx-document.renderer';
import { median, percentile, report, round } from '@hazards/testing/report/bench-report';
import { runMain } from '@hazards/testing/stack/bench-stack';

/**
 * Rendering a 督办函 (.docx): from the skeleton the docx library built once (what the issuer does)
 * against the library rendering the whole package (the baseline), in alternating batches of the
 * same process. Per letter: processor ms, and how long the event loop was held (a render runs on
 * promises only, so one render is one stretch the worker's loop cannot answer anything else).
 * BENCH_RENDER_LETTERS (200) letters a batch, BENCH_RENDER_ROUNDS (5) rounds.
 */
const LETTERS = Number(process.env.BENCH_RENDER_LETTERS ?? 200);
const ROUNDS = Number(process.env.BENCH_RENDER_ROUNDS ?? 5);

const letter = (i: number): FilledDocument => ({
  issuer: '通州区安全生产委员会办公室',
  number: `通安委督〔2026〕${i}号`,
  title: '督办函',
  addressee: '金沙化工有限公司：',
  paragraphs: [
    `你单位液氨储罐区泄漏报警失效的隐患（编号 ${i}），整改期限已过3个工作日仍未整改完毕。`,
    '根据《中华人民共和国安全生产法》的规定，现对该隐患予以督办。',
    '请于5个工作日内整改完毕，并将整改情况书面回复本机关；逾期未回复的，将依法予以处理。',
  ],
  dateLine: '2026年12月1日',
});

async function batch(render: (d: FilledDocument) => Promise<Buffer>) {
  const held: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < LETTERS; i++) {
    await nextTurn();
    const t0 = process.hrtime.bigint();
    await render(letter(i));
    held.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / LETTERS, heldP50: percentile(held, 50), heldP99: percentile(held, 99) };
}

async function main(): Promise<void> {
  // Warm-up: the skeleton, the library's modules, the JIT.
  for (let i = 0; i < 20; i++) await Promise.all([renderDocumentDocx(letter(i)), renderWithLibrary(letter(i))]);
  const runs: { skeleton: Awaited<ReturnType<typeof batch>>; library: Awaited<ReturnType<typeof batch>> }[] = [];
  for (let r = 0; r < ROUNDS; r++) runs.push({ library: await batch(renderWithLibrary), skeleton: await batch(renderDocumentDocx) });
  const m = (pick: (b: Awaited<ReturnType<typeof batch>>) => number, which: 'skeleton' | 'library') =>
    round(median(runs.map((x) => pick(x[which]))), 2);
  const rows = (['skeleton', 'library'] as const).map((which) => ({
    render: which === 'skeleton' ? 'skeleton (the issuer)' : 'docx library, whole package (baseline)',
    cpu_ms_per_letter: m((b) => b.cpuMs, which),
    loop_held_p50_ms: m((b) => b.heldP50, which),
    loop_held_p99_ms: m((b) => b.heldP99, which),
  }));
  report('document-render', rows, { letters: LETTERS, rounds: ROUNDS, runs });
  console.log(
    `processor time a letter: ${round(rows[1].cpu_ms_per_letter / rows[0].cpu_ms_per_letter, 1)}× less from the skeleton (medians of ${ROUNDS} alternated batches of ${LETTERS})`,
  );
}

runMain(main);
