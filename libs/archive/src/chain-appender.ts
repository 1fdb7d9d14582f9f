import type { DataSource } from 'typeorm';
import type { ArchiveKey } from './archive-key';
import { canonicalSql, ChainColumn, ChainDefinition, sealMessage } from './chain-definitions';

/** Anything that runs SQL: a TypeORM EntityManager or QueryRunner inside a transaction. */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<any>;
}

export interface SealedRow {
  id: string;
  chainSeq: number;
  prevHmac: string;
  rowHmac: string;
}

const cast = (c: ChainColumn, n: number) => `$${n}::${c.type}`;

function encode(c: ChainColumn, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (c.type === 'jsonb') return JSON.stringify(v);
  if (c.type === 'timestamptz') return v instanceof Date ? v.toISOString() : String(v);
  return v;
}

/**
 * Appends one row to a chained table, sealed: the caller's transaction takes the chain's head
 * row FOR UPDATE, computes the HMAC over the previous row's hash and the new row's canonical
 * content, inserts the row with its seal and moves the head, all before it commits. Appends to
 * one chain are therefore serialized; take the head last in the transaction so that it is held
 * only for the insert and the commit.
 */
export class ChainAppender {
  private readonly statements = new Map<string, { canonical: string; insert: string; given: ChainColumn[] }>();

  constructor(private readonly key: ArchiveKey) {}

  /**
   * Must run inside a transaction. `onConflict` (e.g. `on conflict (hazard_id, seq) do nothing`)
   * lets an idempotent writer find out that the row exists: it then returns null and writes nothing.
   */
  async append(tx: SqlExecutor, chain: ChainDefinition, values: Record<string, unknown>, onConflict = ''): Promise<SealedRow | null> {
    const s = this.prepare(chain, values, onConflict);
    const params = s.given.map((c) => encode(c, values[c.name]));
    // 1. The id and the canonical content, computed by PostgreSQL before the head is taken.
    const [pre]: { id: string; canonical: string }[] = await tx.query(s.canonical, params);
    // 2. The head: waits for the previous append to commit.
    const [head]: { seq: string; hmac: string }[] = await tx.query(
      'select seq::text as seq, hmac from archive_chain_heads where chain = $1 for update',
      [chain.name],
    );
    if (!head) throw new Error(`archive: no chain head for ${chain.name} (migration 1764300300000-archive not applied?)`);
    const chainSeq = Number(head.seq) + 1;
    const rowHmac = this.key.mac(...sealMessage(chain.name, head.hmac, pre.canonical));
    // 3. The row with its seal, and the head moved, in one statement.
    const [done]: { n: number }[] = await tx.query(s.insert, [...params, pre.id, chainSeq, head.hmac, rowHmac, chain.name]);
    if (done.n === 0) return null;
    return { id: pre.id, chainSeq, prevHmac: head.hmac, rowHmac };
  }

  /** One row in a transaction of its own (the audit log). */
  appendAlone(ds: DataSource, chain: ChainDefinition, values: Record<string, unknown>): Promise<SealedRow | null> {
    return ds.transaction((m) => this.append(m, chain, values));
  }

  private prepare(chain: ChainDefinition, values: Record<string, unknown>, onConflict: string) {
    // Server-time columns use now() unless the caller gives a value (e.g. a migration re-sealing).
    const given = chain.columns.filter((c) => c.name !== 'id' && !(c.serverNow && values[c.name] === undefined));
    const cacheKey = `${chain.name}|${given.map((c) => c.name).join(',')}|${onConflict}`;
    const cached = this.statements.get(cacheKey);
    if (cached) return cached;
    const position = new Map(given.map((c, i) => [c.name, i + 1]));
    const valueSql = (c: ChainColumn, idSql: string) =>
      c.name === 'id' ? idSql : position.has(c.name) ? cast(c, position.get(c.name)!) : 'now()';
    const canonical = `select x.id::text as id, ${canonicalSql(chain, (c) => valueSql(c, 'x.id'))} as canonical
      from (select nextval(pg_get_serial_sequence('${chain.table}', 'id')) as id) x`;
    const n = given.length;
    const idParam = `$${n + 1}::bigint`;
    const insert = `with ins as (
        insert into ${chain.table} (${chain.columns.map((c) => c.name).join(', ')}, chain_seq, prev_hmac, row_hmac)
        values (${chain.columns.map((c) => valueSql(c, idParam)).join(', ')}, $${n + 2}::bigint, $${n + 3}::text, $${n + 4}::text)
        ${onConflict}
        returning id),
      head as (
        update archive_chain_heads set seq = $${n + 2}::bigint, hmac = $${n + 4}::text, updated_at = now()
        where chain = $${n + 5}::text and exists (select 1 from ins) returning seq)
      select (select count(*) from head)::int as n`;
    const prepared = { canonical, insert, given };
    this.statements.set(cacheKey, prepared);
    return prepared;
  }
}
