import type { WorkflowHandle } from '@temporalio/client';
import {
  decideExtensionUpdate,
  decidePlanUpdate,
  gradeUpdate,
  linkAccidentUpdate,
  listUpdate,
  recordPenaltyUpdate,
  recordProductionStopUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitCompletionUpdate,
  submitPlanUpdate,
  withdrawUpdate,
} from '../../workflows/src';
import { submitPlan } from '@hazards/testing/workflows/hazard-steps';
import { actors, PLAN, refusalOf, sh, startHazard, type RefusalSeen } from '@hazards/testing/workflows/hazard-fixtures';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

const t = useScenarioEnv(sh('2025-05-12', '09:00:00'));

/** Asserts the refusal and that nothing was written: the history has exactly as many steps as before. */
async function expectRefused(
  id: string,
  run: () => Promise<unknown>,
  want: { type: string; code: string; field?: string },
): Promise<RefusalSeen> {
  const before = t.recorder.count(id);
  const r = await refusalOf(run);
  expect(r).toMatchObject(want);
  // `中文说明 / English explanation`
  expect(r.message).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Za-z].+$/);
  expect(t.recorder.count(id)).toBe(before);
  return r;
}

const criterion = { standard: '工贸企业重大事故隐患判定标准(2023)', item: '第四条' };

