import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrorBody } from '../common/api-error';
import { CreateEnterpriseDto, CreateJurisdictionDto, CreateUserDto } from './reference.dto';
import { ReferenceService } from './reference.service';

@ApiTags('reference data')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ApiErrorBody })
@Controller()
export class ReferenceController {
  constructor(private readonly ref: ReferenceService) {}

  @Get('jurisdictions') @ApiOperation({ summary: '辖区 / Jurisdictions the caller may see (their subtree)' })
  jurisdictions(@CurrentUser() u: AuthUser) { return this.ref.jurisdictions(u); }

  @Post('jurisdictions') @Roles('admin') @ApiOperation({ summary: '新增辖区 / Add a jurisdiction or grid (admin)' })
  @ApiResponse({ status: 422, type: ApiErrorBody })
  createJurisdiction(@Body() dto: CreateJurisdictionDto) { return this.ref.createJurisdiction(dto); }

  @Get('enterprises') @ApiOperation({ summary: '企业 / Enterprises the caller may see' })
  enterprises(@CurrentUser() u: AuthUser) { return this.ref.enterprises(u); }

  @Post('enterprises') @Roles('admin') @ApiOperation({ summary: '新增企业 / Add an enterprise (统一社会信用代码 validated; admin)' })
  @ApiResponse({ status: 422, type: ApiErrorBody })
  createEnterprise(@Body() dto: CreateEnterpriseDto) { return this.ref.createEnterprise(dto); }

  @Get('users') @ApiOperation({ summary: '用户 / Users the caller may see (admin: all; supervisors: their subtree)' })
  users(@CurrentUser() u: AuthUser) { return this.ref.users(u); }

  @Post('users') @Roles('admin') @ApiOperation({ summary: '新增用户 / Add a user (password stored with argon2; admin)' })
  @ApiResponse({ status: 422, type: ApiErrorBody })
  createUser(@Body() dto: CreateUserDto) { return this.ref.createUser(dto); }
}
