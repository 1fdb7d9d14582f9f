import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS } from '@hazards/domain/notifications/channels';

/** Response schemas of the inbox and channel-preference routes (OpenAPI only; the services return plain objects of this shape). */
export class MarkReadResultDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When it was first read (marking it again keeps the first time)' })
  readAt: Date;
}

export class MarkAllReadResultDto {
  @ApiProperty({ description: 'Messages that were unread and are now read' }) updated: number;
}

export class PreferenceViewDto {
  @ApiProperty({ enum: ['user', 'enterprise', 'department', 'jurisdiction'] }) scope: string;
  @ApiProperty({ description: 'The user or jurisdiction id the setting belongs to' }) scopeId: string;
  @ApiProperty({ enum: CHANNELS }) channel: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { url: 'https://oapi.dingtalk.com/robot/send?access_token=…', secretSet: true },
    description: 'address / url as set; a secret is never returned, only `secretSet: true`',
  })
  target: Record<string, unknown>;
}
