import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@hazards/config';
import { EvidenceRepository } from '@hazards/persistence/evidence/evidence.repository';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import { printableName } from '../common/nul-bytes';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { quotaExceeded, type EvidenceUploadContext, type StoredUpload } from './evidence-disk-storage';
import { ACCEPTED_EVIDENCE, detectEvidenceType } from './evidence-type';

export type UploadedEvidence = StoredUpload;

export interface EvidenceRecord {
  id: string;
  hazardId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  purpose: string;
}

/** Evidence files: content-addressed on disk, described (SHA-256, size, type, uploader, server time) in PostgreSQL. */
@Injectable()
export class EvidenceService {
  private readonly dir: string;
  private readonly maxEnterpriseBytes: number;
  private readonly maxFilesPerHazard: number;

  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly hazards: HazardQueryService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.dir = resolve(config.get('EVIDENCE_DIR', { infer: true }));
    this.maxEnterpriseBytes = config.get('EVIDENCE_MAX_BYTES_PER_ENTERPRISE', { infer: true });
    this.maxFilesPerHazard = config.get('EVIDENCE_MAX_FILES_PER_HAZARD', { infer: true });
  }

  /**
   * Files the multipart storage already streamed to disk and hashed (EvidenceDiskStorage), after
   * EvidenceUploadCheck found the hazard visible, open and within its quotas. Every file's type is
   * checked before any is kept, so a bad one leaves nothing half-uploaded; the enterprise's byte
   * quota is checked again under a lock, as the rows are written.
   */
  async upload(
    user: AuthUser,
    hazardId: string,
    files: UploadedEvidence[],
    purpose: string,
    ctx: EvidenceUploadContext,
  ): Promise<EvidenceRecord[]> {
    try {
      if (!files?.length)
        throw new ApiException(
          400,
          'no_files',
          '请选择要上传的文件（字段 files）。',
          'Attach at least one file in the "files" field.',
          'files',
        );
      const checked = files.map((f) => {
        const contentType = detectEvidenceType(f.head, f.originalname);
        if (!contentType) {
          throw new ApiException(
            415,
            'unsupported_file_type',
            `文件“${f.originalname}”类型不支持，仅支持 ${ACCEPTED_EVIDENCE}。`,
            `"${f.originalname}" is not an accepted type (${ACCEPTED_EVIDENCE}).`,
            'files',
          );
        }
        return { f, contentType };
      });
      return await this.evidence.underQuotaLock(ctx.enterpriseId, async (writer) => {
        const use = await writer.usage(ctx.enterpriseId, hazardId);
        const adding = files.reduce((n, f) => n + f.size, 0);
        if (use.bytes + adding > this.maxEnterpriseBytes) throw quotaExceeded('bytes');
        if (use.files + files.length > this.maxFilesPerHazard) throw quotaExceeded('files');
        const records: EvidenceRecord[] = [];
        for (const { f, contentType } of checked) {
          const path = join(this.dir, f.sha256.slice(0, 2), f.sha256);
          await mkdir(join(this.dir, f.sha256.slice(0, 2)), { recursive: true });
          await rename(f.path, path); // content-addressed: the same bytes land on the same name
          const row = {
            id: randomUUID(),
            hazardId,
            fileName: printableName(f.originalname).slice(0, 255),
            contentType,
            sizeBytes: f.size,
            sha256: f.sha256,
            uploadedBy: user.id,
            purpose,
          };
          const uploadedAt = await writer.insert({ ...row, storagePath: path });
          records.push({ ...row, uploadedAt: uploadedAt.toISOString() });
        }
        return records;
      });
    } finally {
      await Promise.all((files ?? []).map((f) => rm(f.path, { force: true })));
    }
  }

  async find(
    user: AuthUser,
    hazardId: string,
    fileId: string,
  ): Promise<{ path: string; fileName: string; contentType: string; sha256: string }> {
    if (!(await this.hazards.isVisible(user, hazardId))) throw notFound('file');
    const file = await this.evidence.file(hazardId, fileId);
    if (!file) throw notFound('file');
    return file;
  }
}
