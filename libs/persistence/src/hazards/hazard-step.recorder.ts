import { DataSource, type EntityManager } from 'typeorm';
import { retryWhile } from '@hazards/concurrency';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { ChainAppender } from '@hazards/archive/chain-appender';
import { HISTORY_CHAIN } from '@hazards/archive/chain-definitions';
import type { RecordStepInput } from '@hazards/temporal/hazard-activities';

/** Thrown inside the transaction to undo it when a concurrent attempt wrote the step first. */
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
    const exists: unknown[] = await this.ds.query('select 1 from hazard_history where hazard_id = $1 and seq = $2', [
      input.hazardId,
      input.seq,
    ]);
    if (exists.length > 0) return { applied: false };
    return afterEarlierSteps(() => this.writeOnce(input), this.patienceMs);
  }

  /**
   * The steps a user action answered with (patch `answer-with-steps`), in order. The workflow's
   * activity writes the same steps: whichever commits first writes, the other finds the row.
   * Written without `record`'s look first: a step just decided is almost never there yet, and the
   * write itself undoes everything when it is. When an earlier step is still being written by its
   * activity (the report's, an alarm's) past a short wait, the hazard row alone is put forward to
   * the newest answered snapshot, so a read after the answer shows the action; the history rows and
   * events are left to the activities, which write them in order (`left` counts them).
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

  private async writeOnce(input: RecordStepInput): Promise<{ applied: boolean }> {
    try {
      return await this.write(input);
    } catch (err) {
      if (err instanceof AlreadyRecorded) return { applied: false };
      throw err;
    }
  }

  private write(input: RecordStepInput): Promise<{ applied: boolean }> {
    return this.ds.transaction(async (m) => {
      if (input.seq > 1) await this.afterItsPredecessor(m, input);
      await this.putRowForward(m, input);

      for (const [index, event] of input.events.entries()) {
        await m.query(
          `insert into outbox_events (event_id, type, hazard_id, occurred_at, policy_version, payload)
           values ($1,$2,$3,$4,$5,$6) on conflict (event_id) do nothing`,
          [`${input.hazardId}:${input.seq}:${index}`, event.type, input.hazardId, input.at, input.policyVersion, event.payload],
        );
      }
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
      // A concurrent attempt of the same activity got there first: undo this one's writes.
      if (!sealed) throw new AlreadyRecorded();
      return { applied: true };
    });
  }

  /**
   * Takes the hazard row's lock (waiting for a write of the step before, when it holds it) and
   * checks that step's history row is committed. A step past it already is a retry (the history
   * insert finds its row and undoes all) or one left behind by the old rule, which let steps commit
   * out of order: its history row and events are still written, the newer row kept.
   */
  private async afterItsPredecessor(m: EntityManager, input: RecordStepInput): Promise<void> {
    await m.query('select 1 from hazards where id = $1 for update', [input.hazardId]);
    const before: unknown[] = await m.query('select 1 from hazard_history where hazard_id = $1 and seq = $2', [
      input.hazardId,
      input.seq - 1,
    ]);
    if (before.length === 0) throw new EarlierStepPending(input.hazardId, input.seq);
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
