import { Body, Controller, Get, Param, ParseEnumPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { CHANNELS, type ChannelName } from '@hazards/domain/notifications/channels';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { ApiException } from '@hazards/api-contract/api-error';
import { ChannelPreferencesService } from './channel-preferences.service';
import { PreferenceViewDto } from './notification-responses.dto';

const CHANNEL_ENUM = Object.fromEntries(CHANNELS.map((c) => [c, c]));
/** An unknown channel in the path is a validation error that names the field, like any other. */
const ChannelPipe = () =>
  new ParseEnumPipe(CHANNEL_ENUM, {
    exceptionFactory: () =>
      new ApiException(
        400,
        'validation_failed',
        `通知渠道须为 ${CHANNELS.join('、')} 之一。`,
        `channel must be one of ${CHANNELS.join(', ')}.`,
        'channel',
      ),
  });

export class ChannelPreferenceDto {
  @ApiProperty({ description: '是否接收 / receive on this channel' }) @IsBoolean() enabled: boolean;
  @ApiPropertyOptional({ description: 'E-mail override' }) @IsOptional() @IsEmail() address?: string;
  @ApiPropertyOptional({
    description:
      'Robot or webhook URL: https://oapi.dingtalk.com/robot/send?access_token=…, https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…, or a URL allowed by WEBHOOK_ALLOWED_URLS (422 otherwise)',
  })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  url?: string;
  @ApiPropertyOptional({ description: 'DingTalk 加签 secret or webhook HMAC secret; never returned' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;
}

const targetOf = (b: ChannelPreferenceDto) =>
  Object.fromEntries(Object.entries({ address: b.address, url: b.url, secret: b.secret }).filter(([, v]) => v !== undefined));

@ApiTags('notification preferences')
@ApiBearerAuth()
@Controller('notification-preferences')
export class ChannelPreferencesController {
  constructor(private readonly prefs: ChannelPreferencesService) {}

  @Get('me')
  @ApiOperation({ summary: '我的通知渠道 / My channel settings (unset: inbox + e-mail)' })
  @ApiOkResponse({ type: [PreferenceViewDto] })
  @ApiErrors(401)
  mine(@CurrentUser() u: AuthUser) {
    return this.prefs.mine(u);
  }

  @Put('me/:channel')
  @ApiParam({ name: 'channel', enum: CHANNELS })
  @ApiOperation({ summary: '设置我的通知渠道 / Switch one of my channels on or off' })
  @ApiOkResponse({ type: PreferenceViewDto })
  @ApiErrors(400, 401, 422)
  setMine(@CurrentUser() u: AuthUser, @Param('channel', ChannelPipe()) channel: ChannelName, @Body() b: ChannelPreferenceDto) {
    return this.prefs.setMine(u, channel, b.enabled, targetOf(b));
  }

  @Get('jurisdictions/:id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "辖区通知渠道 / A jurisdiction's channels (e.g. its group robot)" })
  @ApiOkResponse({ type: [PreferenceViewDto] })
  @ApiErrors(401, 403, 404)
  ofJurisdiction(@CurrentUser() u: AuthUser, @Param('id') id: string) {
    return this.prefs.forJurisdiction(u, id);
  }

  @Put('jurisdictions/:id/:channel')
  @Roles('admin', 'supervisor')
  @ApiParam({ name: 'channel', enum: CHANNELS })
  @ApiOperation({ summary: "设置辖区通知渠道 / Configure a jurisdiction's channel (applies below it)" })
  @ApiOkResponse({ type: PreferenceViewDto })
  @ApiErrors(400, 401, 403, 404, 422)
  setJurisdiction(
    @CurrentUser() u: AuthUser,
    @Param('id') id: string,
    @Param('channel', ChannelPipe()) channel: ChannelName,
    @Body() b: ChannelPreferenceDto,
  ) {
    return this.prefs.setForJurisdiction(u, id, channel, b.enabled, targetOf(b));
  }
}