describe('illegal updates are refused with a reason people can act on, and change nothing', () => {
  let h: WorkflowHandle;
  const id = 'X-1';
  beforeAll(async () => {
    h = await startHazard(t, id);
  });

  it('while reported: grading by the enterprise, grading major by a grid inspector or without the criterion, a bad accident class, listing before grading, no actor', async () => {
    await expectRefused(
      id,
      () =>
        h.executeUpdate(gradeUpdate, { args: [{ actor: actors.enterprise, grade: 'general', accidentType: '触电', industry: '制造业' }] }),
      { type: 'Forbidden', code: 'ROLE_NOT_ALLOWED' },
    );
    await expectRefused(
      id,
      () =>
        h.executeUpdate(gradeUpdate, {
          args: [{ actor: actors.grid, grade: 'major', accidentType: '触电', industry: '制造业', criterion }],
        }),
      { type: 'Forbidden', code: 'MAJOR_NEEDS_SUPERVISOR' },
    );
    const r = await expectRefused(
      id,
      () => h.executeUpdate(gradeUpdate, { args: [{ actor: actors.county, grade: 'major', accidentType: '触电', industry: '制造业' }] }),
      { type: 'Invalid', code: 'CRITERION_REQUIRED', field: 'criterion' },
    );
    expect(r.message).toBe('重大隐患须注明判定标准及条款 / a major hazard needs the criterion standard and item that matched');
    await expectRefused(
      id,
      () =>
        h.executeUpdate(gradeUpdate, {
          args: [{ actor: actors.county, grade: 'general', accidentType: '电击' as never, industry: '制造业' }],
        }),
      { type: 'Invalid', code: 'FIELD_INVALID', field: 'accidentType' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(listUpdate, { args: [{ actor: actors.county, level: 'county', authority: 'x', leadDepartment: 'y' }] }),
      { type: 'IllegalState', code: 'WRONG_STATE' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(gradeUpdate, { args: [{ grade: 'general', accidentType: '触电', industry: '制造业' } as never] }),
      { type: 'Invalid', code: 'ACTOR_REQUIRED' },
    );
    await expectRefused(
      id,
      () =>
        h.executeUpdate(gradeUpdate, { args: [{ actor: actors.otherCounty, grade: 'general', accidentType: '触电', industry: '制造业' }] }),
      { type: 'Forbidden', code: 'ROLE_NOT_ALLOWED' },
    );
  });

  it('while awaiting listing: a township supervisor listing at county level, a listing without lead department, a plan before listing', async () => {
    await h.executeUpdate(gradeUpdate, {
      args: [{ actor: actors.county, grade: 'major', accidentType: '火灾', industry: '制造业', criterion }],
    });
    await expectRefused(
      id,
      () =>
        h.executeUpdate(listUpdate, {
          args: [{ actor: actors.township, level: 'county', authority: '通州区人民政府', leadDepartment: '应急局' }],
        }),
      { type: 'Forbidden', code: 'WRONG_LEVEL' },
    );
    await expectRefused(
      id,
      () =>
        h.executeUpdate(listUpdate, {
          args: [{ actor: actors.county, level: 'county', authority: '通州区人民政府', leadDepartment: ' ' }],
        }),
      { type: 'Invalid', code: 'FIELD_REQUIRED', field: 'leadDepartment' },
    );
    await expectRefused(
      id,
      () =>
        h.executeUpdate(listUpdate, {
          args: [
            { actor: actors.county, level: 'county', authority: '通州区人民政府', leadDepartment: '应急局', publishedAt: sh('2026-01-01') },
          ],
        }),
      { type: 'Invalid', code: 'FIELD_IN_FUTURE', field: 'publishedAt' },
    );
    await expectRefused(
      id,
      () =>
        h.executeUpdate(submitPlanUpdate, {
          args: [{ actor: actors.enterprise, plan: PLAN, interimMeasures: 'x', productionStopped: false }],
        }),
      { type: 'IllegalState', code: 'WRONG_STATE' },
    );
  });

  it('while listed: another enterprise’s plan, a plan missing one of its six parts, an extension too close to a short deadline, a decision on no extension', async () => {
    // A listing with a 15-working-day deadline: already inside the 20-working-day extension cutoff.
    await h.executeUpdate(listUpdate, {
      args: [{ actor: actors.county, level: 'county', authority: '通州区人民政府', leadDepartment: '应急局', deadlineWorkingDays: 15 }],
    });
    await expectRefused(
      id,
      () =>
        h.executeUpdate(submitPlanUpdate, {
          args: [{ actor: actors.otherEnterprise, plan: PLAN, interimMeasures: 'x', productionStopped: false }],
        }),
      { type: 'Forbidden', code: 'NOT_OWN_ENTERPRISE' },
    );
    const { fundsAndMaterials: _omitted, ...fivePartPlan } = PLAN;
    const r = await expectRefused(
      id,
      () =>
        h.executeUpdate(submitPlanUpdate, {
          args: [{ actor: actors.enterprise, plan: fivePartPlan as typeof PLAN, interimMeasures: 'x', productionStopped: false }],
        }),
      { type: 'Invalid', code: 'FIELD_REQUIRED', field: 'plan.fundsAndMaterials' },
    );
    expect(r.message).toContain('经费和物资的落实');
    await expectRefused(
      id,
      () =>
        h.executeUpdate(submitPlanUpdate, {
          args: [{ actor: actors.enterprise, plan: PLAN, interimMeasures: '', productionStopped: false }],
        }),
      { type: 'Invalid', code: 'FIELD_REQUIRED', field: 'interimMeasures' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actors.enterprise, workingDays: 10, reason: '设备未到' }] }),
      { type: 'IllegalState', code: 'EXTENSION_TOO_LATE' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actors.enterprise, workingDays: 90, reason: '设备未到' }] }),
      { type: 'Invalid', code: 'EXTENSION_LENGTH_INVALID', field: 'workingDays' },
    );
    await expectRefused(id, () => h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'approve' }] }), {
      type: 'IllegalState',
      code: 'NO_PENDING_EXTENSION',
    });
    await expectRefused(
      id,
      () => h.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f'] }] }),
      { type: 'IllegalState', code: 'WRONG_STATE' },
    );
  });

  it('while the plan awaits decision: a return without reason, a decision by the wrong level', async () => {
    await submitPlan(h, '限产');
    await expectRefused(id, () => h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.county, decision: 'return' }] }), {
      type: 'Invalid',
      code: 'FIELD_REQUIRED',
      field: 'reason',
    });
    await expectRefused(id, () => h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'approve' }] }), {
      type: 'Forbidden',
      code: 'WRONG_LEVEL',
    });
  });

  it('while rectifying: completion without evidence, without assessment, a third party without its name; lifting a stop never ordered', async () => {
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    await expectRefused(id, () => h.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: [] }] }), {
      type: 'Invalid',
      code: 'EVIDENCE_REQUIRED',
    });
    await expectRefused(
      id,
      () => h.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f'] }] }),
      { type: 'Invalid', code: 'ASSESSMENT_REQUIRED' },
    );
    await expectRefused(
      id,
      () =>
        h.executeUpdate(submitCompletionUpdate, {
          args: [{ actor: actors.enterprise, evidenceFileIds: ['f'], assessment: { by: 'third_party', conclusion: '合格' } }],
        }),
      { type: 'Invalid', code: 'FIELD_REQUIRED', field: 'assessment.assessorName' },
    );
    await expectRefused(id, () => h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.county, action: 'lifted' }] }), {
      type: 'IllegalState',
      code: 'NOT_STOPPED',
    });
    await expectRefused(
      id,
      () => h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.otherEnterprise, action: 'ordered', scope: '全厂' }] }),
      { type: 'Forbidden', code: 'ROLE_NOT_ALLOWED' },
    );
    await expectRefused(id, () => h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'pass' }] }), {
      type: 'IllegalState',
      code: 'WRONG_STATE',
    });
  });

  it('while under review: the county before the township, the enterprise reviewing itself, a rejection without reason; accidents in the future, negative fines', async () => {
    await h.executeUpdate(submitCompletionUpdate, {
      args: [
        {
          actor: actors.enterprise,
          evidenceFileIds: ['f'],
          assessment: { by: 'third_party', assessorName: '某评价公司', conclusion: '合格' },
        },
      ],
    });
    await expectRefused(id, () => h.executeUpdate(reviewUpdate, { args: [{ actor: actors.county, level: 'county', result: 'pass' }] }), {
      type: 'IllegalState',
      code: 'REVIEW_LEVEL_MISMATCH',
      field: 'level',
    });
    await expectRefused(id, () => h.executeUpdate(reviewUpdate, { args: [{ actor: actors.county, result: 'pass' }] }), {
      type: 'Forbidden',
      code: 'REVIEWER_NOT_ALLOWED',
    });
    await expectRefused(id, () => h.executeUpdate(reviewUpdate, { args: [{ actor: actors.safetyDirector, result: 'pass' }] }), {
      type: 'Forbidden',
      code: 'REVIEWER_NOT_ALLOWED',
    });
    await expectRefused(id, () => h.executeUpdate(reviewUpdate, { args: [{ actor: actors.township, result: 'reject' }] }), {
      type: 'Invalid',
      code: 'FIELD_REQUIRED',
      field: 'reason',
    });
    await expectRefused(
      id,
      () =>
        h.executeUpdate(linkAccidentUpdate, {
          args: [{ actor: actors.county, accidentId: 'A1', description: '未来事故', occurredAt: sh('2030-01-01') }],
        }),
      { type: 'Invalid', code: 'FIELD_IN_FUTURE', field: 'occurredAt' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(recordPenaltyUpdate, { args: [{ actor: actors.county, lawArticle: '第一百零二条', amountYuan: -1 }] }),
      { type: 'Invalid', code: 'FIELD_INVALID', field: 'amountYuan' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(recordPenaltyUpdate, { args: [{ actor: actors.enterprise, lawArticle: '第一百零二条', amountYuan: 1 }] }),
      { type: 'Forbidden', code: 'NOT_SUPERVISOR_OF_JURISDICTION' },
    );
    await expectRefused(
      id,
      () => h.executeUpdate(withdrawUpdate, { args: [{ actor: actors.county, kind: 'duplicate', reason: '重复上报' }] }),
      { type: 'Invalid', code: 'FIELD_REQUIRED', field: 'duplicateOf' },
    );
  });

  it('a general hazard is not verified by the safety director unless policy says so', async () => {
    const g = await startHazard(t, 'X-general');
    await g.executeUpdate(gradeUpdate, { args: [{ actor: actors.grid, grade: 'general', accidentType: '高处坠落', industry: '建筑业' }] });
    await g.executeUpdate(submitCompletionUpdate, { args: [{ actor: actors.enterprise, evidenceFileIds: ['f'] }] });
    await expectRefused('X-general', () => g.executeUpdate(reviewUpdate, { args: [{ actor: actors.safetyDirector, result: 'pass' }] }), {
      type: 'Forbidden',
      code: 'REVIEWER_NOT_ALLOWED',
    });
  });

  it('after withdrawal (duplicate or false report, never deleted) every further action is refused', async () => {
    const w = await startHazard(t, 'X-withdrawn');
    const r = await w.executeUpdate(withdrawUpdate, { args: [{ actor: actors.township, kind: 'false', reason: '核查不属实' }] });
    expect(r.status).toBe('withdrawn');
    const refusal = await refusalOf(() =>
      w.executeUpdate(gradeUpdate, { args: [{ actor: actors.county, grade: 'general', accidentType: '触电', industry: '制造业' }] }),
    ).catch((e) => e);
    // The workflow has completed after withdrawal: the server itself refuses further updates.
    expect(refusal).toBeDefined();
    expect(t.recorder.steps('X-withdrawn').map((s) => [s.step, s.toStatus])).toEqual([
      ['reported', 'reported'],
      ['withdrawn', 'withdrawn'],
    ]);
  });
});
