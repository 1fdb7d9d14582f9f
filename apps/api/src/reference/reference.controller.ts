import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiErrors } from '../common/api-docs';
import { CreateEnterpriseDto, CreateJurisdictionDto, CreateUserDto, EnterpriseDto, JurisdictionDto, UserDto } from './reference.dto';
import { ReferenceService } from './reference.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  constructor(private readonly ref: ReferenceService) {}

  @Get('jurisdictions')
  @ApiOkResponse({ type: [JurisdictionDto] })
  @ApiErrors(401)
  @ApiOperation({ summary: '辖区 / Jurisdictions the caller may see (their subtree)' })
  jurisdictions(@CurrentUser() u: AuthUser) {
    return this.ref.jurisdictions(u);
  }

  @Post('jurisdictions')
  @Roles('admin')
  @ApiCreatedResponse({ type: JurisdictionDto })
  @ApiErrors(400, 401, 403, 409, 422)
  @ApiOperation({ summary: '新增辖区 / Add a jurisdiction or grid (admin)' })
  createJurisdiction(@Body() dto: CreateJurisdictionDto) {
    return this.ref.createJurisdiction(dto);
  }

  @Get('enterprises')
  @ApiOkResponse({ type: [EnterpriseDto] })
  @ApiErrors(401)
  @ApiOperation({ summary: '企业 / Enterprises the caller may see' })
  enterprises(@CurrentUser() u: AuthUser) {
    return this.ref.enterprises(u);
  }

  @Post('enterprises')
  @Roles('admin')
  @ApiCreatedResponse({ type: EnterpriseDto })
  @ApiErrors(400, 401, 403, 409, 422)
  @ApiOperation({ summary: '新增企业 / Add an enterprise (统一社会信用代码 validated; admin)' })
  createEnterprise(@Body() dto: CreateEnterpriseDto) {
    return this.ref.createEnterprise(dto);
  }

  @Get('users')
  @ApiOkResponse({ type: [UserDto] })
  @ApiErrors(401)
  @ApiOperation({ summary: '用户 / Users the caller may see (admin: all; supervisors: their subtree)' })
  users(@CurrentUser() u: AuthUser) {
    return this.ref.users(u);
  }

  @Post('users')
  @Roles('admin')
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 401, 403, 409, 422)
  @ApiOperation({ summary: '新增用户 / Add a user (password stored with argon2; admin)' })
  createUser(@Body() dto: CreateUserDto) {
    return this.ref.createUser(dto);
  }
}
