import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@hazards/domain/hazard/actor';
import { DocumentIssuer } from '@hazards/documents/document-issuer';
import type { IssueDocumentInput } from '@hazards/documents/document-facts';
import { DocumentIssueRepository } from '@hazards/persistence/documents/document-issue.repository';
import { reserveNumber } from '@hazards/persistence/documents/document-sequences.repository';
import { openTestDataSource } from '@hazards/testing/stack/test-database';

/*
 * 督办函 numbers (文号) against real PostgreSQL: one number per issue however often it is retried,
 * at once or after a crash, and an issuer's numbers without gaps. The number is reserved in a
 * transaction of its own, so an issuer's sequence is not held while its letters render.
 */
describe('numbering accountability documents', () => {
  let ds: DataSource;
  beforeAll(async () => {
    // A connection for each of the twenty letters issued at once: they race on the sequence in
    // PostgreSQL, not in a queue for the pool (whose 5-s wait a loaded machine can exceed).
    ds = await openTestDataSource(24);
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const letter = (issuer: string, key = `h-${randomUUID()}:ladder-1-supervision_letter`): IssueDocumentInput => ({
    key,
    hazardId: key.split(':')[0],
    kind: 'supervision_letter',
    issuedAt: '2026-12-01T02:00:00.000Z',
    issuedBy: SYSTEM_ACTOR,
    issuerLevel: 'county',
    jurisdictionPath: ['city-x', issuer, 'town-x', 'grid-x'],
    facts: {
      enterpriseId: 'ent-x',
      description: '液氨储罐区泄漏报警失效',
      location: null,
      grade: 'general',
      listing: null,
      rectificationDeadline: '2026-11-20T10:00:00.000Z',
      stage: 1,
      overdueWorkingDays: 3,
    },
  });
  const issuer = () => new DocumentIssuer(ds, async () => []);
  const seqOf = async (documentId: string) =>
    Number((await ds.query('select seq from hazard_documents where id = $1', [documentId]))[0].seq);

  it('one issue sent five times at once is one document with one number, and the next issue takes the next number', async () => {
    const county = `county-${randomUUID()}`;
    const input = letter(county);
    const issued = await Promise.all(Array.from({ length: 5 }, () => issuer().issue(input)));
    expect(new Set(issued.map((d) => d.documentId)).size).toBe(1);
    expect(new Set(issued.map((d) => d.number)).size).toBe(1);
    expect(await seqOf(issued[0].documentId)).toBe(1);
    const next = await issuer().issue(letter(county));
    expect(await seqOf(next.documentId)).toBe(2);
    expect(await ds.query('select count(*)::int as n from hazard_documents where issue_key = $1', [input.key])).toEqual([{ n: 1 }]);
  });

  it('twenty letters of one county issued at once are numbered 1 to 20, without gaps or repeats', async () => {
    const county = `county-${randomUUID()}`;
    const issued = await Promise.all(Array.from({ length: 20 }, () => issuer().issue(letter(county))));
    const seqs = await Promise.all(issued.map((d) => seqOf(d.documentId)));
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(issued.map((d) => d.number)).size).toBe(20);
  });

  it('an issue that crashed after reserving its number is stored under that number when retried', async () => {
    const county = `county-${randomUUID()}`;
    const input = letter(county);
    // The first attempt reserved the number and died before the letter was stored.
    const reserved = await reserveNumber(ds, input.key, `${county}:督`, 2026);
    expect(await ds.query('select count(*)::int as n from hazard_documents where issue_key = $1', [input.key])).toEqual([{ n: 0 }]);
    const other = await issuer().issue(letter(county));
    const retried = await issuer().issue(input);
    expect(await seqOf(retried.documentId)).toBe(reserved);
    expect(await seqOf(other.documentId)).toBe(reserved + 1);
  });

  it("a letter held up while it is stored does not hold up the county's next letter", async () => {
    const county = `county-${randomUUID()}`;
    const slow = letter(county);
    // Another attempt of the same issue is storing it, uncommitted: this attempt's store waits for it.
    const other = ds.createQueryRunner();
    await other.startTransaction();
    try {
      await new DocumentIssueRepository(ds).insert(other.manager, {
        id: randomUUID(),
        issueKey: slow.key,
        hazardId: slow.hazardId,
        kind: 'supervision_letter',
        number: `held-${randomUUID()}`,
        issuerJurisdictionId: county,
        issuerName: county,
        year: 2026,
        seq: 0,
        title: '督办函',
        jurisdictionPath: `/${slow.jurisdictionPath.join('/')}/`,
        issuedAt: slow.issuedAt,
        issuedBy: '{}',
        addressedTo: '[]',
        facts: '{}',
        publicFields: null,
        fileName: 'held.docx',
        contentType: 'application/octet-stream',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        content: Buffer.from([0]),
        replyDueAt: null,
      });
      const waiting = issuer().issue(slow);
      // Once the slow issue has reserved its number, it waits at its store.
      while (!(await ds.query('select 1 from document_number_reservations where issue_key = $1', [slow.key])).length)
        await new Promise((r) => setTimeout(r, 50));
      // With the sequence held until the slow letter is stored, this would wait for the other transaction (forever here).
      const next = await issuer().issue(letter(county));
      expect(await seqOf(next.documentId)).toBe(2);
      await other.rollbackTransaction();
      expect(await seqOf((await waiting).documentId)).toBe(1);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
  }, 30_000);

  it('two attempts of one new issue that race for the number both get one number, and the sequence keeps no gap', async () => {
    const county = `county-${randomUUID()}`;
    const issuerKey = `${county}:督`;
    expect(await reserveNumber(ds, `first-${randomUUID()}`, issuerKey, 2026)).toBe(1);
    // Hold the sequence row, so both attempts find no reservation and queue on the row together.
    const holder = ds.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('select 1 from document_sequences where issuer_key = $1 and year = 2026 for update', [issuerKey]);
      const key = `raced-${randomUUID()}`;
      const attempts = [reserveNumber(ds, key, issuerKey, 2026), reserveNumber(ds, key, issuerKey, 2026)];
      const waiting = async () =>
        Number(
          (
            await ds.query(
              `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%document_number_reservations%'`,
            )
          )[0].n,
        );
      while ((await waiting()) < 2) await new Promise((r) => setTimeout(r, 20));
      await holder.commitTransaction();
      expect(await Promise.all(attempts)).toEqual([2, 2]);
      // The loser's step of the sequence was undone with its statement: the next issue takes 3.
      expect(await reserveNumber(ds, `next-${randomUUID()}`, issuerKey, 2026)).toBe(3);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  }, 30_000);
});
