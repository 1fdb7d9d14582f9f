import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document's number, reserved under its issue key in a short transaction of its own, so that an
 * issuer's sequence row is locked for that transaction only and not while the document is rendered
 * and stored. A retry of the same issue finds its reservation and takes no second number.
 */
export class DocumentNumberReservations1764302700000 implements MigrationInterface {
  name = 'DocumentNumberReservations1764302700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table document_number_reservations (
        issue_key text primary key,
        issuer_key text not null,
        year int not null,
        seq int not null,
        reserved_at timestamptz not null default now(),
        unique (issuer_key, year, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table document_number_reservations');
  }
}
