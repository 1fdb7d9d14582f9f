import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ZipFile } from 'yazl';
import { hazardDocumentFiles } from '@hazards/persistence/documents/hazard-documents.repository';
import type { ArchiveKey } from '../archive-key';
import type { SqlExecutor } from '../chain-appender';
import { DossierManifest, MANIFEST_PATH, SIGNATURE_CONTEXT, SIGNATURE_PATH } from './dossier-manifest';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A file's SHA-256 and size, streamed (an evidence file may be large; it is never read whole). */
async function hashFile(path: string): Promise<{ sha256: string; bytes: number } | null> {
  const h = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      h.update(chunk);
      bytes += chunk.length;
    }
  } catch {
    return null;
  }
  return { sha256: h.digest('hex'), bytes };
}

/** An entry of the zip: built in memory (the JSON parts), or an evidence file streamed from disk. */
type DossierFile = { path: string; sha256: string; bytes: number } & ({ content: Buffer } | { source: string });
const inMemory = (path: string, content: Buffer): DossierFile => ({ path, content, sha256: sha256(content), bytes: content.length });
const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 2) + '\n', 'utf8');
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d == null ? null : String(d));
/** Keeps the name readable (Chinese included) but safe as a zip path. */
// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120) || 'file';

export interface Dossier {
  manifest: DossierManifest;
  fileName: string;
  /** The zip, produced as it is read. */
  stream: NodeJS.ReadableStream;
}

const README = (m: DossierManifest) => `隐患档案 / Hazard dossier ${m.hazardId}
生成时间 / generated at: ${m.generatedAt}

record.json     隐患记录（企业、辖区、分级、挂牌、整改、问责等全部字段） / the hazard record
plan.json       治理方案、审批、延期 / the rectification plan, its decisions and extensions
timeline.json   全部流程步骤（只增不改，含哈希链封存值） / every lifecycle step, with its hash-chain seal
reviews.json    整改完成申请、复核、销号记录 / completion, reviews and sign-off
evidence.json   证据文件清单及 SHA-256 / the evidence files and their SHA-256
evidence/       证据文件原件 / the evidence files
documents.json  问责文书清单（文号、印发与公布时间、SHA-256） / the accountability documents, numbers and SHA-256
documents/      问责文书原件（.docx） / the documents as issued
manifest.json   清单：每个文件的 SHA-256 / every file with its SHA-256
manifest.sig    清单的 HMAC-SHA256 签名 / the manifest's HMAC-SHA256 signature (key ${m.keyId})

离线校验 / verify offline:  npm run cli -- dossier verify <this file>.zip
`;

/**
 * Builds a hazard's dossier (建档备案): the record, the plan, the full timeline, every evidence
 * file with its SHA-256, the reviews and sign-off, and a manifest signed with the archive key.
 * Returns null when the hazard does not exist. Evidence whose bytes no longer match the SHA-256
 * recorded at upload is included as it is; the manifest shows both hashes, so the dossier does
 * not verify and the change is visible.
 */
