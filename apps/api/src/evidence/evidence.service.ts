import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config/src';
import type { AuthUser } from '../auth/auth-user';
import { ApiException, notFound } from '../common/api-error';
import { HazardQueryService } from '../hazards/hazard-query.service';
import { ACCEPTED_EVIDENCE, detectEvidenceType } from './evidence-type';

export interface UploadedEvidence { originalname: string; buffer: Buffer; size: number }

export interface EvidenceRecord {
  id: string; hazardId: string; fileName: string; contentType: string; sizeBytes: number; sha256: string;
  uploadedBy: string; uploadedAt: string; purpose: string;
}

/** Evidence files: content-addressed on disk, described (SHA-256, size, type, uploader, server time) in PostgreSQL. */
@Injectable()
export class EvidenceService {
  private readonly dir: string;

  constructor(private readonly ds: DataSource, private readonly hazards: HazardQueryService, @Inject(AppConfig) config: AppConfig) {
    this.dir = resolve(config.get('EVIDENCE_DIR', { infer: true }));
  }

  async upload(user: AuthUser, hazardId: string, files: UploadedEvidence[], purpose: string): Promise<EvidenceRecord[]> {
    const status = await this.hazards.visibleStatus(user, hazardId);
    if (!status) throw notFound();
    if (status === 'closed' || status === 'withdrawn') {
      throw new ApiException(409, 'hazard_closed', `该隐患已${status === 'closed' ? '销号' : '撤销'}并建档，不能再补充证据。`,
        `This hazard is ${status} and filed; no evidence can be added.`);
    }
    if (!files?.length) throw new ApiException(400, 'no_files', '请选择要上传的文件（字段 files）。', 'Attach at least one file in the "files" field.', 'files');
    // Check every file before storing any, so a bad one leaves nothing half-uploaded.
    const checked = files.map((f) => {
      const contentType = detectEvidenceType(f.buffer, f.originalname);
      if (!contentType) {
        throw new ApiException(415, 'unsupported_file_type', `文件“${f.originalname}”类型不支持，仅支持 ${ACCEPTED_EVIDENCE}。`,
          `"${f.originalname}" is not an accepted type (${ACCEPTED_EVIDENCE}).`, 'files');
      }
      return { f, contentType, sha256: createHash('sha256').update(f.buffer).digest('hex') };
    });
    const records: EvidenceRecord[] = [];
    for (const { f, contentType, sha256 } of checked) {
      const path = join(this.dir, sha256.slice(0, 2), sha256);
      await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
      await writeFile(path, f.buffer);
      const id = randomUUID();
      const rows: { uploaded_at: Date }[] = await this.ds.query(
        `insert into evidence_files (id, hazard_id, file_name, content_type, size_bytes, sha256, storage_path, uploaded_by, purpose)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning uploaded_at`,
        [id, hazardId, f.originalname.slice(0, 255), contentType, f.size, sha256, path, user.id, purpose]);
      records.push({ id, hazardId, fileName: f.originalname, contentType, sizeBytes: f.size, sha256, uploadedBy: user.id, uploadedAt: rows[0].uploaded_at.toISOString(), purpose });
    }
    return records;
  }

  async find(user: AuthUser, hazardId: string, fileId: string): Promise<{ path: string; fileName: string; contentType: string; sha256: string }> {
    if (!(await this.hazards.isVisible(user, hazardId))) throw notFound('file');
    const rows: { storage_path: string; file_name: string; content_type: string; sha256: string }[] = await this.ds.query(
      'select storage_path, file_name, content_type, sha256 from evidence_files where id = $1 and hazard_id = $2', [fileId, hazardId]);
    if (!rows[0]) throw notFound('file');
    return { path: rows[0].storage_path, fileName: rows[0].file_name, contentType: rows[0].content_type, sha256: rows[0].sha256 };
  }
}
