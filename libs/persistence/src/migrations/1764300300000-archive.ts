import { MigrationInterface, QueryRunner } from 'typeorm';
import { ArchiveKey } from '@hazards/archive/archive-key';
import { canonicalSql, CHAINS, GENESIS_HMAC, RETENTION_MONTHS, sealMessage } from '@hazards/archive/chain-definitions';

const CHAINED = CHAINS.map((c) => c.table);
/** Insert-only like the chained tables: the purge checkpoints the verifier starts from. */
const PROTECTED = [...CHAINED, 'archive_checkpoints'];

/**
 * The archive (建档备案): a hash chain over the history and audit rows, and no edits.
 * - each chained row gets `chain_seq` (its position), `prev_hmac` and `row_hmac`; the HMAC is
 *   computed by the application with a key from configuration, never in the database;
 * - `archive_chain_heads`: one row per chain, locked FOR UPDATE by each append (the total order);
 * - UPDATE, DELETE and TRUNCATE are revoked from every role but the owner, and a trigger refuses
 *   them for everyone (the owner and superusers included) except `archive_purge`, which deletes
 *   only rows older than 12 months and leaves a checkpoint.
 * Rows written before this migration are sealed here, in id order.
 */
export class Archive1764300300000 implements MigrationInterface {
  name = 'Archive1764300300000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of CHAINED) {
      await q.query(`alter table ${t} add column chain_seq bigint, add column prev_hmac text, add column row_hmac text`);
      await q.query(`create unique index uq_${t}_chain_seq on ${t} (chain_seq)`);
    }
    await q.query(`
      create table archive_chain_heads (
        chain text primary key,
        seq bigint not null,
        hmac text not null,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table archive_checkpoints (
        id bigserial primary key,
        chain text not null,
        through_seq bigint not null,
        through_hmac text not null,
        purged_rows bigint not null,
        cutoff timestamptz not null,
        purged_at timestamptz not null default now(),
        mac text not null,
        constraint uq_archive_checkpoint unique (chain, through_seq)
      )`);
    await this.sealExistingRows(q);

    // Refuses every UPDATE, DELETE and TRUNCATE, except a DELETE by archive_purge of a row
    // older than the retention period (TG_ARGV[0] names the row's time column).
    await q.query(`
      create function archive_refuse_change() returns trigger language plpgsql as $$
      begin
        if TG_OP = 'DELETE' and TG_NARGS > 0
           and current_setting('archive.purging', true) = TG_TABLE_NAME
           and (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz < now() - interval '${RETENTION_MONTHS} months' then
          return OLD;
        end if;
        raise exception 'archive: % on % refused: archived records are append-only (建档记录只增不改)', TG_OP, TG_TABLE_NAME
          using errcode = 'insufficient_privilege',
                hint = 'Old rows leave only through archive_purge (npm run cli -- audit purge), after ${RETENTION_MONTHS} months.';
      end $$`);
    for (const c of CHAINS) {
      await q.query(`create trigger trg_${c.table}_append_only before update or delete on ${c.table}
                     for each row execute function archive_refuse_change('${c.timeColumn}')`);
    }
    await q.query(`create trigger trg_archive_checkpoints_append_only before update or delete on archive_checkpoints
                   for each row execute function archive_refuse_change()`);
    for (const t of PROTECTED) {
      await q.query(
        `create trigger trg_${t}_no_truncate before truncate on ${t} for each statement execute function archive_refuse_change()`,
      );
    }

    // The only deletion path. SECURITY DEFINER: runs as the owner, so the apps' role needs no
    // DELETE privilege; it re-checks the retention rule itself whatever the caller checked.
    await q.query(`
      create function archive_purge(p_chain text, p_cutoff timestamptz, p_through_seq bigint, p_through_hmac text, p_mac text)
      returns bigint language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        v_time_column text;
        v_young bigint;
        v_hmac text;
        v_count bigint;
      begin
        v_time_column := case p_chain ${CHAINS.map((c) => `when '${c.table}' then '${c.timeColumn}'`).join(' ')} end;
        if v_time_column is null then
          raise exception 'archive: unknown chain %', p_chain using errcode = 'invalid_parameter_value';
        end if;
        if p_cutoff > now() - interval '${RETENTION_MONTHS} months' then
          raise exception 'archive: refused, records are kept at least ${RETENTION_MONTHS} months (cutoff % is too recent)', p_cutoff
            using errcode = 'insufficient_privilege';
        end if;
        perform 1 from archive_chain_heads where chain = p_chain for update;
        execute format('select count(*) from %I where chain_seq <= $1 and %I >= $2', p_chain, v_time_column)
          into v_young using p_through_seq, p_cutoff;
        if v_young > 0 then
          raise exception 'archive: refused, % rows up to position % are younger than the cutoff', v_young, p_through_seq
            using errcode = 'insufficient_privilege';
        end if;
        execute format('select row_hmac from %I where chain_seq = $1', p_chain) into v_hmac using p_through_seq;
        if v_hmac is distinct from p_through_hmac then
          raise exception 'archive: the row at position % is not the one sealed with the given hash', p_through_seq
            using errcode = 'invalid_parameter_value';
        end if;
        perform set_config('archive.purging', p_chain, true);
        execute format('delete from %I where chain_seq <= $1', p_chain) using p_through_seq;
        get diagnostics v_count = row_count;
        perform set_config('archive.purging', '', true);
        insert into archive_checkpoints (chain, through_seq, through_hmac, purged_rows, cutoff, mac)
        values (p_chain, p_through_seq, p_through_hmac, v_count, p_cutoff, p_mac);
        return v_count;
      end $$`);

    // Every role that may change the rows loses that right; found dynamically, so whatever
    // the apps' role is called (and PUBLIC), it is covered.
    const grantees: { grantee: string }[] = await q.query(
      `select distinct grantee from information_schema.role_table_grants
       where table_schema = current_schema() and table_name = any($1) and grantee <> current_user
         and privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')`,
      [PROTECTED],
    );
    for (const t of PROTECTED) {
      await q.query(`revoke update, delete, truncate on ${t} from public`);
      for (const g of grantees) await q.query(`revoke update, delete, truncate on ${t} from ${ident(g.grantee)}`);
    }
    await q.query('revoke all on function archive_purge(text, timestamptz, bigint, text, text) from public');
    const appRoles: { grantee: string }[] = await q.query(
      `select distinct grantee from information_schema.role_table_grants
       where table_schema = current_schema() and table_name = 'hazard_history' and grantee <> current_user and privilege_type = 'INSERT'`,
    );
    for (const g of appRoles)
      await q.query(`grant execute on function archive_purge(text, timestamptz, bigint, text, text) to ${ident(g.grantee)}`);
  }

  /** Rows from before the archive existed are sealed in id order, with the configured key. */
  private async sealExistingRows(q: QueryRunner): Promise<void> {
    let key: ArchiveKey | null = null;
    for (const chain of CHAINS) {
      let prev = GENESIS_HMAC;
      let seq = 0;
      let after = '0';
      const canonical = canonicalSql(chain, (c) => c.name);
      for (;;) {
        const rows: { id: string; canonical: string }[] = await q.query(
          `select r.id::text as id, ${canonical} as canonical from ${chain.table} r where r.id > $1 order by r.id limit 1000`,
          [after],
        );
        if (rows.length === 0) break;
        key ??= ArchiveKey.fromEnv();
        for (const r of rows) {
          const hmac = key.mac(...sealMessage(chain.name, prev, r.canonical));
          seq++;
          await q.query(`update ${chain.table} set chain_seq = $1, prev_hmac = $2, row_hmac = $3 where id = $4`, [seq, prev, hmac, r.id]);
          prev = hmac;
        }
        after = rows[rows.length - 1].id;
      }
      await q.query('insert into archive_chain_heads (chain, seq, hmac) values ($1, $2, $3)', [chain.name, seq, prev]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop function archive_purge(text, timestamptz, bigint, text, text)');
    for (const t of PROTECTED) await q.query(`drop trigger if exists trg_${t}_no_truncate on ${t}`);
    for (const c of CHAINS) await q.query(`drop trigger if exists trg_${c.table}_append_only on ${c.table}`);
    await q.query('drop trigger if exists trg_archive_checkpoints_append_only on archive_checkpoints');
    await q.query('drop function archive_refuse_change()');
    await q.query('drop table archive_checkpoints');
    await q.query('drop table archive_chain_heads');
    for (const t of CHAINED) {
      await q.query(`drop index uq_${t}_chain_seq`);
      await q.query(`alter table ${t} drop column chain_seq, drop column prev_hmac, drop column row_hmac`);
    }
    // Privileges come back from the owner's default privileges only for new tables: restore them.
    const grantees: { grantee: string }[] = await q.query(
      `select distinct grantee from information_schema.role_table_grants
       where table_schema = current_schema() and table_name = 'hazard_history' and grantee <> current_user and privilege_type = 'INSERT'`,
    );
    for (const g of grantees) for (const t of CHAINED) await q.query(`grant update, delete on ${t} to ${ident(g.grantee)}`);
  }
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
