/** SQL conditions on the read model (alias h) shared by the statistics, the bulletin and tests' traces. */
export const OPEN = `h.status not in ('closed','withdrawn')`;
/** Exactly the list's `overdue=true`. */
export const OVERDUE = `${OPEN} and h.rectification_deadline < now()`;
/** Closed on or before the rectification deadline in force at closure (or with none, e.g. fixed at once). */
export const CLOSED_ON_TIME = `h.status = 'closed' and (h.rectification_deadline is null or h.closed_at <= h.rectification_deadline)`;
/**
 * 重复上报已合并: withdrawn as a duplicate and linked to its original (POST /hazards/{id}/merge, or a
 * withdrawal naming the original). The hazard is counted once, under its original; the report
 * still counts as a discovery by its own source.
 */
export const MERGED_DUPLICATE = `(h.status = 'withdrawn' and h.detail->'withdrawal'->>'duplicateOf' is not null)`;
/** Each hazard once: every report but merged duplicates. */
export const COUNTED_ONCE = `not ${MERGED_DUPLICATE}`;
/** Listed (挂牌督办) at some level, and not withdrawn afterwards: what counts against a quota. */
export const LISTED = `h.listing_level is not null and h.status <> 'withdrawn'`;
const jsonArray = (expr: string) => `(case when jsonb_typeof(${expr}) = 'array' then ${expr} else '[]'::jsonb end)`;
/** A production stop (停产) was ordered at some time. */
export const EVER_STOPPED = `exists (select 1 from jsonb_array_elements(${jsonArray(`h.detail->'production'->'changes'`)}) c where c->>'action' = 'ordered')`;
/** 责任倒查 has run. */
export const TRACED = `jsonb_typeof(h.detail->'tracing') = 'object'`;
export const PENALTIES = jsonArray(`h.detail->'penalties'`);

/** The column of the read model holding a hazard's node at a level. */
export const LEVEL_ID_COLUMN: Record<string, string> = { city: 'city_id', county: 'county_id', township: 'township_id', grid: 'grid_id' };
export const CHILD_LEVEL: Record<string, string | null> = { city: 'county', county: 'township', township: 'grid', grid: null };
