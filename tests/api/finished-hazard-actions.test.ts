import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { hazardWorkflowId } from '@hazards/domain/hazard/hazard-workflow-id';
import { TemporalClientService } from '@hazards/temporal/temporal-client.module';
import { startApiTestContext, type ApiTestContext } from '@hazards/testing/api/api-test-context';
import { hazardIn, type HazardParties } from '@hazards/testing/fixtures/hazard-states';
import { TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { waitFor } from '@hazards/testing/polling';

/*
 * A hazard whose lifecycle has finished (signed off or withdrawn) still exists: an action on it
 * answers 409 "already closed", whatever Temporal says about the finished workflow (completed,
 * closing while the action arrived, or removed after the namespace's retention). Only a hazard
 * nobody knows answers 404.
 */

let ctx: ApiTestContext;
let parties: HazardParties;

beforeAll(async () => {
  ctx = await startApiTestContext();
  const { api, tree } = ctx;
  parties = {
    enterpriseId: tree.id.entA,
    enterprise: await api.login(tree.users.entA, TEST_PASSWORD),
    county: await api.login(tree.users.countyA, TEST_PASSWORD),
    township: '',
  };
}, 120_000);

afterAll(async () => {
  await ctx?.stop();
});

const withdraw = (id: string) =>
  ctx.api.call('POST', `/hazards/${id}/withdrawal`, { token: parties.county, body: { kind: 'false', reason: '核实为误报' } });

const HAZARD_CLOSED = {
  code: 'hazard_closed',
  message: expect.stringMatching(/已销号或已撤销/),
  messageEn: expect.stringMatching(/closed or withdrawn/),
};

describe('an action on a hazard whose lifecycle has finished', () => {
  it('answers 409 hazard_closed once Temporal no longer keeps the finished workflow (past retention), while an unknown hazard answers 404', async () => {
    const { id } = await hazardIn(ctx.api, parties, 'reported');
    expect((await withdraw(id)).status).toBe(200);
    // What the namespace's retention does to a closed workflow some days later, done now.
    const temporal = ctx.app.get(TemporalClientService);
    await temporal.client.workflowService.deleteWorkflowExecution({
      namespace: temporal.client.options.namespace,
      workflowExecution: { workflowId: hazardWorkflowId(id) },
    });
    // Deletion runs as a server task: wait until Temporal answers "not found".
    const handle = temporal.client.workflow.getHandle(hazardWorkflowId(id));
    await waitFor(
      "Temporal to remove the withdrawn hazard's workflow",
      () =>
        handle.describe().then(
          () => false,
          (err) => err instanceof WorkflowNotFoundError,
        ),
      100_000,
    );

    const again = await withdraw(id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject(HAZARD_CLOSED);
    // The hazard is still there to read.
    expect((await ctx.api.call('GET', `/hazards/${id}`, { token: parties.county })).body).toMatchObject({ status: 'withdrawn' });

    const unknown = await withdraw(randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
  }, 180_000);

  it('never answers 404 to actions racing the one that closes the hazard: one runs, the others are told it is closed', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await hazardIn(ctx.api, parties, 'reported')).id));
    for (const id of ids) {
      const answers = await Promise.all([withdraw(id), withdraw(id), withdraw(id)]);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200)) {
        expect(a.status).toBe(409);
        expect(['hazard_closed', 'wrong_state']).toContain(a.body.code);
      }
    }
  });
});
