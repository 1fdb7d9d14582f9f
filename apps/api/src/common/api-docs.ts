import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorBody } from '@hazards/api-contract/api-error';

/** What each error status means in this API; every one answers the one error shape (ApiErrorBody). */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: '请求格式错误（未知字段、类型错误、超长、日期缺少时区），field 指出问题字段 / Malformed: unknown field, wrong type, too long, date without offset; `field` names it',
  401: '未登录或令牌无效 / Not logged in: the bearer token is missing, invalid or expired',
  403: '无权执行（角色、辖区或层级不符） / Not allowed: role, jurisdiction or level may not take this action',
  404: '不存在或无权查看 / Unknown, or not visible to the caller',
  409: "当前状态不允许（工作流给出原因） / Illegal in the current state (the workflow's reason)",
  413: '上传内容过大 / The upload is too large',
  415: '不支持的文件类型 / File type not accepted',
  422: '语义无效 / Semantically invalid',
  423: '账号已锁定 / Account locked after repeated failed logins',
  429: '请求过于频繁 / Rate-limited',
  503: '操作未能在时限内完成，可能仍会生效（action_pending）：请查看后以同一 Idempotency-Key 重试；工作流引擎未能处理，操作未生效（action_not_applied）：请重试；或后端服务不可用（service_unavailable） / The action did not finish in time and may still take effect (action_pending): look, then retry with the same Idempotency-Key; the workflow engine could not process it and it was not applied (action_not_applied): retry; or a backing service is unavailable (service_unavailable)',
};

/**
 * Documents the error answers of a route, each with the one error shape (JSON). 429 (rate limit)
 * applies to every route and is always added.
 */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ApiErrorBody),
    // Always JSON, also on routes that @ApiProduces() a file: an error is never a zip or a PDF.
    ...[...new Set([...statuses, 429])].sort().map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status],
        content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } } },
      }),
    ),
  );
