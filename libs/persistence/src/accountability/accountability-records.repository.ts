import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A 责任倒查 record as the API returns it (jsonb columns as written by the notifier). */
export interface AccountabilityRecordRow {
  id: string;
  eventId: string;
  hazardId: string;
  jurisdictionPath: string;
  enterpriseId: string;
  trigger: string;
  heavier: boolean;
  enterpriseResponsible: Record<string, unknown>;
  departmentResponsible: Record<string, unknown>;
  timeline: unknown[];
  tracedAt: Date;
  createdAt: Date;
}

const COLUMNS = `id::text, event_id as "eventId", hazard_id as "hazardId", jurisdiction_path as "jurisdictionPath", enterprise_id as "enterpriseId",
  trigger, heavier, enterprise_responsible as "enterpriseResponsible", department_responsible as "departmentResponsible", timeline,
  traced_at as "tracedAt", created_at as "createdAt"`;

/** Reads of accountability_records (责任倒查), limited to a jurisdiction subtree; a null scope reads all. */
@Injectable()
export class AccountabilityRecordsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The newest 200 records within the scope, optionally of one hazard. */
  list(scope: string | null, hazardId: string | null): Promise<AccountabilityRecordRow[]> {
    return this.ds.query(
      `select ${COLUMNS} from accountability_records
        where ($1::text is null or starts_with(jurisdiction_path, $1)) and ($2::text is null or hazard_id = $2)
        order by traced_at desc, id desc limit 200`,
      [scope, hazardId],
    );
  }

  /** One record by id, or undefined when there is none within the scope. */
  async get(id: string, scope: string | null): Promise<AccountabilityRecordRow | undefined> {
    const [row]: AccountabilityRecordRow[] = await this.ds.query(
      `select ${COLUMNS} from accountability_records where id = $1 and ($2::text is null or starts_with(jurisdiction_path, $2))`,
      [id, scope],
    );
    return row;
  }
}

/** A 责任倒查 record as the notifier writes it: the event's payload kept as its detail. */
export type NewAccountabilityRecord = Omit<AccountabilityRecordRow, 'id' | 'tracedAt' | 'createdAt'> & {
  detail: unknown;
  tracedAt: string;
};

/** Once per event, in the transaction that consumes it. */
export async function insertAccountabilityRecord(m: EntityManager, r: NewAccountabilityRecord): Promise<void> {
  await m.query(
    `insert into accountability_records (event_id, hazard_id, jurisdiction_path, enterprise_id, trigger, heavier, enterprise_responsible,
         department_responsible, timeline, detail, traced_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) on conflict (event_id) do nothing`,
    [
      r.eventId,
      r.hazardId,
      r.jurisdictionPath,
      r.enterpriseId,
      r.trigger,
      r.heavier,
      JSON.stringify(r.enterpriseResponsible),
      JSON.stringify(r.departmentResponsible),
      JSON.stringify(r.timeline),
      JSON.stringify(r.detail),
      r.tracedAt,
    ],
  );
}

/* The evidence timeline of a record: what reached whom about the hazard, and every step. */

/** Reminders that reached someone: digest items of the hazard whose digest was delivered. */
export function remindersDelivered(
  m: EntityManager,
  hazardId: string,
): Promise<{ sent_at: Date; channel: string; name: string; deadline_kind: string; due_at: Date }[]> {
  return m.query(
    `select d.sent_at, d.channel, (msg.recipient->>'name') as name, i.deadline_kind, i.due_at
         from reminder_digest_items i join reminder_digests g on g.id = i.digest_id
         join notification_messages msg on msg.message_key = g.message_key
         join notification_deliveries d on d.message_id = msg.id and d.status = 'sent'
        where i.hazard_id = $1 order by d.sent_at`,
    [hazardId],
  );
}

/** The hazard's own messages (not digests) that were delivered. */
export function noticesDelivered(
  m: EntityManager,
  hazardId: string,
): Promise<{ sent_at: Date; channel: string; name: string; kind: string; title: string }[]> {
  return m.query(
    `select d.sent_at, d.channel, (msg.recipient->>'name') as name, msg.kind, msg.title
         from notification_messages msg join notification_deliveries d on d.message_id = msg.id and d.status = 'sent'
        where msg.hazard_id = $1 and msg.kind <> 'reminder_digest' order by d.sent_at`,
    [hazardId],
  );
}

/** The hazard's lifecycle steps, in order, with their actors. */
export function stepsWithActors(
  m: EntityManager,
  hazardId: string,
): Promise<
  { at: Date; step: string; actor: { name?: string; userId?: string; role?: string }; reason: string | null; to_status: string }[]
> {
  return m.query(`select at, step, actor, reason, to_status from hazard_history where hazard_id = $1 order by seq`, [hazardId]);
}
