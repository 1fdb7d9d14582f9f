import { createHash } from 'node:crypto';
import type { ImportCells } from './import-columns';

/** Namespace of hazard ids derived from import rows (a fixed, random UUID). */
export const IMPORT_HAZARD_NAMESPACE = '6f1d3c2a-8b4e-5f70-9a1b-2c3d4e5f6071';

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace = IMPORT_HAZARD_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(name, 'utf8')]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The stable key of a row: its 外部编号 within the enterprise when given, otherwise a hash of
 * what it says (enterprise, source, description, location, inspection). The same row imported
 * again has the same key, hence the same hazard id and workflow id.
 */
export function rowKey(c: ImportCells): string {
  const ent = (c.creditCode ?? '').toUpperCase();
  if (c.externalId) return `ext:${ent}:${c.externalId}`;
  const content = [ent, c.source ?? '', c.description ?? '', c.location ?? '', c.inspectionId ?? ''].join('\u001f');
  return `sha256:${createHash('sha256').update(content, 'utf8').digest('hex')}`;
}

export const hazardIdForRowKey = (key: string) => uuidV5(key);
