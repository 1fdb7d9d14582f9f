import { createHash } from 'node:crypto';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import type { ArchiveKey } from '../archive-key';
import { DossierManifest, MANIFEST_PATH, SIGNATURE_CONTEXT, SIGNATURE_PATH } from './dossier-manifest';

export interface DossierVerification {
  ok: boolean;
  hazardId: string | null;
  files: number;
  evidence: number;
  /** Each problem in zh-CN / English. Empty when ok. */
  problems: string[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every entry of a zip, by path. */
export function readZipEntries(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(zipBytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * Verifies a dossier offline, with the archive key only: the manifest's signature, every file
 * against the manifest's SHA-256, nothing added, and every evidence file against the SHA-256
 * recorded when it was uploaded.
 */
export async function verifyDossier(zipBytes: Buffer, key: ArchiveKey): Promise<DossierVerification> {
  const problems: string[] = [];
  let entries: Map<string, Buffer>;
  try {
    entries = await readZipEntries(zipBytes);
  } catch (err) {
    return {
      ok: false,
      hazardId: null,
      files: 0,
      evidence: 0,
      problems: [`不是有效的 zip 文件 / not a readable zip: ${err instanceof Error ? err.message : err}`],
    };
  }
  const manifestBytes = entries.get(MANIFEST_PATH);
  const signature = entries.get(SIGNATURE_PATH)?.toString('utf8').trim();
  if (!manifestBytes || !signature) {
    return {
      ok: false,
      hazardId: null,
      files: 0,
      evidence: 0,
      problems: ['缺少 manifest.json 或 manifest.sig / manifest.json or manifest.sig is missing'],
    };
  }
  let manifest: DossierManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return { ok: false, hazardId: null, files: 0, evidence: 0, problems: ['manifest.json 不是有效的 JSON / manifest.json is not JSON'] };
  }
  if (manifest.keyId !== key.keyId)
    problems.push(`清单由另一密钥签名（${manifest.keyId}） / the manifest was signed with another key (${manifest.keyId})`);
  else if (!key.equals(key.mac(SIGNATURE_CONTEXT, manifestBytes), signature))
    problems.push('清单签名无效：清单被改动 / the manifest signature does not match: the manifest was changed');

  const listed = new Set<string>([MANIFEST_PATH, SIGNATURE_PATH]);
  for (const f of manifest.files ?? []) {
    listed.add(f.path);
    const content = entries.get(f.path);
    if (!content) problems.push(`缺少文件 ${f.path} / ${f.path} is missing`);
    else if (sha256(content) !== f.sha256 || content.length !== f.bytes)
      problems.push(`文件 ${f.path} 被改动（SHA-256 不符） / ${f.path} was changed (SHA-256 differs from the manifest)`);
  }
  for (const path of entries.keys()) if (!listed.has(path)) problems.push(`多出未列入清单的文件 ${path} / ${path} is not in the manifest`);
  for (const e of manifest.evidence ?? []) {
    if (!e.path || e.sha256 === null)
      problems.push(
        `证据 ${e.fileName}（${e.id}）的文件缺失 / evidence ${e.fileName} (${e.id}): the file was missing when the dossier was made`,
      );
    else if (e.sha256 !== e.recordedSha256) {
      problems.push(
        `证据 ${e.fileName}（${e.id}）与上传时记录的 SHA-256 不符：文件被改动 / evidence ${e.fileName} (${e.id}) does not match the SHA-256 recorded at upload: the file was changed`,
      );
    } else if (!manifest.files.some((f) => f.path === e.path && f.sha256 === e.sha256)) {
      problems.push(`证据 ${e.fileName} 未列入清单 / evidence ${e.fileName} is not among the manifest's files`);
    }
  }
  for (const d of manifest.documents ?? []) {
    if (d.sha256 !== d.recordedSha256)
      problems.push(
        `文书 ${d.number} 与印发时封存的 SHA-256 不符 / document ${d.number} does not match the SHA-256 sealed when it was issued`,
      );
    else if (!manifest.files.some((f) => f.path === d.path && f.sha256 === d.sha256))
      problems.push(`文书 ${d.number} 未列入清单 / document ${d.number} is not among the manifest's files`);
  }
  return {
    ok: problems.length === 0,
    hazardId: manifest.hazardId ?? null,
    files: manifest.files?.length ?? 0,
    evidence: manifest.evidence?.length ?? 0,
    problems,
  };
}
