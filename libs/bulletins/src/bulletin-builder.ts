import { zhCount, zhDate, zhPercent, zhYuan } from '@hazards/domain/statistics/zh-number-format';
import { shanghaiDate, shanghaiDateBefore } from '@hazards/domain/time/shanghai-time';
import type { CampaignFigures } from '@hazards/persistence/campaigns/campaign.repository';
import type { FigureQuery, StatisticsReport } from '@hazards/statistics/statistics.types';
import type { BulletinModel, BulletinSection, Segment } from './bulletin.model';

export interface BulletinCampaigns {
  names: string[];
  figures: CampaignFigures | null;
  /** The query id of each campaign figure. */
  refs: Record<keyof Omit<CampaignFigures, 'byKind'>, string> | null;
}

const SCOPE_WORD: Record<string, string> = {
  市: '市',
  县级市: '市',
  县: '县',
  区: '区',
  开发区: '区',
  镇: '镇',
  街道: '街道',
  园区: '园区',
  网格: '网格',
};
const UNIT_OF_ISSUER: Record<string, string> = {
  city: '安全生产委员会办公室',
  county: '安全生产委员会办公室',
  township: '安全生产办公室',
  grid: '网格',
};

/** The campaign figures as the bulletin's sentence names them: the words before each, the figure, its unit. */
const CAMPAIGN_SENTENCE: [before: string, figure: keyof Omit<CampaignFigures, 'byKind'>, unit: string][] = [
  ['累计细化大检查工作方案', 'plans', '个'],
  ['，开展自查自纠企业单位累计', 'selfInspectingEnterprises', '家'],
  ['，各地组织检查督查组', 'groups', '个'],
  ['，出动检查人员', 'inspectorVisits', '人次'],
  ['，检查企业单位', 'enterprisesInspected', '家'],
  ['，排查隐患', 'hazardsFound', '条'],
];

/**
 * The statistics sections of a 通报, laid out like the seed bulletin (市安委办关于全市安全生产工作
 * 情况通报): basic situation, characteristics (industry, accident type, region), listed major
 * hazards against quotas, campaign figures and the overdue ranking. Figures keep their query ids.
 */
