import type { WorkflowHandle } from '@temporalio/client';
import { addWorkingDays } from '@hazards/domain/calendar/cn-calendar';
import { decideExtensionUpdate, requestExtensionUpdate } from '../../workflows/src';
import { gradeMajor, listAt, planApproved } from '@hazards/testing/workflows/hazard-steps';
import { actors, expectNear, refusalOf, sh, startHazard, stateOf } from '@hazards/testing/workflows/hazard-fixtures';
import { waitFor } from '@hazards/testing/polling';
import { useScenarioEnv } from '@hazards/testing/workflows/use-scenario-env';

// Monday 2025-06-09 09:00 Shanghai.
const t = useScenarioEnv(sh('2025-06-09', '09:00:00'));

async function rectifying(id: string, level: 'county' | 'city', deadlineWorkingDays?: number): Promise<WorkflowHandle> {
  const lister = level === 'county' ? actors.county : actors.city;
  const h = await startHazard(t, id);
  await gradeMajor(h, '起重伤害', '第九条');
  await listAt(h, level, deadlineWorkingDays ? { deadlineWorkingDays } : {});
  await planApproved(h, '限载运行', lister);
  return h;
}

const ask = (workingDays: number) => ({ actor: actors.enterprise, workingDays, reason: '起重设备改造需特种设备检验机构排期' });

/** Refused, and nothing written: no step, so no history row, seq or outbox event. */
async function expectRefused(id: string, run: () => Promise<unknown>, code: string): Promise<void> {
  const before = t.recorder.count(id);
  expect((await refusalOf(run)).code).toBe(code);
  expect(t.recorder.count(id)).toBe(before);
}

describe('extensions (延期) through the workflow', () => {
  it('14.1 a second extension request, after a first one decided in time, raises no false "decision overdue"; only its own window escalates', async () => {
    const id = 'E-stale-alarm';
    const h = await rectifying(id, 'county');
    await h.executeUpdate(requestExtensionUpdate, { args: [ask(20)] });
    const firstDue = (await stateOf(h)).deadlines.extensionDecisionDue!;
    await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    expect((await stateOf(h)).upcoming.map((u) => u.kind)).not.toContain('extension_decision_due');

    // Past the first request's old decision due, the enterprise asks again.
    await t.advanceTo(new Date(Date.parse(firstDue) + 24 * 3600_000));
    await h.executeUpdate(requestExtensionUpdate, { args: [ask(10)] });
    const secondDue = (await stateOf(h)).deadlines.extensionDecisionDue!;
    expect((await stateOf(h)).escalations.filter((e) => e.kind === 'extension_decision_overdue')).toEqual([]);
    expect((await stateOf(h)).upcoming.filter((u) => u.kind === 'extension_decision_due').map((u) => u.at)).toEqual([secondDue]);

    // Its own window, missed, escalates once, at its own due instant.
    await t.advanceTo(new Date(Date.parse(secondDue) + 3600_000));
    await waitFor(async () => (await stateOf(h)).escalations.some((e) => e.kind === 'extension_decision_overdue'));
    const overdue = (await stateOf(h)).escalations.filter((e) => e.kind === 'extension_decision_overdue');
    expect(overdue).toEqual([expect.objectContaining({ escalatedTo: 'city', detail: { decisionDue: secondDue } })]);
    expectNear(overdue[0].at, secondDue);
  });

  it('14.2 the count cap holds end to end: two approved extensions, the second escalated as repeated (escalateAtCount), a third refused and nothing written', async () => {
    const id = 'E-count-cap';
    const h = await rectifying(id, 'county');
    await h.executeUpdate(requestExtensionUpdate, { args: [ask(20)] });
    const one = await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    expect(t.recorder.events(id).filter((e) => e.type === 'escalation.raised')).toEqual([]);
    await h.executeUpdate(requestExtensionUpdate, { args: [ask(20)] });
    const two = await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.county, decision: 'approve' }] });
    expect(Date.parse(two.rectificationDeadline!)).toBeGreaterThan(Date.parse(one.rectificationDeadline!));
    const repeated = t.recorder.events(id).filter((e) => e.type === 'escalation.raised');
    expect(repeated).toEqual([
      expect.objectContaining({
        step: 'extension.approved',
        payload: expect.objectContaining({ kind: 'repeated_extension', escalatedTo: 'city', detail: { extensionCount: 2 } }),
      }),
    ]);
    expect(t.recorder.steps(id).at(-1)!.snapshot.extensionCount).toBe(2);

    await expectRefused(id, () => h.executeUpdate(requestExtensionUpdate, { args: [ask(5)] }), 'EXTENSION_CAP_REACHED');
    expect((await stateOf(h)).extensions).toHaveLength(2);
  });

  it('14.2 extensions never push the deadline past the policy maximum counted from listing (250 working days)', async () => {
    const id = 'E-ceiling';
    const listedAt = await t.now();
    const h = await rectifying(id, 'city', 240);
    await expectRefused(id, () => h.executeUpdate(requestExtensionUpdate, { args: [ask(20)] }), 'EXTENSION_BEYOND_CEILING');
    await h.executeUpdate(requestExtensionUpdate, { args: [ask(10)] });
    const r = await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actors.city, decision: 'approve' }] });
    expectNear(r.rectificationDeadline, addWorkingDays(listedAt, 250).toISOString());
    await expectRefused(id, () => h.executeUpdate(requestExtensionUpdate, { args: [ask(1)] }), 'EXTENSION_BEYOND_CEILING');
  });
});
