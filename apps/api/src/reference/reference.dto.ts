import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { msg, Trim } from '@hazards/api-contract/dto-helpers';

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class CreateJurisdictionDto {
  @ApiProperty({ example: 'xiting' })
  @Matches(ID, msg('编号须为小写字母、数字和连字符', 'id must be lowercase letters, digits and dashes'))
  id: string;
  @ApiProperty({ example: '西亭镇' })
  @Trim()
  @IsString()
  @Length(1, 100, msg('名称长度为1–100', 'name must be 1–100 characters'))
  name: string;
  @ApiProperty({ enum: ['city', 'county', 'township', 'grid'] })
  @IsIn(['city', 'county', 'township', 'grid'], msg('级别无效', 'level must be city, county, township or grid'))
  level: 'city' | 'county' | 'township' | 'grid';
  @ApiProperty({ example: '镇', description: '市, 县, 县级市, 区, 开发区, 镇, 园区, 街道, 网格' })
  @Trim()
  @IsString()
  @Length(1, 20)
  kind: string;
  @ApiPropertyOptional({ example: 'tongzhou' })
  @IsOptional()
  @Matches(ID, msg('上级编号无效', 'parentId is not a valid id'))
  parentId?: string;
}

export class CreateEnterpriseDto {
  @ApiProperty({ example: 'ent-xiting-steel' })
  @Matches(ID, msg('编号须为小写字母、数字和连字符', 'id must be lowercase letters, digits and dashes'))
  id: string;
  @ApiProperty({ example: '南通西亭钢结构有限公司' })
  @Trim()
  @IsString()
  @Length(2, 200, msg('企业名称长度为2–200', 'name must be 2–200 characters'))
  name: string;
  @ApiProperty({ example: '91320612MA1N0C0017', description: '统一社会信用代码 (GB 32100-2015, check character verified)' })
  @Trim()
  @IsString()
  @Length(18, 18, msg('统一社会信用代码须为18位', 'creditCode must be 18 characters'))
  creditCode: string;
  @ApiProperty({ example: 'jinsha-g1' }) @Matches(ID, msg('网格编号无效', 'gridId is not a valid id')) gridId: string;
  @ApiPropertyOptional({ example: '制造业' }) @IsOptional() @Trim() @IsString() @Length(1, 100) industry?: string;
  @ApiPropertyOptional({ description: '主要负责人' }) @IsOptional() @Trim() @IsString() @Length(1, 50) principalName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @Matches(/^[0-9+\-\s]{5,20}$/, msg('电话号码无效', 'principalPhone is not a phone number'))
  principalPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, msg('邮箱无效', 'principalEmail is not an e-mail address')) principalEmail?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'xiting' })
  @Matches(/^[a-zA-Z0-9._-]{2,64}$/, msg('用户名须为2–64位字母、数字或 ._-', 'username must be 2–64 letters, digits or ._-'))
  username: string;
  @ApiProperty() @IsString() @Length(8, 128, msg('密码至少8位', 'password must be at least 8 characters')) password: string;
  @ApiProperty({ example: '西亭镇安监 王干事' }) @Trim() @IsString() @Length(1, 100) displayName: string;
  @ApiProperty({ enum: ['enterprise', 'grid_inspector', 'supervisor', 'assessor', 'admin'] })
  @IsIn(['enterprise', 'grid_inspector', 'supervisor', 'assessor', 'admin'], msg('角色无效', 'unknown role'))
  role: 'enterprise' | 'grid_inspector' | 'supervisor' | 'assessor' | 'admin';
  @ApiPropertyOptional() @IsOptional() @Matches(ID) jurisdictionId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) enterpriseId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID) departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isSafetyDirector?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, msg('邮箱无效', 'email is not an e-mail address')) email?: string;
}

// ---- response schemas -------------------------------------------------------------------------

export class JurisdictionDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['city', 'county', 'township', 'grid'] }) level: string;
  @ApiProperty({ example: '镇' }) kind: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty({ example: '/nantong/tongzhou/xiting/' }) path: string;
}

export class EnterpriseDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: '统一社会信用代码' }) creditCode: string;
  @ApiProperty() gridId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) industry?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: '主要负责人' }) principalName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) principalPhone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) principalEmail?: string | null;
  @ApiPropertyOptional({ description: "Lists: the grid's path" }) jurisdictionPath?: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['enterprise', 'grid_inspector', 'supervisor', 'assessor', 'admin'] }) role: string;
  @ApiPropertyOptional({ type: String, nullable: true }) jurisdictionId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) enterpriseId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) departmentId?: string | null;
  @ApiPropertyOptional() isSafetyDirector?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) email?: string | null;
  @ApiPropertyOptional() active?: boolean;
}
