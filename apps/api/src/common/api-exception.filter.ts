import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { ApiErrorBody, ApiException } from '@hazards/api-contract/api-error';

const REFUSAL_STATUS: Record<string, number> = { IllegalState: 409, Forbidden: 403, Invalid: 422 };

/** Maps every error to the one error shape, and records refusals (4xx) in the audit log. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('ApiError');

  constructor(private readonly audit: AuditService) {}

  async catch(err: unknown, host: ArgumentsHost): Promise<void> {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string; user?: { id: string; username: string } }>();
    const res = ctx.getResponse<Response>();
    // Terminus answers 503 with each dependency's state: keep that report as it is.
    if (err instanceof HttpException && isHealthReport(err.getResponse())) {
      res.status(err.getStatus()).json(err.getResponse());
      return;
    }
    const body = this.toBody(err);
    body.requestId = typeof req.id === 'string' ? req.id : undefined;
    // A 5xx the API chose (503 action_pending under load) is a warning; anything else is a fault, with its stack.
    if (body.statusCode >= 500 && err instanceof ApiException) this.log.warn(`${body.code}: ${body.messageEn}`);
    else if (body.statusCode >= 500) this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    else await this.audit.recordRefusal(req, body).catch((e) => this.log.error(`audit failed: ${e}`));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(err: unknown): ApiErrorBody {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const f = err.cause;
      const d = (f.details?.[0] ?? {}) as { code?: string; zh?: string; en?: string; field?: string };
      const [zh, en] = f.message.includes(' / ') ? f.message.split(' / ', 2) : [f.message, f.message];
      // The workflow's codes (WRONG_STATE, NOT_OWN_ENTERPRISE …) in the API's style: wrong_state, not_own_enterprise.
      return {
        statusCode: REFUSAL_STATUS[f.type ?? ''] ?? 409,
        code: d.code ? d.code.toLowerCase() : 'refused',
        message: d.zh ?? zh,
        messageEn: d.en ?? en,
        ...(d.field ? { field: d.field } : {}),
      };
    }
    // A copy: catch() adds the request id to the body it gets.
    const fixed = FIXED_ANSWERS.find((a) => err instanceof a.error);
    if (fixed) return { ...fixed.body };
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const r = err.getResponse();
      if (typeof r === 'object' && r && 'code' in r && 'messageEn' in r) return r as ApiErrorBody;
      return { statusCode: status, ...(GENERIC[status] ?? { code: 'http_' + status, message: err.message, messageEn: err.message }) };
    }
    if (isUnavailable(err)) {
      return {
        statusCode: 503,
        code: 'service_unavailable',
        message: '服务暂时不可用（数据库或工作流引擎无法连接），请稍后重试。',
        messageEn: 'A backing service (database or workflow engine) is unavailable; retry shortly.',
      };
    }
    return { statusCode: 500, code: 'internal_error', message: '服务器内部错误。', messageEn: 'Internal server error.' };
  }
}

/** Errors that always answer the same body. Checked before HttpException: ThrottlerException is one. */
const FIXED_ANSWERS: ReadonlyArray<{ error: abstract new (...args: never[]) => unknown; body: ApiErrorBody }> = [
  {
    error: WorkflowNotFoundError,
    body: {
      statusCode: 404,
      code: 'not_found',
      message: '隐患不存在或无权查看。',
      messageEn: 'This hazard does not exist or is not visible to you.',
    },
  },
  {
    error: ThrottlerException,
    body: {
      statusCode: 429,
      code: 'rate_limited',
      message: '请求过于频繁，请稍后再试。',
      messageEn: 'Too many requests; try again shortly.',
    },
  },
];

const GENERIC: Record<number, { code: string; message: string; messageEn: string }> = {
  400: { code: 'bad_request', message: '请求格式错误。', messageEn: 'The request is malformed.' },
  401: { code: 'unauthenticated', message: '请先登录。', messageEn: 'Log in first.' },
  403: { code: 'forbidden', message: '无权执行此操作。', messageEn: 'You may not do this.' },
  404: { code: 'not_found', message: '资源不存在。', messageEn: 'Not found.' },
  413: { code: 'payload_too_large', message: '上传内容过大。', messageEn: 'The upload is too large.' },
  415: { code: 'unsupported_media_type', message: '不支持的文件类型。', messageEn: 'This file type is not accepted.' },
};

function isHealthReport(r: unknown): boolean {
  return typeof r === 'object' && r !== null && 'status' in r && 'details' in r;
}

function isUnavailable(err: unknown): boolean {
  if (err instanceof ServiceError) return true;
  const e = err as { code?: string; name?: string; message?: string };
  if (['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', '57P01', '57P03', '08006', '08001'].includes(e?.code ?? '')) return true;
  return /connect|Connection terminated|timeout exceeded when trying to connect|UNAVAILABLE|DEADLINE_EXCEEDED/i.test(e?.message ?? '');
}
