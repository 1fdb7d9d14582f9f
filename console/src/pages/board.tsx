import { useMemo, useState } from 'react';
import { api, qs, type User } from '../api';
import { Chart } from '../components/chart';
import { Deadline, ErrorBox, HazardLink, Loading, Section, useLoad, type HazardItem } from '../components/common';
import { Select } from '../components/forms';
import { shanghai, percent } from '../format';
import { useI18n, type StringKey, labelOptions } from '../i18n';
import type { Board } from '@hazards/hazards/board-view';

interface Jurisdiction {
  id: string;
  name: string;
  level: string;
  path: string;
}
interface Filters {
  jurisdictionId: string;
  grade: string;
  listingLevel: string;
  industry: string;
  accidentType: string;
  q: string;
}

/** The filters chosen from a list, with their labels. */
const FILTER_SELECTS = [
  ['jurisdictionId', 'filterRegion'],
  ['grade', 'grade'],
  ['listingLevel', 'listingLevel'],
  ['accidentType', 'filterAccident'],
] as const satisfies readonly (readonly [keyof Filters, StringKey])[];

const EMPTY: Filters = { jurisdictionId: '', grade: '', listingLevel: '', industry: '', accidentType: '', q: '' };
const COLORS = { overdue: '#c0392b', new: '#e67e22', closed: '#2e7d32', open: '#1f5fa8', ontime: '#7cb342' };