export function buildBulletin(s: StatisticsReport, campaigns: BulletinCampaigns, issuedOn: string): BulletinModel {
  const whole = `全${SCOPE_WORD[s.jurisdiction.kind] ?? ''}`;
  const f = (n: number, unit: string, ref: string): Segment => ({ text: `${zhCount(n)}${unit}`, ref });
  const t = s.totals;
  const from = s.period.from ? zhDate(shanghaiDate(s.period.from)) : null;
  const to = s.period.to ? zhDate(shanghaiDateBefore(s.period.to)) : zhDate(issuedOn);
  const period = from ? `${from}至${to}` : `截至${to}`;
  const list = (items: { label: string; count: number; q: string }[], unit: string): Segment[] =>
    items.flatMap((b, i) => [i === 0 ? b.label : `、${b.label}`, f(b.count, unit, b.q)]);

  // 一、基本情况
  const basic: Segment[] = [
    `${period}，${whole}共排查隐患`,
    f(t.found, '条', s.traces.found),
    '，其中重大隐患',
    f(t.major, '个', s.traces.major),
    '、一般隐患',
    f(t.general, '条', s.traces.general),
    ...(t.ungraded ? ['，尚未定级', f(t.ungraded, '条', s.traces.ungraded)] : []),
    '。已整改销号',
    f(t.closed, '条', s.traces.closed),
    '，其中按期销号',
    f(t.closedOnTime, '条', s.traces.closedOnTime),
    '，按期整改率',
    { text: zhPercent(t.onTimeRate), ref: s.traces.closedOnTime },
    '；尚未销号',
    f(t.open, '条', s.traces.open),
    '，其中超期未整改',
    f(t.overdue, '条', s.traces.overdue),
    ...(s.overdueByStage.length
      ? [
          '（',
          ...s.overdueByStage.flatMap((o, i): Segment[] => [
            i === 0 ? '' : '、',
            o.stage === 0 ? '尚未升级督办' : `升级督办第${o.stage}级`,
            f(o.count, '条', o.q),
          ]),
          '）',
        ]
      : []),
    '。',
  ];
  const pace: Segment[] = s.timeToClose.closed
    ? [
        '已销号隐患整改用时中位数为',
        { text: `${s.timeToClose.medianWorkingDays}个工作日`, ref: s.timeToClose.q },
        '，90%的隐患在',
        { text: `${s.timeToClose.p90WorkingDays}个工作日`, ref: s.timeToClose.q },
        '内整改销号。',
      ]
    : ['本期尚无整改销号的隐患。'];
  const enforcement: Segment[] = [
    '责令停产整改',
    f(s.production.everStopped, '家次', s.traces.everStopped),
    '（目前仍停产',
    f(s.production.currentlyStopped, '家次', s.traces.currentlyStopped),
    '），行政处罚',
    f(s.penalties.count, '件', s.traces.penalties),
    '、罚款',
    { text: zhYuan(s.penalties.amountYuan), ref: s.traces.penalties },
    '，启动责任倒查',
    f(s.tracings, '起', s.traces.tracings),
    ...(s.heavierAccountability
      ? ['，其中整改期间发生事故从重追究', f(s.heavierAccountability, '起', s.traces.heavierAccountability)]
      : []),
    ...(t.withdrawn ? ['。另有重复或不实上报撤销', f(t.withdrawn, '条', s.traces.withdrawn)] : []),
    '。',
  ];

  // 二、隐患特点
  const top = (items: { label: string; count: number }[], n: number) =>
    items
      .filter((b) => b.count > 0)
      .slice(0, n)
      .map((b) => b.label)
      .join('、');
  const regions = [...s.byRegion].filter((r) => r.found > 0).sort((a, b) => b.found - a.found || a.id.localeCompare(b.id));
  const features: Segment[][] = [];
  if (s.byIndustry.length) {
    features.push([
      `从行业来看。${top(s.byIndustry, 2)}是隐患多发领域。在`,
      f(t.found, '条', s.traces.found),
      '隐患中，',
      ...list(s.byIndustry, '条'),
      '。',
    ]);
  }
  if (s.byAccidentType.length) {
    features.push([
      `从事故类别来看。${top(s.byAccidentType, 3)}是隐患集中的类别。在`,
      f(t.found, '条', s.traces.found),
      '隐患中，',
      ...list(s.byAccidentType, '条'),
      '。',
    ]);
  }
  if (regions.length) {
    features.push([
      `从地区划分来看。${top(
        regions.map((r) => ({ label: r.name, count: r.found })),
        3,
      )}是隐患排查数较多的地区。在`,
      f(t.found, '条', s.traces.found),
      '隐患中，',
      ...list(
        regions.map((r) => ({ label: r.name, count: r.found, q: r.q.found })),
        '条',
      ),
      '。',
    ]);
  }
  if (s.bySource.length) features.push(['从发现途径来看。', ...list(s.bySource, '条'), '。']);
  if (!features.length) features.push(['本期未排查到隐患。']);

  // 三、重大事故隐患挂牌督办情况
  const bases = [
    ...new Set(
      s.byRegion
        .filter((r) => r.quotaSource === 'rule')
        .map((r) => r.quotaBasis)
        .filter((b): b is string => !!b),
    ),
  ];
  const below = s.byRegion.filter((r) => r.belowQuota);
  const listedRegions = s.byRegion.filter((r) => r.listed.total > 0 || r.quota !== null);
  const listing: Segment[] = [
    ...(bases.length ? [`年初，${bases.join('；')}。`] : []),
    `${from ? period : `截至${to}`}，各地区挂牌督办三级重大隐患`,
    f(s.listedByLevel.total, '个', s.traces.listed),
    ...(listedRegions.length
      ? ['，其中：', ...listedRegions.flatMap((r, i): Segment[] => [i === 0 ? r.name : `，${r.name}`, f(r.listed.total, '个', r.q.listed)])]
      : []),
    '。',
    ...(below.length
      ? [`${below.map((r) => r.name).join('、')}挂牌督办数未达到${s.quotaYear}年度任务数。`]
      : s.byRegion.some((r) => r.quota !== null)
        ? [`各地区均已达到${s.quotaYear}年度任务数。`]
        : []),
  ];
  const listingTable = {
    head: ['地区', '市级', '县级', '镇级', '合计', `${s.quotaYear}年任务数`, '完成情况'],
    rows: s.byRegion.map((r) => [
      r.name,
      zhCount(r.listed.city),
      zhCount(r.listed.county),
      zhCount(r.listed.township),
      zhCount(r.listed.total),
      r.quota === null ? '—' : zhCount(r.quota),
      r.belowQuota === null ? '—' : r.belowQuota ? `未达标（差${zhCount((r.quota ?? 0) - r.listed.total)}个）` : '已达标',
    ]),
  };

  // 四、安全生产大检查
  const c = campaigns.figures;
  const r = campaigns.refs;
  const since = `自${campaigns.names.map((n) => `“${n}”`).join('、')}部署开展以来，${whole}`;
  const campaign: Segment[] =
    c && r
      ? [...CAMPAIGN_SENTENCE.flatMap(([before, key, unit], i) => [i === 0 ? `${since}${before}` : before, f(c[key], unit, r[key])]), '。']
      : ['本期未组织安全生产大检查。'];

  // 五、超期整改排名
  const ranked = s.ranking.filter((x) => x.overdueRate !== null);
  const ranking: Segment[] = ranked.length
    ? [
        '按超期未整改隐患占比由高到低排列：',
        ...ranked.flatMap((x, i): Segment[] => {
          const region = s.byRegion.find((g) => g.id === x.id)!;
          return [
            `${i === 0 ? '' : '；'}${x.rank}. ${x.name}超期`,
            f(x.overdue, '条', region.q.overdue),
            '，超期率',
            { text: zhPercent(x.overdueRate), ref: region.q.found },
          ];
        }),
        '。',
      ]
    : ['本期各地区无隐患记录，不作排名。'];
  const rankingTable = {
    head: ['排名', '地区', '隐患数', '超期未整改', '超期率'],
    rows: s.ranking.map((x) => [zhCount(x.rank), x.name, zhCount(x.base), zhCount(x.overdue), zhPercent(x.overdueRate)]),
  };

  const sections: BulletinSection[] = [
    { heading: '一、基本情况', paragraphs: [basic, pace, enforcement] },
    { heading: '二、隐患排查特点', paragraphs: features },
    { heading: '三、重大事故隐患挂牌督办情况', paragraphs: [listing], table: listingTable },
    { heading: '四、安全生产大检查情况', paragraphs: [campaign] },
    { heading: '五、隐患超期整改排名', paragraphs: [ranking], table: rankingTable },
  ];
  const queries: FigureQuery[] = [...s.queries, ...(c && r ? campaignQueries(r, campaigns.names) : [])];
  const used = new Set(sections.flatMap((x) => x.paragraphs.flat()).flatMap((seg) => (typeof seg === 'string' ? [] : [seg.ref])));
  return {
    issuer: `${s.jurisdiction.name}${UNIT_OF_ISSUER[s.jurisdiction.level] ?? ''}`,
    title: `关于${whole}隐患排查治理情况的通报`,
    dateLine: zhDate(issuedOn),
    sections,
    queries: queries.filter((q) => used.has(q.id)),
  };
}

