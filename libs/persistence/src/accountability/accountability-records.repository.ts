import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
