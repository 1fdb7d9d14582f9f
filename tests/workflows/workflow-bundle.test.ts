import { quietBundle } from '@hazards/testing/workflows/scenario-env';

/*
 * What every workflow carries: the bundle is evaluated for the hazards a worker keeps, so a heavy
 * dependency in it costs memory per hazard. zod (the notice and policy schemas) once came in with
 * the calendar copy's counting and tripled a worker's memory with 4,000 open hazards (README,
 * Performance: 510 MB -> 1.4 GB); pure domain code the workflows import must not import it.
 */
describe('the workflow bundle', () => {
  it('does not contain zod', async () => {
    const { code } = await quietBundle();
    expect(code).toContain('hazardLifecycleWorkflow');
    expect(code).not.toMatch(/node_modules\/zod\//);
  }, 120_000);
});
