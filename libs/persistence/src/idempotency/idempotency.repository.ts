import { DataSource } from 'typeorm';

/** A stored answer to an `Idempotency-Key`: null status while its first request is still running. */
export interface IdempotencyKeyRow {
  request_hash: string;
  status: number | null;
  response: unknown;
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

  /** Releases a key whose first request failed (never one that has an answer). */
  async release(userId: string, key: string): Promise<void> {
    await this.ds.query('delete from idempotency_keys where user_id = $1 and key = $2 and status is null', [userId, key]);
  }
}
