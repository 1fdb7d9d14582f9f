import { DataSource, type EntityManager } from 'typeorm';
import { retryWhile } from '@hazards/concurrency';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { HISTORY_CHAIN } from '@hazards/archive/chain-definitions';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';

/** Thrown inside the transaction to undo it when another writer (the activity's retry, the API's `recordAll`) committed the step first. */
class AlreadyRecorded extends Error {}

/**
 * The step before this one is not written yet (its write still in flight): steps commit in their
 * order, so this one waits. The activity is retried by Temporal after `record`'s own short waits.
 */
export class EarlierStepPending extends Error {
  constructor(
    readonly hazardId: string,
    readonly seq: number,
  ) {
    super(
      `隐患 ${hazardId} 的第 ${seq - 1} 步尚未记录，第 ${seq} 步稍后重试 / step ${seq - 1} of hazard ${hazardId} is not recorded yet; step ${seq} is retried`,
    );
    this.name = 'EarlierStepPending';
  }
}

export const isEarlierStepPending = (err: unknown): err is EarlierStepPending => err instanceof EarlierStepPending;

/** How long a write waits for the step before it to be committed. */
export interface StepOrderOptions {
  /** The activity (`record`), before it fails and Temporal tries it again in a second: 5 s by default. */
  patienceMs?: number;
  /**
   * The API (`recordAll`), before it leaves the answered steps' history to their activities and puts
   * only the hazard row forward: 250 ms by default, so an action is not held up by an earlier step.
   */
  answeredPatienceMs?: number;
}

/** Calls `write` again while the step before is not committed (pauses of 20, 40, 60 … ms), within the patience. */
const afterEarlierSteps = <T>(write: () => Promise<T>, patienceMs: number): Promise<T> =>
  retryWhile(write, isEarlierStepPending, { attempts: Infinity, pauseMs: 20, withinMs: patienceMs });

/**
 * Writes one lifecycle step: the history row, the current hazard row and the step's outbox
 * events, in one transaction. The history row is unique on (hazard, seq): when it already
 * exists the step was written by an earlier attempt, and nothing else is written again.
 *
 * Steps commit in their order (seq n only after seq n-1): the hazard's history never shows a gap,
 * and its outbox events are relayed in the order they happened. Two writes of one hazard can be in
 * flight at once (an action answered while an alarm's step is being written): the later one waits
 * on the hazard row, or, when the earlier has not begun, fails with `EarlierStepPending`.
 *
 * The history row is sealed into the archive's hash chain (建档备案) in the same transaction.
 * Sealing serializes appends on the chain head, so the row is appended last: the head is held
 * only for that insert and the commit.
 */
export class HazardStepRecorder {
  private readonly chain: ChainAppender;
  private readonly patienceMs: number;
  private readonly answeredPatienceMs: number;

  constructor(
    private readonly ds: DataSource,
    key: ArchiveKey = ArchiveKey.fromEnv(),
    order: StepOrderOptions = {},
  ) {
    this.chain = new ChainAppender(key);
    this.patienceMs = order.patienceMs ?? 5_000;
    this.answeredPatienceMs = order.answeredPatienceMs ?? 250;
  }

  async record(input: RecordStepInput): Promise<{ applied: boolean }> {
    return afterEarlierSteps(() => this.writeOnce(input), this.patienceMs);
  }

  /**
   * The steps a user action answered with (patch `answer-with-steps`), in order. The workflow's
   * activity writes the same steps: whichever commits first writes, the other finds the row. When
   * an earlier step is still being written by its activity (the report's, an alarm's) past a short
   * wait, the hazard row alone is put forward to the newest answered snapshot, so a read after the
   * answer shows the action; the history rows and events are left to the activities, which write
   * them in order (`left` counts them).
   */
  async recordAll(steps: readonly RecordStepInput[] = []): Promise<{ left: number }> {
    for (const [i, step] of steps.entries()) {
      try {
        await afterEarlierSteps(() => this.writeOnce(step), this.answeredPatienceMs);
      } catch (err) {
        if (!isEarlierStepPending(err)) throw err;
        await this.ds.transaction((m) => this.putRowForward(m, steps[steps.length - 1]));
        return { left: steps.length - i };
      }
    }
    return { left: 0 };
  }

  /**
   * Looks first, outside any transaction, at this step's history row and the one before. A step
   * already committed (a retry, or the activity writing an action's step the API wrote) costs that
   * one read and takes no lock: the archive's chain head, which every write queues on, is never
   * touched for it. A predecessor already committed needs no wait on the hazard row either.
   */
  private async writeOnce(input: RecordStepInput): Promise<{ applied: boolean }> {
    const committed = await this.committedAround(this.ds, input);
    if (committed.has(input.seq)) return { applied: false };
    try {
      return await this.write(input, input.seq === 1 || committed.has(input.seq - 1));
    } catch (err) {
      if (err instanceof AlreadyRecorded) return { applied: false };
      throw err;
    }
  }

