import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, unlink } from 'node:fs';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { ApiException } from '@hazards/api-contract/api-error';

/** What the check before the body (EvidenceUploadCheck) learnt: whose bytes these are and how many more they may send. */
export interface EvidenceUploadContext {
  hazardId: string;
  enterpriseId: string;
  /** Bytes the enterprise may still store before its quota. */
  bytesLeft: number;
  /** Files the hazard may still take. */
  filesLeft: number;
  received: { files: number; bytes: number };
}

export type EvidenceRequest = Request & { evidence?: EvidenceUploadContext };

/** A file as the storage engine leaves it: on disk under a temporary name, hashed, its first bytes kept for the type check. */
export interface StoredUpload {
  originalname: string;
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
}

export const quotaExceeded = (what: 'files' | 'bytes') =>
  what === 'files'
    ? new ApiException(
        413,
        'hazard_file_quota',
        '该隐患的证据文件数已达上限。',
        'This hazard has as many evidence files as it may have (EVIDENCE_MAX_FILES_PER_HAZARD).',
        'files',
      )
    : new ApiException(
        413,
        'enterprise_byte_quota',
        '本企业的证据存储空间已用完。',
        "The enterprise's evidence storage quota is used up (EVIDENCE_MAX_BYTES_PER_ENTERPRISE).",
        'files',
      );

/** Counts, hashes and keeps the first bytes of what passes; stops the upload the moment it passes the quota. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  head = Buffer.alloc(0);
  size = 0;
  constructor(private readonly ctx: EvidenceUploadContext) {
    super();
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.ctx.received.bytes += chunk.length;
    if (this.ctx.received.bytes > this.ctx.bytesLeft) return done(quotaExceeded('bytes'));
    if (this.head.length < 16) this.head = Buffer.concat([this.head, chunk.subarray(0, 16 - this.head.length)]);
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Multer storage for evidence: each file is streamed to a temporary file under EVIDENCE_DIR and
 * hashed on the way, never held in memory. The size limit per file is multer's (EVIDENCE_MAX_BYTES);
 * the files per hazard and the bytes per enterprise are checked here as the bytes arrive.
 */
export class EvidenceDiskStorage implements StorageEngine {
  private readonly incoming: string;

  constructor(evidenceDir: string) {
    this.incoming = join(evidenceDir, '.incoming');
    mkdirSync(this.incoming, { recursive: true });
  }

  _handleFile(
    req: EvidenceRequest,
    file: Express.Multer.File,
    cb: (error?: unknown, info?: Partial<Express.Multer.File> & Partial<StoredUpload>) => void,
  ): void {
    const ctx = req.evidence;
    if (!ctx) return cb(new Error('evidence upload without its check'));
    if (++ctx.received.files > ctx.filesLeft) {
      file.stream.resume();
      return cb(quotaExceeded('files'));
    }
    const path = join(this.incoming, randomUUID());
    const meter = new Meter(ctx);
    pipeline(file.stream, meter, createWriteStream(path, { flags: 'wx' }))
      .then(() => cb(null, { path, size: meter.size, sha256: meter.hash.digest('hex'), head: meter.head }))
      .catch((err) => unlink(path, () => cb(err)));
  }

  _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void {
    unlink(file.path, () => cb(null));
  }
}
