import { DataSource } from 'typeorm';

/** A stored answer to an `Idempotency-Key`: null status while its first request is still running. */
export interface IdempotencyKeyRow {
  request_hash: string;
  status: number | null;
  response: unknown;
}

/**
 * The lease of an `Idempotency-Key` whose first request is still "in progress" (no answer stored):
 * the claim is its request's for `leaseMs` from `claimed_at`; after that a retry of the same
 * request takes it over, as the API instance that claimed it is taken to be dead.
 */
export interface LeaseOutcome {
  /** The caller owns the claim now and runs the request. */
  takenOver: boolean;
  /** While not taken over: whole seconds until the lease runs out (at least 1), for `Retry-After`. */
  retryAfterSeconds: number;
}

/** Idempotency keys (`idempotency_keys`), one row per user and key. */
export class IdempotencyRepository {
  constructor(private readonly ds: DataSource) {}

  /** True when this request took the key now; false when a row for it exists already. */
  async claim(userId: string, key: string, route: string, hash: string): Promise<boolean> {
    const inserted: unknown[] = await this.ds.query(
      `insert into idempotency_keys (user_id, key, route, request_hash) values ($1,$2,$3,$4) on conflict do nothing returning key`,
      [userId, key, route, hash],
    );
    return inserted.length > 0;
  }

  async find(userId: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    const rows: IdempotencyKeyRow[] = await this.ds.query(
      'select request_hash, status, response from idempotency_keys where user_id = $1 and key = $2',
      [userId, key],
    );
    return rows[0];
  }

  /** Stores the first request's answer, for the retries to get. */
  async answer(userId: string, key: string, status: number, response: unknown): Promise<void> {
    await this.ds.query('update idempotency_keys set status = $3, response = $4 where user_id = $1 and key = $2', [
      userId,
      key,
      status,
      JSON.stringify(response ?? null),
    ]);
  }

  /**
   * Renews a running request's claim (`claimed_at` = now): while its instance lives the lease never
   * runs out, however slow the request; an instance that died stops renewing and is taken over.
   */
  async renew(userId: string, key: string): Promise<void> {
    await this.ds.query('update idempotency_keys set claimed_at = now() where user_id = $1 and key = $2 and status is null', [userId, key]);
  }

  /** Releases a key whose first request failed (never one that has an answer). */
  async release(userId: string, key: string): Promise<void> {
    await this.ds.query('delete from idempotency_keys where user_id = $1 and key = $2 and status is null', [userId, key]);
  }

  /**
   * Takes over an expired in-progress claim of the same request (same hash), atomically: of retries
   * arriving together, one takes it; a claim that got its answer meanwhile is never taken.
   */
  async takeOverExpired(userId: string, key: string, hash: string, leaseMs: number): Promise<LeaseOutcome> {
    const rows: { taken: boolean; remaining_ms: string | null }[] = await this.ds.query(
      `with taken as (
       update idempotency_keys set claimed_at = now()
        where user_id = $1 and key = $2 and request_hash = $3 and status is null
          and claimed_at <= now() - make_interval(secs => $4::double precision / 1000)
       returning key)
     select exists (select 1 from taken) as taken,
            (select extract(epoch from (claimed_at + make_interval(secs => $4::double precision / 1000) - now())) * 1000
               from idempotency_keys where user_id = $1 and key = $2) as remaining_ms`,
      [userId, key, hash, leaseMs],
    );
    const remaining = Number(rows[0]?.remaining_ms ?? 0);
    return { takenOver: rows[0]?.taken === true, retryAfterSeconds: Math.max(1, Math.ceil(remaining / 1000)) };
  }
}