  private write(input: RecordStepInput, predecessorCommitted: boolean): Promise<{ applied: boolean }> {
    return this.ds.transaction(async (m) => {
      if (!predecessorCommitted) await this.afterItsPredecessor(m, input);
      await this.putRowForward(m, input);

      if (input.events.length > 0) await this.queueEvents(m, input);
      const sealed = await this.chain.append(
        m,
        HISTORY_CHAIN,
        {
          hazard_id: input.hazardId,
          seq: input.seq,
          step: input.step,
          actor_id: input.actor.userId,
          actor_role: input.actor.role,
          actor: input.actor,
          at: input.at,
          from_status: input.fromStatus,
          to_status: input.toStatus,
          reason: input.reason ?? null,
          policy_version: input.policyVersion,
          data: input.data,
        },
        'on conflict (hazard_id, seq) do nothing',
      );
      // Another writer of the step (the activity's other attempt, the API's recordAll) committed it since the look: undo this one's writes.
      if (!sealed) throw new AlreadyRecorded();
      return { applied: true };
    });
  }

  /**
   * The step before was not committed at the look: takes the hazard row's lock (waiting for a write
   * of that step, which holds it from its row update to its commit), then reads both history rows
   * again. This step's row committed meanwhile: nothing is written again. The step before still not
   * committed: this one waits (`EarlierStepPending`). A step left behind by the old rule, which let
   * steps commit out of order, finds its predecessor and is still written; the newer row is kept.
   */
  private async afterItsPredecessor(m: EntityManager, input: RecordStepInput): Promise<void> {
    await m.query('select 1 from hazards where id = $1 for update', [input.hazardId]);
    const committed = await this.committedAround(m, input);
    if (committed.has(input.seq)) throw new AlreadyRecorded();
    if (!committed.has(input.seq - 1)) throw new EarlierStepPending(input.hazardId, input.seq);
  }

  /** Which of this step's and the step before's history rows are committed, in one read. */
  private async committedAround(q: Pick<EntityManager, 'query'>, input: RecordStepInput): Promise<Set<number>> {
    const rows: { seq: number }[] = await q.query('select seq from hazard_history where hazard_id = $1 and seq in ($2 - 1, $2)', [
      input.hazardId,
      input.seq,
    ]);
    return new Set(rows.map((r) => r.seq));
  }

  /** The step's outbox events in one statement; each id is (hazard, seq, index), so a repeat adds none. */
  private async queueEvents(m: EntityManager, input: RecordStepInput): Promise<void> {
    const values = input.events.map((_, i) => `($${i * 3 + 4}, $${i * 3 + 5}, $1, $2, $3, $${i * 3 + 6})`);
    const params = input.events.flatMap((event, index) => [`${input.hazardId}:${input.seq}:${index}`, event.type, event.payload]);
    await m.query(
      `insert into outbox_events (event_id, type, hazard_id, occurred_at, policy_version, payload)
       values ${values.join(', ')} on conflict (event_id) do nothing`,
      [input.hazardId, input.at, input.policyVersion, ...params],
    );
  }

  /** The hazard row (the read model) to this step's snapshot, unless it already shows this step or a later one. */
  private async putRowForward(m: EntityManager, input: RecordStepInput): Promise<void> {
    const s = input.snapshot;
    const path = s.jurisdictionPath;
    await m.query(
      `insert into hazards
           (id, status, grade, listing_level, enterprise_id, jurisdiction_path, city_id, county_id, township_id, grid_id,
            source, description, industry, accident_type, reported_at, current_deadline, rectification_deadline,
            escalation_stage, extension_count, rejection_count, production_stopped, heavier_accountability, closed_at,
            policy_version, last_seq, detail, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26, now())
         on conflict (id) do update set
           status = excluded.status, grade = excluded.grade, listing_level = excluded.listing_level,
           enterprise_id = excluded.enterprise_id, jurisdiction_path = excluded.jurisdiction_path,
           city_id = excluded.city_id, county_id = excluded.county_id, township_id = excluded.township_id,
           grid_id = excluded.grid_id, source = excluded.source, description = excluded.description,
           industry = excluded.industry, accident_type = excluded.accident_type, reported_at = excluded.reported_at,
           current_deadline = excluded.current_deadline, rectification_deadline = excluded.rectification_deadline,
           escalation_stage = excluded.escalation_stage, extension_count = excluded.extension_count,
           rejection_count = excluded.rejection_count, production_stopped = excluded.production_stopped,
           heavier_accountability = excluded.heavier_accountability, closed_at = excluded.closed_at,
           policy_version = excluded.policy_version, last_seq = excluded.last_seq, detail = excluded.detail,
           updated_at = now()
         where hazards.last_seq < excluded.last_seq`,
      [
        s.hazardId,
        s.status,
        s.grade,
        s.listingLevel,
        s.enterpriseId,
        `/${path.join('/')}/`,
        path[0] ?? null,
        path[1] ?? null,
        path[2] ?? null,
        path[3] ?? null,
        s.source,
        s.description,
        s.industry,
        s.accidentType,
        s.reportedAt,
        s.currentDeadline,
        s.rectificationDeadline,
        s.escalationStage,
        s.extensionCount,
        s.rejectionCount,
        s.productionStopped,
        s.heavierAccountability,
        s.closedAt,
        s.policyVersion,
        input.seq,
        s.detail,
      ],
    );
  }
}
