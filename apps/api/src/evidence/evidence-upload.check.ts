import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { AppConfig } from '@hazards/config';
import { isOpen, type HazardStatus } from '@hazards/domain/hazard/hazard-status';
import { EvidenceRepository } from '@hazards/persistence/evidence/evidence.repository';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException, notFound } from '@hazards/api-contract/api-error';
import { HazardQueryService } from '@hazards/hazards/hazard-query.service';
import { quotaExceeded, type EvidenceRequest } from './evidence-disk-storage';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs before a byte of the upload is read (it stands in front of the multipart interceptor): the
 * hazard must be visible to the caller and still open, and have room for more files, and its
 * enterprise bytes left. Otherwise the answer comes at once and the body is discarded unread.
 */
@Injectable()
export class EvidenceUploadCheck implements NestInterceptor {
  private readonly maxFiles: number;
  private readonly maxBytes: number;

  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly hazards: HazardQueryService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.maxFiles = config.get('EVIDENCE_MAX_FILES_PER_HAZARD', { infer: true });
    this.maxBytes = config.get('EVIDENCE_MAX_BYTES_PER_ENTERPRISE', { infer: true });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<EvidenceRequest & { user: AuthUser; params: { id: string } }>();
    try {
      return await this.check(req, next);
    } catch (err) {
      // Refused before the body: close the connection after the answer, so the sender stops sending
      // instead of the server reading (and discarding) the rest of a large body.
      context.switchToHttp().getResponse<Response>().setHeader('Connection', 'close');
      throw err;
    }
  }

  private async check(req: EvidenceRequest & { user: AuthUser; params: { id: string } }, next: CallHandler): Promise<Observable<unknown>> {
    const hazardId = req.params.id;
    if (!UUID.test(hazardId)) throw notFound();
    const status = await this.hazards.visibleStatus(req.user, hazardId);
    if (!status) throw notFound();
    if (!isOpen(status as HazardStatus)) {
      throw new ApiException(
        409,
        'hazard_closed',
        `该隐患已${status === 'closed' ? '销号' : '撤销'}并建档，不能再补充证据。`,
        `This hazard is ${status} and filed; no evidence can be added.`,
      );
    }
    const use = (await this.evidence.usageOfHazard(hazardId))!; // visible, so it exists
    if (use.files >= this.maxFiles) throw quotaExceeded('files');
    if (use.bytes >= this.maxBytes) throw quotaExceeded('bytes');
    req.evidence = {
      hazardId,
      enterpriseId: use.enterpriseId,
      filesLeft: this.maxFiles - use.files,
      bytesLeft: this.maxBytes - use.bytes,
      received: { files: 0, bytes: 0 },
    };
    return next.handle();
  }
}
