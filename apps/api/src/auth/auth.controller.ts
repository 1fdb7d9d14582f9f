import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request } from 'express';
import { ApiErrors } from '../common/api-docs';
import { Public, CurrentUser } from './auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { AuthService } from './auth.service';

export class LoginDto {
  @ApiProperty({ example: 'tongzhou' })
  @IsString({ message: '用户名必须是字符串 / username must be a string' })
  @Length(1, 64, { message: '用户名长度为1–64 / username must be 1–64 characters' })
  username: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsString({ message: '密码必须是字符串 / password must be a string' })
  @Length(1, 256, { message: '密码长度为1–256 / password must be 1–256 characters' })
  password: string;
}

export class AuthUserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['enterprise', 'grid_inspector', 'supervisor', 'assessor', 'admin'] }) role: string;
  @ApiProperty({ type: String, nullable: true, description: 'Supervisors and grid inspectors: their node' }) jurisdictionId: string | null;
  @ApiProperty({ type: String, enum: ['city', 'county', 'township', 'grid'], nullable: true }) jurisdictionLevel: string | null;
  @ApiProperty({ type: String, nullable: true, example: '/nantong/tongzhou/' }) jurisdictionPath: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Enterprise users: their enterprise' }) enterpriseId: string | null;
  @ApiProperty({ type: String, nullable: true }) departmentId: string | null;
  @ApiProperty() isSafetyDirector: boolean;
}

export class LoginResponse {
  @ApiProperty({ description: 'Bearer token, valid 12 hours' }) accessToken: string;
  @ApiProperty({ type: AuthUserDto, description: 'The caller: role, jurisdiction, enterprise' }) user: AuthUserDto;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录 / Log in with username and password; 5 failures lock the account for 5 minutes' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiErrors(400, 401, 423)
  login(@Req() req: Request, @Body() body: LoginDto) {
    return this.auth.login(req, body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户 / The caller' })
  @ApiOkResponse({ type: AuthUserDto })
  @ApiErrors(401)
  me(@CurrentUser() user: AuthUser) {
    return user;
  }
}
