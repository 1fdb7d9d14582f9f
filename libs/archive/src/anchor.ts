import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ArchiveKey } from './archive-key';
import type { SqlExecutor } from './chain-appender';

/**
 * The anchor: chain heads written to a file outside the database (one JSON object a line,
 * appended). A database superuser who deletes the newest rows and rewinds the head cannot
 * rewind this file; each line carries its own HMAC, so it cannot be forged without the key.
 */
export interface AnchorEntry {
  v: 1;
  /** 'head': the chain reached `seq` with `hmac`; 'purge': rows up to `seq` were purged. */
  kind: 'head' | 'purge';
  chain: string;
  seq: number;
  hmac: string;
  at: string;
  keyId: string;
  mac: string;
}

const macOf = (key: ArchiveKey, e: Omit<AnchorEntry, 'mac'>) =>
  key.mac('anchor', String(e.v), e.kind, e.chain, String(e.seq), e.hmac, e.at, e.keyId);

export function anchorEntry(
  key: ArchiveKey,
  kind: AnchorEntry['kind'],
  chain: string,
  seq: number,
  hmac: string,
  at = new Date(),
): AnchorEntry {
  const e = { v: 1 as const, kind, chain, seq, hmac, at: at.toISOString(), keyId: key.keyId };
  return { ...e, mac: macOf(key, e) };
}

export async function appendAnchorEntries(file: string, entries: AnchorEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, entries.map((e) => JSON.stringify(e) + '\n').join(''), { encoding: 'utf8', mode: 0o640 });
}

/** The current heads of every chain, as anchor entries (not yet written). */
export async function currentHeads(db: SqlExecutor, key: ArchiveKey): Promise<AnchorEntry[]> {
  const rows: { chain: string; seq: string; hmac: string }[] = await db.query(
    'select chain, seq::text as seq, hmac from archive_chain_heads order by chain',
  );
  const at = new Date();
  return rows.map((r) => anchorEntry(key, 'head', r.chain, Number(r.seq), r.hmac, at));
}

/** Writes the current heads to the anchor file and returns them. */
export async function writeAnchor(db: SqlExecutor, key: ArchiveKey, file: string): Promise<AnchorEntry[]> {
  const entries = await currentHeads(db, key);
  await appendAnchorEntries(file, entries);
  return entries;
}

export interface AnchorFile {
  entries: AnchorEntry[];
  /** Lines that are not valid entries or whose HMAC is wrong (forged or damaged), 1-based. */
  badLines: { line: number; reason: string }[];
}

export function readAnchorFile(file: string, key: ArchiveKey): AnchorFile {
  const out: AnchorFile = { entries: [], badLines: [] };
  if (!existsSync(file)) return out;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const e = JSON.parse(text) as AnchorEntry;
        if (e.keyId !== key.keyId) out.badLines.push({ line: i + 1, reason: `written with another key (${e.keyId})` });
        else if (!key.equals(macOf(key, e), e.mac)) out.badLines.push({ line: i + 1, reason: 'HMAC does not match' });
        else out.entries.push(e);
      } catch {
        out.badLines.push({ line: i + 1, reason: 'not JSON' });
      }
    });
  return out;
}
