import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { HazardStepRecorder } from '@hazards/persistence/hazards/hazard-step.recorder';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { reportedSnapshot } from '@hazards/testing/fixtures/hazard-snapshot';

function step(hazardId: string, seq: number, status: RecordStepInput['toStatus'], step: string): RecordStepInput {
  const at = new Date(Date.UTC(2026, 0, 5, 2, seq)).toISOString();
  return {
    hazardId,
    seq,
    step,
    at,
    actor: { userId: 'u1', role: 'supervisor', name: '甲镇安监' },
    fromStatus: null,
    toStatus: status,
    policyVersion: 'v1',
    data: { n: seq },
    snapshot: reportedSnapshot({
      hazardId,
      status,
      policyVersion: 'v1',
      enterpriseId: 'ent-x',
      jurisdictionPath: ['c', 'k', 't', 'g'],
      source: '企业自查',
      description: '配电箱未接地',
      reportedAt: at,
    }),
    events: [{ type: step === 'reported' ? 'hazard.reported' : 'hazard.graded', payload: { seq } }],
  };
}

describe('recording a lifecycle step: an activity that runs twice writes once', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it('a retried step leaves one history row and one outbox event, and reports that it did nothing', async () => {
    const recorder = new HazardStepRecorder(ds);
    const id = randomUUID();
    expect(await recorder.record(step(id, 1, 'reported', 'reported'))).toEqual({ applied: true });
    expect(await recorder.record(step(id, 1, 'reported', 'reported'))).toEqual({ applied: false });
    const history = await ds.query('select seq from hazard_history where hazard_id = $1', [id]);
    const outbox = await ds.query('select event_id, type from outbox_events where hazard_id = $1', [id]);
    expect(history).toHaveLength(1);
    expect(outbox).toEqual([{ event_id: `${id}:1:0`, type: 'hazard.reported' }]);
  });

  it('a late retry of an older step never rolls the hazard row back', async () => {
    const recorder = new HazardStepRecorder(ds);
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    await recorder.record(step(id, 2, 'rectifying', 'graded'));
    // Step 1's row already exists, so its retry is skipped entirely; even a first write of an
    // older step (out of order) must not overwrite the newer state.
    await ds.query('delete from hazard_history where hazard_id = $1 and seq = 1', [id]).catch(() => undefined);
    await recorder.record(step(id, 1, 'reported', 'reported'));
    const [row] = await ds.query('select status, last_seq from hazards where id = $1', [id]);
    expect(row).toEqual({ status: 'rectifying', last_seq: 2 });
  });
});
