import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC } from './metric-names';

/*
 * The Grafana dashboard an operator imports (infra/grafana/) draws the series the apps export:
 * a renamed metric would leave a panel empty without anyone noticing.
 */
describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'infra', 'grafana', 'hazards-runtime.dashboard.json'), 'utf8'),
  );
  const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) => (p.targets ?? []).map((t) => t.expr));
  const ours = Object.values(METRIC) as string[];
  const known = (name: string) =>
    ours.some((m) => name === m || name === `${m}_bucket` || name === `${m}_count` || name === `${m}_sum`) || name.startsWith('process_');

  it('queries only series the apps export', () => {
    const names = exprs.flatMap((e) =>
      [...e.matchAll(/\b([a-z_]+(?:_total|_seconds(?:_bucket|_count|_sum)?|_latency_bucket|_jobs|_open|_overdue|_leader|_bytes))\b/g)].map(
        (m) => m[1],
      ),
    );
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !known(n))).toEqual([]);
  });

  it('has a panel for each figure the operator watches', () => {
    for (const name of [
      METRIC.hazardsOpen,
      METRIC.hazardsOverdue,
      METRIC.escalationLateness,
      METRIC.notificationsSent,
      METRIC.queueJobs,
      METRIC.jobsFailed,
      METRIC.deadLetters,
      METRIC.httpDuration,
      METRIC.temporalWorkflowScheduleToStart,
    ]) {
      expect(exprs.some((e) => e.includes(name))).toBe(true);
    }
  });
});
