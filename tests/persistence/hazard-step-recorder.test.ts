import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EarlierStepPending, HazardStepRecorder } from '@hazards/persistence/hazards/hazard-step.recorder';
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

describe('recording a lifecycle step: once, and in order', () => {
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

  it("a step's several events are queued in their order, and its retry writes no row and no event again", async () => {
    const recorder = new HazardStepRecorder(ds);
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    const escalated: RecordStepInput = {
      ...step(id, 2, 'rectifying', 'escalated'),
      events: [
        { type: 'escalation.raised', payload: { stage: 1 } },
        { type: 'accountability.traced', payload: { stage: 1 } },
      ],
    };
    expect(await recorder.record(escalated)).toEqual({ applied: true });
    expect(await recorder.record(escalated)).toEqual({ applied: false });
    const outbox = await ds.query('select event_id, type, payload from outbox_events where hazard_id = $1 order by id', [id]);
    expect(outbox).toEqual([
      { event_id: `${id}:1:0`, type: 'hazard.reported', payload: { seq: 1 } },
      { event_id: `${id}:2:0`, type: 'escalation.raised', payload: { stage: 1 } },
      { event_id: `${id}:2:1`, type: 'accountability.traced', payload: { stage: 1 } },
    ]);
    expect(await ds.query('select seq from hazard_history where hazard_id = $1 order by seq', [id])).toEqual([{ seq: 1 }, { seq: 2 }]);
  });

  it("a step already committed is found without a lock: its retry never queues on the archive's chain head", async () => {
    const recorder = new HazardStepRecorder(ds);
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    await recorder.record(step(id, 2, 'rectifying', 'graded'));
    // Another session holds the chain head, as a write queued ahead would: a retry that took it would wait here.
    const holder = ds.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query("select 1 from archive_chain_heads where chain = 'hazard_history' for update");
      const within = <T>(p: Promise<T>) =>
        Promise.race([p, new Promise<string>((res) => setTimeout(() => res('waited on the chain head'), 3_000))]);
      expect(await within(recorder.record(step(id, 1, 'reported', 'reported')))).toEqual({ applied: false });
      expect(await within(recorder.record(step(id, 2, 'rectifying', 'graded')))).toEqual({ applied: false });
      expect(await within(recorder.recordAll([step(id, 2, 'rectifying', 'graded')]))).toEqual({ left: 0 });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
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

  const written = async (id: string) => ({
    history: (await ds.query('select seq from hazard_history where hazard_id = $1 order by chain_seq', [id])).map(
      (r: { seq: number }) => r.seq,
    ),
    events: (await ds.query('select event_id from outbox_events where hazard_id = $1 order by id', [id])).map(
      (r: { event_id: string }) => r.event_id,
    ),
    row: (await ds.query('select last_seq from hazards where id = $1', [id]))[0] ?? null,
  });

  /** A recorder that waits 300 ms for an earlier step (the activity's 5 s and the API's 250 ms are the apps'). */
  const impatient = () => new HazardStepRecorder(ds, undefined, { patienceMs: 300, answeredPatienceMs: 300 });

  it('a step whose predecessor is not written is refused and writes nothing; written after it, it lands', async () => {
    const recorder = impatient();
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    // Step 2 (an alarm's write, say) has not committed; step 3 (an answered action) must not land before it.
    await expect(recorder.record(step(id, 3, 'closed', 'reviewed'))).rejects.toBeInstanceOf(EarlierStepPending);
    expect(await written(id)).toEqual({ history: [1], events: [`${id}:1:0`], row: { last_seq: 1 } });
    expect(await recorder.record(step(id, 2, 'rectifying', 'graded'))).toEqual({ applied: true });
    expect(await recorder.record(step(id, 3, 'closed', 'reviewed'))).toEqual({ applied: true });
    expect(await written(id)).toEqual({
      history: [1, 2, 3],
      events: [`${id}:1:0`, `${id}:2:0`, `${id}:3:0`],
      row: { last_seq: 3 },
    });
  });

  it('two writes of one hazard in flight at once commit in their order, whichever starts first', async () => {
    const recorder = new HazardStepRecorder(ds);
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    // The later step starts first and waits (briefly) for the earlier one, which starts a moment after.
    const later = recorder.record(step(id, 3, 'closed', 'reviewed'));
    await new Promise((r) => setTimeout(r, 30));
    const earlier = recorder.record(step(id, 2, 'rectifying', 'graded'));
    expect(await Promise.all([later, earlier])).toEqual([{ applied: true }, { applied: true }]);
    const w = await written(id);
    expect(w.history).toEqual([1, 2, 3]); // sealed into the archive chain in seq order
    expect(w.events).toEqual([`${id}:1:0`, `${id}:2:0`, `${id}:3:0`]);
    expect(w.row).toEqual({ last_seq: 3 });
    const [closed] = await ds.query('select status from hazards where id = $1', [id]);
    expect(closed.status).toBe('closed');
  });

  it("an action's answered steps wait briefly for an earlier step still in flight; past that the hazard row shows the action at once, and the history follows in order", async () => {
    const recorder = impatient();
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    // The API writes what the workflow answered (steps 3 and 4) while step 2 is still its activity's: it writes no
    // history row out of order, and does not fail the user's action for it; a read of the hazard shows the action.
    const answered = [step(id, 3, 'rectifying', 'graded'), step(id, 4, 'closed', 'reviewed')];
    await expect(recorder.recordAll(answered)).resolves.toEqual({ left: 2 });
    expect(await written(id)).toEqual({ history: [1], events: [`${id}:1:0`], row: { last_seq: 4 } });
    expect((await ds.query('select status from hazards where id = $1', [id]))[0].status).toBe('closed');
    // Step 2 lands while the API waits: the answered steps follow it.
    const waiting = new HazardStepRecorder(ds, undefined, { answeredPatienceMs: 5_000 }).recordAll(answered);
    await recorder.record(step(id, 2, 'rectifying', 'graded'));
    await expect(waiting).resolves.toEqual({ left: 0 });
    expect(await written(id)).toEqual({
      history: [1, 2, 3, 4],
      events: [`${id}:1:0`, `${id}:2:0`, `${id}:3:0`, `${id}:4:0`],
      row: { last_seq: 4 },
    });
  });

  it('a later step is refused while the hazard has no row yet (its report not written)', async () => {
    const id = randomUUID();
    await expect(impatient().record(step(id, 2, 'rectifying', 'graded'))).rejects.toBeInstanceOf(EarlierStepPending);
    expect(await written(id)).toEqual({ history: [], events: [], row: null });
  });

  it('a step left behind by the old rule (a later one committed first) is still written, the newer row kept', async () => {
    const recorder = impatient();
    const id = randomUUID();
    await recorder.record(step(id, 1, 'reported', 'reported'));
    await recorder.record(step(id, 2, 'rectifying', 'graded'));
    // Before the rule, step 4 could commit ahead of step 3: the row says 4, the history lacks 3.
    await ds.query(`update hazards set last_seq = 4, status = 'closed' where id = $1`, [id]);
    expect(await recorder.record(step(id, 3, 'submitted', 'completion.submitted'))).toEqual({ applied: true });
    const w = await written(id);
    expect(w.history).toEqual([1, 2, 3]);
    expect(w.events).toEqual([`${id}:1:0`, `${id}:2:0`, `${id}:3:0`]);
    expect(w.row).toEqual({ last_seq: 4 });
    expect((await ds.query('select status from hazards where id = $1', [id]))[0].status).toBe('closed');
  });
});
