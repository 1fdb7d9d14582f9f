/**
 * The chained tables. Each is one hash chain: rows in `chain_seq` order, each row's
 * `row_hmac` = HMAC(key, chain ‖ prev_hmac ‖ canonical content), `prev_hmac` = the previous
 * row's `row_hmac`. The canonical content is computed by PostgreSQL from the same expressions on
 * write and on verify, so jsonb normalisation and timestamp precision can never make them differ.
 */
export type ColumnType = 'bigint' | 'int' | 'text' | 'jsonb' | 'timestamptz';

export interface ChainColumn {
  name: string;
  type: ColumnType;
  /** Written as the transaction's now() (server time), not given by the caller. */
  serverNow?: boolean;
}

export type ChainName = 'hazard_history' | 'audit_log';

export interface ChainDefinition {
  name: ChainName;
  table: ChainName;
  /** The time the retention rule (12 months) is measured on. */
  timeColumn: string;
  /** Every content column, `id` first. */
  columns: ChainColumn[];
}

export const HISTORY_CHAIN: ChainDefinition = {
  name: 'hazard_history',
  table: 'hazard_history',
  timeColumn: 'recorded_at',
  columns: [
    { name: 'id', type: 'bigint' },
    { name: 'hazard_id', type: 'text' },
    { name: 'seq', type: 'int' },
    { name: 'step', type: 'text' },
    { name: 'actor_id', type: 'text' },
    { name: 'actor_role', type: 'text' },
    { name: 'actor', type: 'jsonb' },
    { name: 'at', type: 'timestamptz' },
    { name: 'from_status', type: 'text' },
    { name: 'to_status', type: 'text' },
    { name: 'reason', type: 'text' },
    { name: 'policy_version', type: 'text' },
    { name: 'data', type: 'jsonb' },
    { name: 'recorded_at', type: 'timestamptz', serverNow: true },
  ],
};

/** 等保 level 3: time (UTC), user, event type, object, result, source address (+ request id). */
export const AUDIT_CHAIN: ChainDefinition = {
  name: 'audit_log',
  table: 'audit_log',
  timeColumn: 'at',
  columns: [
    { name: 'id', type: 'bigint' },
    { name: 'at', type: 'timestamptz', serverNow: true },
    { name: 'user_id', type: 'text' },
    { name: 'username', type: 'text' },
    { name: 'event_type', type: 'text' },
    { name: 'object_type', type: 'text' },
    { name: 'object_id', type: 'text' },
    { name: 'result', type: 'text' },
    { name: 'http_status', type: 'int' },
    { name: 'source_ip', type: 'text' },
    { name: 'request_id', type: 'text' },
    { name: 'detail', type: 'jsonb' },
  ],
};

export const CHAINS: ChainDefinition[] = [HISTORY_CHAIN, AUDIT_CHAIN];

export function chainByName(name: string): ChainDefinition {
  const c = CHAINS.find((x) => x.name === name);
  if (!c) throw new Error(`unknown chain "${name}" (known: ${CHAINS.map((x) => x.name).join(', ')})`);
  return c;
}

/** The previous hash of a chain's first row. */
export const GENESIS_HMAC = '0'.repeat(64);

/** Retention: rows are kept at least this long; the database refuses to delete younger ones. */
export const RETENTION_MONTHS = 12;

/**
 * SQL for a row's canonical content: a jsonb array of its columns in a fixed order, as text.
 * `expr(column, index)` gives the SQL value of each column: the column itself when verifying,
 * a typed parameter when writing.
 */
export function canonicalSql(chain: ChainDefinition, expr: (c: ChainColumn, index: number) => string): string {
  const parts = chain.columns.map((c, i) => {
    const v = expr(c, i);
    // Timestamps as UTC text with microseconds, whatever the session's TimeZone is.
    return c.type === 'timestamptz' ? `to_char((${v}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `(${v})`;
  });
  return `jsonb_build_array(${parts.join(', ')})::text`;
}

/** The message a row's HMAC is computed over. */
export function sealMessage(chain: ChainName, prevHmac: string, canonical: string): string[] {
  return [`chain:${chain}`, prevHmac, canonical];
}
