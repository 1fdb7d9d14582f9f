import type { WorkflowHandle } from '@temporalio/client';
import { decidePlanUpdate, recordProductionStopUpdate, submitPlanUpdate, withdrawUpdate } from '../../workflows/src';
import { gradeMajor, listAt, type ListingLevel } from '@hazards/testing/workflows/hazard-steps';
import { actors, PLAN, refusalOf, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

const t = useScenarioEnv(sh('2025-05-12', '09:00:00'));

async function listed(id: string, level: ListingLevel): Promise<WorkflowHandle> {
  const h = await startHazard(t, id);
  await gradeMajor(h, '火灾', '第四条');
  await listAt(h, level);
  return h;
}

async function expectRefused(id: string, run: () => Promise<unknown>, code: string): Promise<void> {
  const before = t.recorder.count(id);
  expect((await refusalOf(run)).code).toBe(code);
  expect(t.recorder.count(id)).toBe(before);
}

const falseReport = (actor: (typeof actors)[keyof typeof actors]) => ({ actor, kind: 'false' as const, reason: '复查核实：报告不实' });

describe('who may withdraw a listed hazard (撤销)', () => {
  it('14.4 a city-listed hazard is not withdrawn by the township or the county; the city withdraws it with a reason, and the level above is told', async () => {
    const id = 'W-city';
    const h = await listed(id, 'city');
    await expectRefused(
      id,
      () => h.executeUpdate(withdrawUpdate, { args: [falseReport(actors.township)] }),
      'WITHDRAW_BELOW_LISTING_LEVEL',
    );
    await expectRefused(id, () => h.executeUpdate(withdrawUpdate, { args: [falseReport(actors.county)] }), 'WITHDRAW_BELOW_LISTING_LEVEL');
    await expectRefused(
      id,
      () => h.executeUpdate(withdrawUpdate, { args: [{ ...falseReport(actors.city), reason: ' ' }] }),
      'FIELD_REQUIRED',
    );
    expect((await stateOf(h)).status).toBe('listed');
    const r = await h.executeUpdate(withdrawUpdate, { args: [falseReport(actors.city)] });
    expect(r.status).toBe('withdrawn');
    const step = t.recorder.steps(id).at(-1)!;
    expect(step).toMatchObject({ step: 'withdrawn', reason: '复查核实：报告不实' });
    expect(step.events).toEqual([
      {
        type: 'hazard.withdrawn',
        payload: expect.objectContaining({ kind: 'false', listingLevel: 'city', withdrawnAt: 'city', notifyLevel: 'province' }),
      },
    ]);
  });

  it('14.4 a township-listed hazard is withdrawn by the township, and the county is told', async () => {
    const id = 'W-town';
    const h = await listed(id, 'township');
    await h.executeUpdate(withdrawUpdate, {
      args: [{ actor: actors.township, kind: 'duplicate', reason: '与已上报隐患重复', duplicateOf: 'H-0001' }],
    });
    expect(t.recorder.steps(id).at(-1)!.events[0].payload).toMatchObject({
      kind: 'duplicate',
      duplicateOf: 'H-0001',
      withdrawnAt: 'township',
      notifyLevel: 'county',
    });
  });
});

describe('who may lift a production stop (复产)', () => {
  it('14.5 a stop ordered by the county is not lifted by the township; the county (or the city) lifts it', async () => {
    const id = 'S-county';
    const h = await listed(id, 'township');
    await h.executeUpdate(recordProductionStopUpdate, {
      args: [{ actor: actors.county, action: 'ordered', scope: '全厂', reason: '检查发现重大隐患' }],
    });
    await expectRefused(
      id,
      () =>
        h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.township, action: 'lifted', reason: '镇里认为可以复产' }] }),
      'LIFT_BELOW_ORDERING_LEVEL',
    );
    expect((await stateOf(h)).production.stopped).toBe(true);
    await h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.city, action: 'lifted', reason: '市级复查合格' }] });
    expect((await stateOf(h)).production).toMatchObject({ stopped: false });
    // A stop the enterprise declared in its plan is lifted by the supervisors, as before.
    await h.executeUpdate(submitPlanUpdate, {
      args: [{ actor: actors.enterprise, plan: PLAN, interimMeasures: '停用', productionStopped: true, stopScope: '1号线' }],
    });
    await h.executeUpdate(recordProductionStopUpdate, { args: [{ actor: actors.township, action: 'lifted', reason: '临时措施验收合格' }] });
    await h.executeUpdate(decidePlanUpdate, { args: [{ actor: actors.township, decision: 'approve' }] });
    expect((await stateOf(h)).production.changes.map((c) => [c.action, c.level ?? null])).toEqual([
      ['ordered', 'county'],
      ['lifted', 'city'],
      ['ordered', null],
      ['lifted', 'township'],
    ]);
  });
});