export async function buildDossier(
  db: SqlExecutor,
  key: ArchiveKey,
  hazardId: string,
  o: { generatedBy?: { userId: string; username: string } | null; now?: Date } = {},
): Promise<Dossier | null> {
  const [h]: Record<string, any>[] = await db.query(
    `select h.*, e.name as enterprise_name, e.credit_code as enterprise_credit_code
     from hazards h left join enterprises e on e.id = h.enterprise_id where h.id = $1`,
    [hazardId],
  );
  if (!h) return null;
  const pathIds = [h.city_id, h.county_id, h.township_id, h.grid_id].filter(Boolean);
  const jurisdictions: { id: string; name: string; level: string }[] = await db.query(
    'select id, name, level from jurisdictions where id = any($1)',
    [pathIds],
  );
  const timeline: Record<string, any>[] = await db.query(
    `select id::text as id, seq, step, actor_id as "actorId", actor_role as "actorRole", actor, at, from_status as "fromStatus",
            to_status as "toStatus", reason, policy_version as "policyVersion", data, recorded_at as "recordedAt",
            chain_seq::text as "chainSeq", prev_hmac as "prevHmac", row_hmac as "rowHmac"
     from hazard_history where hazard_id = $1 order by seq`,
    [hazardId],
  );
  const evidenceRows: Record<string, any>[] = await db.query('select * from evidence_files where hazard_id = $1 order by uploaded_at, id', [
    hazardId,
  ]);

  const now = o.now ?? new Date();
  const detail = (h.detail ?? {}) as Record<string, unknown>;
  const { detail: _d, enterprise_name, enterprise_credit_code, ...columns } = h;
  const files: DossierFile[] = [];
  files.push(
    inMemory(
      'record.json',
      json({
        hazard: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
        enterprise: { id: h.enterprise_id, name: enterprise_name ?? null, creditCode: enterprise_credit_code ?? null },
        jurisdictions: pathIds.map((id) => jurisdictions.find((j) => j.id === id) ?? { id, name: null, level: null }),
        detail,
      }),
    ),
  );
  files.push(
    inMemory(
      'plan.json',
      json({
        plan: detail.plan ?? null,
        planDecisions: detail.planDecisions ?? [],
        listing: detail.listing ?? null,
        deadlines: detail.deadlines ?? null,
        extensions: detail.extensions ?? [],
        production: detail.production ?? null,
      }),
    ),
  );
  const steps: Record<string, any>[] = timeline.map((t) => ({ ...t, at: iso(t.at), recordedAt: iso(t.recordedAt) }));
  files.push(inMemory('timeline.json', json(steps)));
  files.push(
    inMemory(
      'reviews.json',
      json({
        completions: detail.completions ?? [],
        review: detail.review ?? null,
        reviews: detail.reviews ?? [],
        signOff: {
          closedAt: iso(h.closed_at),
          closureRecommendedAt: detail.closureRecommendedAt ?? null,
          step: steps.find((s) => s.step === 'closed') ?? null,
        },
        withdrawal: detail.withdrawal ?? null,
      }),
    ),
  );

  const evidence: DossierManifest['evidence'] = [];
  for (const [i, e] of evidenceRows.entries()) {
    const path = `evidence/${String(i + 1).padStart(3, '0')}-${safeName(e.file_name)}`;
    const found = await hashFile(e.storage_path); // null: listed without bytes, and the dossier will not verify
    evidence.push({
      id: e.id,
      fileName: e.file_name,
      contentType: e.content_type,
      purpose: e.purpose,
      uploadedBy: e.uploaded_by,
      uploadedAt: iso(e.uploaded_at)!,
      recordedSha256: e.sha256,
      sha256: found?.sha256 ?? null,
      bytes: found?.bytes ?? null,
      path: found ? path : null,
    });
    if (found) files.push({ path, source: e.storage_path, ...found });
  }
  files.push(inMemory('evidence.json', json(evidence)));

  // 问责文书 (issue 18): each .docx as issued, beside the SHA-256 sealed in the history when it was issued.
  const documents: NonNullable<DossierManifest['documents']> = [];
  for (const [i, d] of (await hazardDocumentFiles(db, hazardId)).entries()) {
    const path = `documents/${String(i + 1).padStart(3, '0')}-${safeName(d.fileName)}`;
    const file = inMemory(path, d.content);
    documents.push({
      id: d.documentId,
      kind: d.kind,
      number: d.number,
      issuedAt: d.issuedAt,
      publishedAt: d.publishedAt,
      recordedSha256: d.sha256,
      sha256: file.sha256,
      path,
    });
    files.push(file);
  }
  files.push(inMemory('documents.json', json(documents)));

  const manifestBase = {
    format: 'hazard-dossier/1' as const,
    hazardId,
    status: h.status,
    generatedAt: now.toISOString(),
    generatedBy: o.generatedBy ?? null,
    algorithm: 'HMAC-SHA256' as const,
    keyId: key.keyId,
    files: [] as DossierManifest['files'],
    evidence,
    documents,
    timeline: { steps: steps.length, chainSeqs: steps.map((s) => Number(s.chainSeq)), lastRowHmac: steps.at(-1)?.rowHmac ?? null },
  };
  files.push(inMemory('README.txt', Buffer.from(README(manifestBase), 'utf8')));
  const manifest: DossierManifest = { ...manifestBase, files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })) };
  const manifestBytes = json(manifest);

  const zip = new ZipFile();
  // Evidence is streamed from disk into the zip as it is read; the file is content-addressed, so
  // its bytes are the ones just hashed.
  for (const f of files) {
    if ('content' in f) zip.addBuffer(f.content, f.path, { mtime: now });
    else zip.addReadStream(createReadStream(f.source), f.path, { mtime: now, size: f.bytes });
  }
  zip.addBuffer(manifestBytes, MANIFEST_PATH, { mtime: now });
  zip.addBuffer(Buffer.from(`${key.mac(SIGNATURE_CONTEXT, manifestBytes)}\n`, 'utf8'), SIGNATURE_PATH, { mtime: now });
  zip.end();
  return { manifest, fileName: `hazard-dossier-${hazardId}.zip`, stream: zip.outputStream };
}
