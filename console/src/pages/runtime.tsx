import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { Chart } from '../components/chart';
import { ErrorBox, Loading, Section, useLoad } from '../components/common';
import { shanghai } from '../format';
import { useI18n } from '../i18n';

/** GET /admin/runtime-status: the figures /metrics exports, for an operator without Prometheus. */
interface RuntimeStatus {
  at: string;
  hazardsOpen: { status: string; listingLevel: string; count: number }[];
  hazardsOverdue: { stage: number; count: number }[];
  queues: { queue: string; waiting: number; active: number; delayed: number; completed: number; failed: number; failedLastHour: number }[];
  deadLetters: number;
  escalationLateness: { buckets: { le: string; count: number }[]; count: number; sumSeconds: number };
  sentLast24h: { channel: string; kind: string; count: number }[];
  http: { route: string; requests: number; p50Ms: number; p95Ms: number }[];
}

const REFRESH_MS = 15_000;
/** Queue depth samples kept in the page (an hour at 15 s). */
const HISTORY = 240;
/** Bars per category; `stacked` adds the series up (parts of one count), otherwise side by side (p50 beside p95). */
const bars = (
  names: string[],
  series: { name: string; data: number[] }[],
  o: { horizontal?: boolean; stacked?: boolean; legend?: boolean } = {},
) => ({
  tooltip: { trigger: 'axis' },
  legend: o.legend ? { top: 0 } : undefined,
  grid: { left: o.horizontal ? 160 : 40, right: 16, top: o.legend ? 28 : 12, bottom: 28 },
  [o.horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: names },
  [o.horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: series.map((s) => ({ ...s, type: 'bar', ...(o.stacked ? { stack: 'all' } : {}) })),
});

export function RuntimePage() {
  const { t, label } = useI18n();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const status = useLoad(() => api<RuntimeStatus>('GET', '/admin/runtime-status'), [tick]);
  const history = useRef<{ at: string; depth: Record<string, number> }[]>([]);
  const s = status.data;
  useEffect(() => {
    if (!s) return;
    history.current = [
      ...history.current,
      { at: s.at, depth: Object.fromEntries(s.queues.map((q) => [q.queue, q.waiting + q.active + q.delayed])) },
    ].slice(-HISTORY);
  }, [s]);

  const charts = useMemo(() => {
    if (!s) return null;
    const levels = [...new Set(s.hazardsOpen.map((r) => r.listingLevel))];
    const statuses = [...new Set(s.hazardsOpen.map((r) => r.status))];
    const channels = [...new Set(s.sentLast24h.map((r) => r.channel))];
    const kinds = [...new Set(s.sentLast24h.map((r) => r.kind))];
    const queues = s.queues.map((q) => q.queue);
    return {
      open: bars(
        statuses.map((x) => label('status', x)),
        levels.map((lv) => ({
          name: lv === 'none' ? '—' : label('level', lv),
          data: statuses.map((st) => s.hazardsOpen.find((r) => r.status === st && r.listingLevel === lv)?.count ?? 0),
        })),
        { stacked: true, legend: true },
      ),
      overdue: bars(
        s.hazardsOverdue.map((r) => (r.stage === 0 ? t('runtimeNotEscalated') : t('runtimeStage', { n: r.stage }))),
        [{ name: t('runtimeOverdue'), data: s.hazardsOverdue.map((r) => r.count) }],
      ),
      lateness: bars(
        s.escalationLateness.buckets.map((b) => (b.le === '+Inf' ? '>3600 s' : `≤${b.le} s`)),
        [{ name: t('runtimeLateness'), data: s.escalationLateness.buckets.map((b) => b.count) }],
      ),
      queues: bars(
        queues,
        (['waiting', 'active', 'delayed', 'failed'] as const).map((k) => ({ name: k, data: s.queues.map((q) => q[k]) })),
        { stacked: true, legend: true },
      ),
      depth: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 28, bottom: 28 },
        xAxis: { type: 'category', data: history.current.map((h) => shanghai(h.at).slice(-8)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: queues.map((q) => ({ name: q, type: 'line', showSymbol: false, data: history.current.map((h) => h.depth[q] ?? 0) })),
      },
      sent: bars(
        channels,
        kinds.map((k) => ({ name: k, data: channels.map((c) => s.sentLast24h.find((r) => r.channel === c && r.kind === k)?.count ?? 0) })),
        { stacked: true, legend: true },
      ),
      http: bars(
        s.http.slice(0, 12).map((r) => r.route),
        [
          { name: 'p50 ms', data: s.http.slice(0, 12).map((r) => r.p50Ms) },
          { name: 'p95 ms', data: s.http.slice(0, 12).map((r) => r.p95Ms) },
        ],
        { horizontal: true, legend: true },
      ),
    };
  }, [s, t, label]);

  if (status.error && !s) return <ErrorBox error={status.error} retry={status.reload} />;
  if (!s || !charts) return <Loading />;
  const mean = s.escalationLateness.count ? (s.escalationLateness.sumSeconds / s.escalationLateness.count).toFixed(2) : '—';
  const chart = (key: keyof typeof charts, title: string, empty: boolean, extra?: string) => (
    <Section title={title} testId={`runtime-${key}`}>
      {extra && <p className="muted">{extra}</p>}
      {empty ? (
        <p className="muted">{t('runtimeNone')}</p>
      ) : (
        <Chart option={charts[key]} label={title} testId={`runtime-chart-${key}`} height={key === 'http' ? 320 : 240} />
      )}
    </Section>
  );
  return (
    <div className="board" data-testid="runtime">
      <div className="page-title">
        <h1>{t('runtimeTitle')}</h1>
        <span className="muted">
          {shanghai(s.at)} · {t('runtimeNote')}
        </span>
      </div>
      <div className="grid-2">
        {chart('open', t('runtimeOpen'), s.hazardsOpen.length === 0)}
        {chart('overdue', t('runtimeOverdue'), s.hazardsOverdue.length === 0)}
        {chart(
          'lateness',
          t('runtimeLateness'),
          s.escalationLateness.count === 0,
          t('runtimeLatenessSummary', { count: s.escalationLateness.count, mean }),
        )}
        {chart('queues', t('runtimeQueues'), false, t('runtimeDeadLetters', { n: s.deadLetters }))}
        {chart('depth', t('runtimeQueueDepth'), false)}
        {chart('sent', t('runtimeSent'), s.sentLast24h.length === 0)}
      </div>
      {chart('http', t('runtimeHttp'), s.http.length === 0)}
    </div>
  );
}
