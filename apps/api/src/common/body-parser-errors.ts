import type { NextFunction, Request, Response } from 'express';
import type { AuditService } from '../audit/audit.service';
import type { ApiErrorBody } from '@hazards/api-contract/api-error';

/**
 * The JSON body parser runs as Express middleware, before Nest's pipeline: its errors (bad JSON,
 * too large, unknown charset) would otherwise reach Express's default handler and answer HTML.
 * This handler answers them in the one error shape and records the refusal like any other.
 */
export function bodyParserErrorHandler(audit: AuditService) {
  return (
    err: { status?: number; statusCode?: number; type?: string; message?: string; field?: string },
    req: Request,
    res: Response,
    next: NextFunction,
  ): void => {
    const status = err?.status ?? err?.statusCode;
    if (!status || status < 400 || status >= 500 || res.headersSent) return next(err);
    const body: ApiErrorBody =
      err.type === 'nul_byte'
        ? {
            statusCode: 400,
            code: 'nul_byte',
            message: '请求中含有空字符（NUL）。',
            messageEn: 'The request contains a NUL character.',
            field: err.field ?? 'body',
          }
        : err.type === 'entity.too.large'
          ? {
              statusCode: 413,
              code: 'payload_too_large',
              message: '请求体过大（JSON 不超过 1 MB）。',
              messageEn: 'The request body is too large (JSON up to 1 MB).',
              field: 'body',
            }
          : err.type === 'entity.parse.failed'
            ? {
                statusCode: 400,
                code: 'malformed_json',
                message: '请求体不是有效的 JSON。',
                messageEn: 'The request body is not valid JSON.',
                field: 'body',
              }
            : {
                statusCode: status,
                code: status === 415 ? 'unsupported_media_type' : 'bad_request',
                message: '请求体无法解析。',
                messageEn: `The request body cannot be read (${err.message ?? err.type}).`,
                field: 'body',
              };
    const id = (req as Request & { id?: unknown }).id;
    if (typeof id === 'string') body.requestId = id;
    audit
      .recordRefusal(req, body)
      .catch(() => undefined)
      .finally(() => res.status(body.statusCode).json(body));
  };
}
