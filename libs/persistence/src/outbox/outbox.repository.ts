import type { EntityManager } from 'typeorm';

/** An outbox row (`outbox_events`): a domain event written with its lifecycle step, waiting to be published. */
export interface OutboxRow<Type extends string = string> {
  id: string;
  event_id: string;
  type: Type;
  hazard_id: string;
  occurred_at: Date;
  policy_version: string;
  payload: Record<string, unknown>;
}

/**
 * Claims up to `limit` unpublished rows, oldest first, inside the relay's transaction: `for update
 * skip locked`, so two relays never publish the same rows at once. Only hazards whose id starts
 * with `hazardPrefix` when one is given.
 */
export function claimUnpublished<Type extends string>(
  m: EntityManager,
  limit: number,
  hazardPrefix: string | null,
): Promise<OutboxRow<Type>[]> {
  return m.query(
    `select id, event_id, type, hazard_id, occurred_at, policy_version, payload from outbox_events
          where published_at is null and ($2::text is null or starts_with(hazard_id, $2)) order by id limit $1 for update skip locked`,
    [limit, hazardPrefix],
  );
}

/** In the claiming transaction, after the queue accepted the jobs. */
export async function markPublished(m: EntityManager, ids: string[]): Promise<void> {
  // clock_timestamp(): when the batch went to the queue, not when its transaction began.
  await m.query(`update outbox_events set published_at = clock_timestamp() where id = any($1::bigint[])`, [ids]);
}
