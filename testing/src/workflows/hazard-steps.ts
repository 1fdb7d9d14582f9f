import type { WorkflowHandle } from '@temporalio/client';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { copyFromNotices } from '@hazards/domain/calendar/cn-calendar';
import type { Actor } from '@hazards/domain/hazard/actor';
import {
  decidePlanUpdate,
  gradeUpdate,
  listUpdate,
  submitCompletionUpdate,
  submitPlanUpdate,
  type GradeInput,
  type ListInput,
  type SubmitPlanInput,
  type UpdateResult,
} from '../../../workflows/src';
import { actors, PLAN } from './hazard-fixtures';
import type { ScenarioEnv } from './scenario-env';

/*
 * The steps that move a scenario hazard along, each one user action through the workflow's own
 * update, with the values a scenario does not care about filled in. A test names only what it
 * asserts on (the level, the article, the approver).
 */

type Hazard = WorkflowHandle;
export type ListingLevel = 'township' | 'county' | 'city';

/** 工贸企业重大事故隐患判定标准: the judgement standard most scenarios grade by. */
export const TRADE_STANDARD = '工贸企业重大事故隐患判定标准(2023)';

/** 定级 as a major hazard (重大事故隐患) under an article of a judgement standard; by the county unless said otherwise. */
export function gradeMajor(
  h: Hazard,
  accidentType: GradeInput['accidentType'],
  item: string,
  o: { standard?: string; industry?: string; actor?: Actor } = {},
): Promise<UpdateResult> {
  return h.executeUpdate(gradeUpdate, {
    args: [
      {
        actor: o.actor ?? actors.county,
        grade: 'major',
        accidentType,
        industry: o.industry ?? '制造业',
        criterion: { standard: o.standard ?? TRADE_STANDARD, item },
      },
    ],
  });
}

/**
 * 定级 as general (限期整改), by the township, carrying the API's calendar copy as of `at`: the
 * deadline is counted in the workflow task the grade arrives in, with no calendar activity.
 */
export function generalGradeWithCopy(at: string): GradeInput {
  const action = {
    actor: actors.township,
    grade: 'general' as const,
    accidentType: '物体打击' as const,
    industry: '制造业',
    generalMode: 'short' as const,
    calendar: copyFromNotices(1, BUNDLED_NOTICES, new Date(at)),
  };
  // The copy rides beside the action (ActionEnvelope), outside GradeInput's own fields.
  return action as GradeInput;
}

/** Who lists at each level of the scenario tree (南通市 → 通州区 → 金沙镇), and in whose name. */
export const LISTING_AUTHORITIES: Record<ListingLevel, Pick<ListInput, 'actor' | 'authority' | 'leadDepartment'>> = {
  township: { actor: actors.township, authority: '金沙镇人民政府', leadDepartment: '金沙镇安监办' },
  county: { actor: actors.county, authority: '通州区人民政府', leadDepartment: '通州区应急管理局' },
  city: { actor: actors.city, authority: '南通市人民政府', leadDepartment: '南通市应急管理局' },
};

/** 挂牌督办 at a level, by that level's authority (`extra` adds or overrides fields: order number, deadline, …). */
export function listAt(h: Hazard, level: ListingLevel, extra: Partial<ListInput> = {}): Promise<UpdateResult> {
  return h.executeUpdate(listUpdate, { args: [{ ...LISTING_AUTHORITIES[level], level, ...extra }] });
}

/** A listing notice published a second ago on the workflow clock: no publication deadline is left running. */
export async function publishedJustNow(t: ScenarioEnv): Promise<Pick<ListInput, 'publishedAt'>> {
  return { publishedAt: new Date((await t.now()) - 1000).toISOString() };
}

/** 整改方案: the enterprise submits the plan with its interim measures (no production stop unless said). */
export function submitPlan(h: Hazard, interimMeasures: string, o: Partial<SubmitPlanInput> = {}): Promise<UpdateResult> {
  return h.executeUpdate(submitPlanUpdate, {
    args: [{ actor: actors.enterprise, plan: PLAN, interimMeasures, productionStopped: false, ...o }],
  });
}

/** 整改方案 submitted and approved by `approver`: the hazard is rectifying. */
export async function planApproved(h: Hazard, interimMeasures: string, approver: Actor): Promise<UpdateResult> {
  await submitPlan(h, interimMeasures);
  return h.executeUpdate(decidePlanUpdate, { args: [{ actor: approver, decision: 'approve' }] });
}

/** 整改完成: the enterprise reports the work done, with one evidence file and its own assessment. */
export function completedBySelf(h: Hazard, conclusion: string): Promise<UpdateResult> {
  return h.executeUpdate(submitCompletionUpdate, {
    args: [{ actor: actors.enterprise, evidenceFileIds: ['f1'], assessment: { by: 'self', conclusion } }],
  });
}
