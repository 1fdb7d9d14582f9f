import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Refusals of one minute, source address, HTTP status and code. */
export interface RefusalCount {
  minute: string;
  ip: string;
  status: number;
  code: string;
  n: number;
}

/** Anonymous refusals and rate-limit answers, counted per minute (`refusal_counts`) rather than audited one row each. */
@Injectable()
export class RefusalCountsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Adds the counts to what is stored for their keys, in one statement. */
  async add(rows: RefusalCount[]): Promise<void> {
    await this.ds.query(
      `insert into refusal_counts (minute, source_ip, http_status, code, count)
       select * from unnest($1::timestamptz[], $2::text[], $3::int[], $4::text[], $5::bigint[])
       on conflict (minute, source_ip, http_status, code) do update set count = refusal_counts.count + excluded.count`,
      [rows.map((r) => r.minute), rows.map((r) => r.ip), rows.map((r) => r.status), rows.map((r) => r.code), rows.map((r) => r.n)],
    );
  }
}