export function BoardPage(props: { user: User }) {
  const { t, label, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [text, setText] = useState({ industry: '', q: '' });
  const board = useLoad(() => api<Board>('GET', `/board${qs({ ...filters })}`), [JSON.stringify(filters)]);
  const jurisdictions = useLoad(() => api<Jurisdiction[]>('GET', '/jurisdictions'), []);
  const queue = useLoad(() => api<Record<string, HazardItem[]>>('GET', '/me/work-queue'), []);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const base = props.user.jurisdictionPath?.split('/').filter(Boolean).length ?? 0;

  const b = board.data;
  const scopeName = b?.scope?.name ?? t('boardAll');

  const depth = (j: Jurisdiction) => j.path.split('/').filter(Boolean).length - base;
  const selectOptions: Record<(typeof FILTER_SELECTS)[number][0], { value: string; label: string }[]> = {
    jurisdictionId: (jurisdictions.data ?? [])
      .filter((j) => j.level !== 'grid' || depth(j) <= 1)
      .map((j) => ({ value: j.id, label: `${'\u3000'.repeat(Math.max(0, depth(j) - 1))}${j.name}` })),
    grade: labelOptions(label, 'grade'),
    listingLevel: labelOptions(label, 'level', ['township', 'county', 'city']),
    accidentType: labelOptions(label, 'accident'),
  };

  const charts = useMemo(() => (b ? chartOptions(b, lang, t, label) : null), [b, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="board" data-testid="board">
      <div className="page-title">
        <h1>{t('boardTitle', { scope: scopeName })}</h1>
        {b && <span className="muted">{shanghai(b.generatedAt)}</span>}
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set(text);
        }}
        data-testid="board-filters"
      >
        {FILTER_SELECTS.map(([name, labelKey]) => (
          <label key={name}>
            {t(labelKey)}
            <Select name={name} value={filters[name]} onChange={(v) => set({ [name]: v })} empty={t('all')} options={selectOptions[name]} />
          </label>
        ))}
        <label>
          {t('filterIndustry')}
          <input
            name="industry"
            value={text.industry}
            onChange={(e) => setText({ ...text, industry: e.target.value })}
            placeholder={t('filterIndustry')}
          />
        </label>
        <label className="grow">
          {t('search')}
          <input
            name="q"
            type="search"
            value={text.q}
            onChange={(e) => setText({ ...text, q: e.target.value })}
            placeholder={t('searchPlaceholder')}
          />
        </label>
        <div className="filter-buttons">
          <button type="submit" className="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setText({ industry: '', q: '' });
              setFilters(EMPTY);
            }}
          >
            {t('reset')}
          </button>
        </div>
      </form>
      {board.error && <ErrorBox error={board.error} retry={board.reload} />}
      {!b && !board.error && <Loading />}
      {b && (
        <>
          <div className="kpis" data-testid="kpis">
            <Kpi label={t('totalHazards')} value={b.totals.total} testId="kpi-total" />
            <Kpi label={t('openHazards')} value={b.totals.open} testId="kpi-open" />
            <Kpi
              label={t('overdueHazards')}
              value={b.totals.overdue}
              testId="kpi-overdue"
              tone={b.totals.overdue > 0 ? 'bad' : undefined}
            />
            <Kpi label={t('closedHazards')} value={b.totals.closed} testId="kpi-closed" />
            <Kpi label={t('closureRate')} value={percent(b.totals.closureRate)} testId="kpi-closure-rate" />
            <Kpi label={t('onTimeClosureRate')} value={percent(b.totals.onTimeClosureRate)} testId="kpi-ontime-rate" />
          </div>
          <div className="grid-2">
            <Section title={t('byStatus')} testId="by-status">
              <ul className="chips">
                {b.byStatus.map((s) => (
                  <li key={s.status} data-status={s.status}>
                    <a href={`#/hazards?status=${s.status}`}>{label('status', s.status)}</a> <strong>{s.count}</strong>
                  </li>
                ))}
              </ul>
              <h3 className="sub">{t('byListingLevel')}</h3>
              <table className="table compact" data-testid="by-level">
                <HeaderRow keys={['listingLevel', 'total', 'open', 'overdue']} />
                <tbody>
                  {b.byListingLevel.map((l) => (
                    <tr key={l.level} data-level={l.level}>
                      <td>{label('level', l.level)}</td>
                      <td>{l.count}</td>
                      <td>{l.open}</td>
                      <td className={l.overdue ? 'bad' : ''}>{l.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            <Section title={t('workQueue')} testId="work-queue">
              {queue.data ? <WorkQueue queue={queue.data} /> : queue.error ? <ErrorBox error={queue.error} /> : <Loading />}
            </Section>
          </div>
          <Section title={`${t('byRegion')}${b.scope?.childLevel ? ` · ${label('level', b.scope.childLevel)}` : ''}`} testId="by-region">
            <div className="scroll-x">
              <table className="table">
                <HeaderRow keys={['region', 'total', 'open', 'overdue', 'closed', 'closureRate', 'onTimeClosureRate']} />
                <tbody>
                  {b.byRegion.map((r) => (
                    <tr key={r.id} data-region={r.id}>
                      <td>
                        <button className="link" onClick={() => set({ jurisdictionId: r.id })}>
                          {r.name}
                        </button>
                      </td>
                      <td>{r.total}</td>
                      <td>{r.open}</td>
                      <td className={r.overdue ? 'bad' : ''} data-testid="region-overdue">
                        {r.overdue}
                      </td>
                      <td>{r.closed}</td>
                      <td>{percent(r.closureRate)}</td>
                      <td>{percent(r.onTimeClosureRate)}</td>
                    </tr>
                  ))}
                  {b.byRegion.length === 0 && <EmptyRow columns={7} text={t('none')} />}
                </tbody>
              </table>
            </div>
          </Section>
          <Section title={`${t('overdueList')}（${b.overdue.total}）`} testId="overdue-list">
            <div className="scroll-x">
              <table className="table">
                <HeaderRow
                  keys={['enterprise', 'description', 'grade', 'listingLevel', 'deadline', 'workingDaysOverdue', 'escalationStage']}
                />
                <tbody>
                  {b.overdue.items.map((h) => (
                    <tr key={h.id} data-testid="overdue-row" data-hazard-id={h.id}>
                      <td>{h.enterpriseName ?? h.enterpriseId}</td>
                      <td>
                        <HazardLink id={h.id}>{h.description}</HazardLink>
                      </td>
                      <td>{label('grade', h.grade)}</td>
                      <td>{label('level', h.listingLevel ?? 'none')}</td>
                      <td>
                        <Deadline at={h.rectificationDeadline} provisional={h.deadlineProvisional} />
                      </td>
                      <td className="bad" data-testid="working-days-overdue">
                        {h.workingDaysOverdue}
                      </td>
                      <td data-testid="escalation-stage" data-stage={h.escalationStage}>
                        {h.escalationStage > 0 ? t('stageN', { n: h.escalationStage }) : t('stage0')}
                        {h.stageAction && <span className="muted"> · {label('action', h.stageAction)}</span>}
                      </td>
                    </tr>
                  ))}
                  {b.overdue.items.length === 0 && <EmptyRow columns={7} text={t('overdueListEmpty')} />}
                </tbody>
              </table>
            </div>
          </Section>
          {charts && (
            <div className="grid-3">
              <Section title={t('chartTrend')}>
                <Chart option={charts.trend} label={t('chartTrend')} testId="chart-trend" />
              </Section>
              <Section title={t('chartAccident')}>
                <Chart option={charts.accident} label={t('chartAccident')} testId="chart-accident" />
              </Section>
              <Section title={t('chartClosure')}>
                <Chart option={charts.closure} label={t('chartClosure')} testId="chart-closure" />
              </Section>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** A table's column headings, in the user's language. */
function HeaderRow(props: { keys: StringKey[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {props.keys.map((k) => (
          <th key={k}>{t(k)}</th>
        ))}
      </tr>
    </thead>
  );
}

function EmptyRow(props: { columns: number; text: string }) {
  return (
    <tr>
      <td colSpan={props.columns} className="muted">
        {props.text}
      </td>
    </tr>
  );
}

function Kpi(props: { label: string; value: number | string; testId: string; tone?: 'bad' }) {
  return (
    <div className={`kpi ${props.tone ?? ''}`} data-testid={props.testId}>
      <span className="kpi-label">{props.label}</span>
      <strong className="kpi-value">{props.value}</strong>
    </div>
  );
}

const QUEUE_KEYS = [
  ['toGrade', 'wqToGrade'],
  ['toList', 'wqToList'],
  ['plansToDecide', 'wqPlans'],
  ['extensionsToDecide', 'wqExtensions'],
  ['reviewsDue', 'wqReviews'],
  ['overdue', 'wqOverdue'],
  ['planDue', 'wqPlanDue'],
  ['rectifying', 'wqRectifying'],
  ['verificationDue', 'wqVerification'],
] as const;

export function WorkQueue(props: { queue: Record<string, HazardItem[]> }) {
  const { t } = useI18n();
  const groups = QUEUE_KEYS.filter(([k]) => Array.isArray(props.queue[k]));
  return (
    <div className="work-queue">
      {groups.map(([k, labelKey]) => (
        <details key={k} open={props.queue[k].length > 0 && k !== 'overdue'} data-queue={k}>
          <summary>
            {t(labelKey)} <strong className={props.queue[k].length ? 'count' : 'muted'}>{props.queue[k].length}</strong>
          </summary>
          <ul>
            {props.queue[k].slice(0, 8).map((h) => (
              <li key={h.id}>
                <HazardLink id={h.id}>{h.description}</HazardLink> <span className="muted">{h.enterpriseName}</span>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

function chartOptions(b: Board, lang: 'zh' | 'en', t: ReturnType<typeof useI18n>['t'], label: ReturnType<typeof useI18n>['label']) {
  const axisLabel = { fontSize: 11 };
  const trend = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 36, right: 12, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: b.trend.map((w) => w.week.slice(5)), axisLabel },
    yAxis: { type: 'value', minInterval: 1, axisLabel },
    series: [
      { name: t('chartTrendOverdue'), type: 'line', data: b.trend.map((w) => w.overdue), color: COLORS.overdue, symbolSize: 6 },
      { name: t('chartTrendNew'), type: 'bar', data: b.trend.map((w) => w.becameOverdue), color: COLORS.new, barMaxWidth: 14 },
      { name: t('chartTrendClosed'), type: 'bar', data: b.trend.map((w) => w.closed), color: COLORS.closed, barMaxWidth: 14 },
    ],
  };
  const types = [...b.byAccidentType].slice(0, 10).reverse();
  const accident = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: lang === 'zh' ? 84 : 130, right: 16, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, axisLabel },
    yAxis: { type: 'category', data: types.map((a) => (a.accidentType ? label('accident', a.accidentType) : t('ungraded'))), axisLabel },
    series: [
      { name: t('total'), type: 'bar', data: types.map((a) => a.count), color: COLORS.open, barMaxWidth: 14 },
      { name: t('overdue'), type: 'bar', data: types.map((a) => a.overdue), color: COLORS.overdue, barMaxWidth: 14 },
    ],
  };
  const regions = b.byRegion.slice(0, 12);
  const closure = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: { top: 0 },
    grid: { left: 40, right: 12, top: 32, bottom: 48 },
    xAxis: {
      type: 'category',
      data: regions.map((r) => r.name),
      axisLabel: { ...axisLabel, interval: 0, rotate: regions.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' } },
    series: [
      {
        name: t('closureRate'),
        type: 'bar',
        data: regions.map((r) => (r.closureRate === null ? null : Math.round(r.closureRate * 1000) / 10)),
        color: COLORS.closed,
        barMaxWidth: 22,
      },
      {
        name: t('onTimeClosureRate'),
        type: 'bar',
        data: regions.map((r) => (r.onTimeClosureRate === null ? null : Math.round(r.onTimeClosureRate * 1000) / 10)),
        color: COLORS.ontime,
        barMaxWidth: 22,
      },
    ],
  };
  return { trend, accident, closure };
}
