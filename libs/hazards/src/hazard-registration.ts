import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@hazards/domain/hazard/actor';
import type { CalendarCopy } from '@hazards/domain/calendar/calendar-copy';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import type { HazardSource } from '@hazards/domain/hazard/vocabulary';
import type { Policy } from '@hazards/domain/policy/policy.schema';
import type { hazardLifecycleWorkflow } from '../../../workflows/src/hazard-lifecycle.workflow';
import type { HazardLifecycleInput } from '../../../workflows/src/hazard-lifecycle.types';

const SA = {
  status: defineSearchAttributeKey('HazardStatus', SearchAttributeType.KEYWORD),
  jurisdiction: defineSearchAttributeKey('HazardJurisdiction', SearchAttributeType.KEYWORD_LIST),
};

/** A hazard about to be registered (上报): what the read-model row and the workflow start need. */
export interface NewHazard {
  hazardId: string;
  enterpriseId: string;
  /** The enterprise's grid path, '/city/county/township/grid/'. */
  gridPath: string;
  source: HazardSource;
  description: string;
  location?: string;
  photos?: string[];
  reportedBy: Actor;
  reportedAt: string;
  policy: Policy;
}

export function lifecycleInput(h: NewHazard): HazardLifecycleInput {
  return {
    hazardId: h.hazardId,
    enterpriseId: h.enterpriseId,
    jurisdictionPath: h.gridPath.split('/').filter(Boolean),
    source: h.source,
    description: h.description,
    reportedBy: h.reportedBy,
    policy: h.policy,
    ...(h.location ? { location: h.location } : {}),
    ...(h.photos?.length ? { photos: h.photos } : {}),
  };
}

/**
 * The detail a 'reported' row starts with, before the workflow's first step writes its snapshot:
 * the location, so a report right after this one already finds it as a duplicate candidate.
 */
const reportedDetail = (h: NewHazard): string => JSON.stringify(h.location ? { location: h.location } : {});

/**
 * The 'reported' read-model row, in the caller's transaction. With `ifAbsent` an existing row (an
 * earlier, interrupted registration whose workflow already wrote it) is left as it is.
 */
export async function insertReportedRow(
  m: EntityManager,
  h: NewHazard,
  opts: { ifAbsent?: boolean; inspectionId?: string | null } = {},
): Promise<void> {
  const path = h.gridPath.split('/').filter(Boolean);
  await m.query(
    `insert into hazards (id, status, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source,
       description, reported_at, policy_version, last_seq, detail, inspection_id)
     values ($1,'reported',$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,0,$13::jsonb,$12)
     ${opts.ifAbsent ? 'on conflict (id) do update set inspection_id = coalesce(hazards.inspection_id, excluded.inspection_id)' : ''}`,
    [
      h.hazardId,
      h.enterpriseId,
      h.gridPath,
      path[0] ?? null,
      path[1] ?? null,
      path[2] ?? null,
      path[3] ?? null,
      h.source,
      h.description,
      h.reportedAt,
      h.policy.version,
      opts.inspectionId ?? null,
      reportedDetail(h),
    ],
  );
}

/**
 * Many 'reported' rows at once (bulk import), in the caller's transaction; rows that exist
 * already are left as they are. Returns the ids actually inserted.
 */
export async function insertReportedRows(m: EntityManager, items: { h: NewHazard; inspectionId: string | null }[]): Promise<string[]> {
  if (!items.length) return [];
  const col = <T>(f: (x: { h: NewHazard; inspectionId: string | null }, path: string[]) => T) =>
    items.map((x) => f(x, x.h.gridPath.split('/').filter(Boolean)));
  const rows: { id: string }[] = await m.query(
    `insert into hazards (id, status, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source,
       description, reported_at, policy_version, last_seq, detail, inspection_id)
     select id, 'reported', enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source, description, reported_at, policy_version, 0, detail, inspection_id
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::jsonb[])
         as t(id, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id, source, description, reported_at, policy_version, inspection_id, detail)
     on conflict (id) do nothing returning id`,
    [
      col((x) => x.h.hazardId),
      col((x) => x.h.enterpriseId),
      col((x) => x.h.gridPath),
      col((_, p) => p[0] ?? null),
      col((_, p) => p[1] ?? null),
      col((_, p) => p[2] ?? null),
      col((_, p) => p[3] ?? null),
      col((x) => x.h.source),
      col((x) => x.h.description),
      col((x) => x.h.reportedAt),
      col((x) => x.h.policy.version),
      col((x) => x.inspectionId),
      col((x) => reportedDetail(x.h)),
    ],
  );
  return rows.map((r) => r.id);
}

/**
 * Starts the lifecycle `hazard-<id>`; a lifecycle already started under that id is success (same
 * hazard). Started once per hazard, ever: a retried report (same Idempotency-Key, same id) or a
 * resumed import must not start a second lifecycle for a hazard whose first one has finished
 * (withdrawn or signed off), so a finished id is rejected too, not only a running one.
 */
export async function startLifecycle(client: Client, taskQueue: string, h: NewHazard, calendar?: CalendarCopy): Promise<void> {
  const input = lifecycleInput(h);
  await client.workflow
    .start<typeof hazardLifecycleWorkflow>('hazardLifecycleWorkflow', {
      workflowId: hazardWorkflowId(h.hazardId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      taskQueue,
      // With a calendar copy the grading window is counted in the first workflow task (calendar-copy.ts).
      args: [calendar ? { ...input, calendar } : input],
      typedSearchAttributes: [
        { key: SA.status, value: 'reported' },
        { key: SA.jurisdiction, value: input.jurisdictionPath },
      ],
    })
    .catch((err) => {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    });
}
