/** A progress bar on stderr (one line redrawn on a terminal, a line per 10% otherwise). */
export function progressBar(label: string) {
  let lastDecile = -1;
  const t0 = Date.now();
  return {
    update(done: number, total: number | null, note = '') {
      if (!total) return;
      const ratio = Math.min(1, done / total);
      const rate = done / Math.max(0.001, (Date.now() - t0) / 1000);
      const text = `${label} ${done}/${total} ${(ratio * 100).toFixed(0)}% ${rate.toFixed(0)} 行/秒 rows/s ${note}`;
      if (process.stderr.isTTY) {
        const width = 30;
        const fill = Math.round(ratio * width);
        process.stderr.write(`\r[${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${text}`);
      } else if (Math.floor(ratio * 10) > lastDecile) {
        lastDecile = Math.floor(ratio * 10);
        process.stderr.write(`${text}\n`);
      }
    },
    end() {
      if (process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}
