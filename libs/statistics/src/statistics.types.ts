import type { TraceFilters } from './statistics.query';

/**
 * Where a figure comes from: the hazard list filters that give it as the list's total (listUrl),
 * and, where the list cannot express it, the extra SQL condition on top of those filters.
 */
export interface FigureQuery {
  id: string;
  label: string;
  filters: TraceFilters;
  extra: string | null;
  listUrl: string | null;
}

export interface Bucket {
  key: string | null;
  label: string;
  count: number;
  q: string;
}

/** What became of the hazards found (发现) in the period, in a region or over the whole jurisdiction. */
export interface OutcomeFigures {
  found: number;
  withdrawn: number;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
}

export interface RegionFigures extends OutcomeFigures {
  id: string;
  name: string;
  kind: string;
  /** overdue ÷ (found − withdrawn); null when nothing was found. */
  overdueRate: number | null;
  listed: { township: number; county: number; city: number; total: number };
  quota: number | null;
  quotaBasis: string | null;
  /** Where the quota comes from: a number set for this region and year, or the rule for its kind. */
  quotaSource: 'region' | 'rule' | null;
  /** True when the region has a quota and listed fewer; null without a quota. */
  belowQuota: boolean | null;
  q: { found: string; overdue: string; listed: string };
}

export interface StatisticsReport {
  jurisdiction: { id: string; name: string; level: string; kind: string };
  period: { from: string | null; to: string | null };
  quotaYear: number;
  generatedAt: string;
  totals: OutcomeFigures & {
    /** closedOnTime ÷ closed; null when none closed. */
    onTimeRate: number | null;
    major: number;
    general: number;
    ungraded: number;
    listed: number;
  };
  overdueByStage: { stage: number; count: number; q: string }[];
  timeToClose: { closed: number; medianWorkingDays: number | null; p90WorkingDays: number | null; q: string };
  production: { currentlyStopped: number; everStopped: number };
  penalties: { count: number; amountYuan: number };
  tracings: number;
  heavierAccountability: number;
  listedByLevel: { township: number; county: number; city: number; total: number };
  byRegion: RegionFigures[];
  byIndustry: Bucket[];
  byAccidentType: Bucket[];
  byGrade: Bucket[];
  bySource: Bucket[];
  /** Regions worst first by overdue rate (then overdue count, then id); regions with nothing found last. */
  ranking: { rank: number; id: string; name: string; overdue: number; base: number; overdueRate: number | null }[];
  /** Figure name → query id, for the totals and the other single figures. */
  traces: Record<string, string>;
  queries: FigureQuery[];
}