const CAMPAIGN_FIGURE_SQL: Record<string, [string, string]> = {
  plans: ['工作方案 / inspection plans', 'count(*) from inspection_plans'],
  selfInspectingEnterprises: [
    '开展自查自纠企业 / self-inspecting enterprises',
    "count(distinct enterprise_id) from inspections where kind = '企业自查'",
  ],
  groups: ['检查督查组 / inspection groups', 'count(*) from inspection_groups'],
  inspectorVisits: ['出动检查人员（人次）/ inspector-visits', "sum(cardinality(inspector_ids)) from inspections where kind <> '企业自查'"],
  inspectors: ['检查人员 / inspectors', 'count(*) from inspectors of the groups'],
  enterprisesInspected: ['检查企业单位 / enterprises inspected', "count(distinct enterprise_id) from inspections where kind <> '企业自查'"],
  inspections: ['检查记录 / inspections', 'count(*) from inspections'],
  hazardsFound: [
    '大检查排查隐患 / hazards found by the campaign',
    "count(*) from hazards linked to the inspections, status <> 'withdrawn'",
  ],
};

/** The query ids of campaign figures: C01…, each the SQL over the named campaigns. */
export function campaignRefs(): Record<keyof Omit<CampaignFigures, 'byKind'>, string> {
  return Object.fromEntries(Object.keys(CAMPAIGN_FIGURE_SQL).map((k, i) => [k, `C${String(i + 1).padStart(2, '0')}`])) as Record<
    keyof Omit<CampaignFigures, 'byKind'>,
    string
  >;
}

function campaignQueries(refs: Record<string, string>, names: string[]): FigureQuery[] {
  return Object.entries(CAMPAIGN_FIGURE_SQL).map(([k, [label, sql]]) => ({
    id: refs[k],
    label,
    filters: {},
    extra: `${sql}; campaigns: ${names.join('、')}`,
    listUrl: null,
  }));
}
