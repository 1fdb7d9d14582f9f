import { HttpException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of the API: a stable code, zh-CN and English messages, the field if any. */
export class ApiErrorBody {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'plan_not_submitted', description: 'Stable machine code' }) code: string;
  @ApiProperty({ example: '尚未提交治理方案，不能审核。', description: 'zh-CN message' }) message: string;
  @ApiProperty({ example: 'No plan has been submitted yet, so there is nothing to decide.' }) messageEn: string;
  @ApiPropertyOptional({ example: 'reason', description: 'The request field that was wrong' }) field?: string;
  @ApiPropertyOptional({ description: 'Request id, for support' }) requestId?: string;
}

export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super({ statusCode: status, code, message: zh, messageEn: en, ...(field ? { field } : {}) }, status);
  }
}

export const notFound = (what = 'hazard') =>
  new ApiException(404, 'not_found', '对象不存在或无权查看。', `This ${what} does not exist or is not visible to you.`);

export const forbidden = (zh: string, en: string) => new ApiException(403, 'forbidden', zh, en);

/** A jurisdiction id that names none (a filter anyone may use: there is nothing to hide). */
export const noSuchJurisdiction = (id: string) =>
  new ApiException(422, 'unknown_jurisdiction', `辖区 ${id} 不存在。`, `No jurisdiction ${id}.`, 'jurisdictionId');

/** A jurisdiction outside the caller's subtree answers like one that does not exist: its existence is not theirs to learn. */
export const unknownJurisdiction = (id: string) =>
  new ApiException(
    422,
    'unknown_jurisdiction',
    `辖区 ${id} 不存在或不在您的管辖范围内。`,
    `No jurisdiction ${id} within your reach.`,
    'jurisdictionId',
  );
