import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash } from 'argon2';
import { creditCodeProblem } from '@hazards/domain/enterprise/credit-code';
import { childLevel } from '@hazards/domain/hazard/vocabulary';
import { isForeignKeyViolation, isUniqueViolation } from '@hazards/persistence/postgres-errors';
import { ReferenceRepository } from '@hazards/persistence/reference/reference.repository';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import type { CreateEnterpriseDto, CreateJurisdictionDto, CreateUserDto } from './reference.dto';

/** Jurisdictions, enterprises and users: read by whoever may see them, managed by admins. */
@Injectable()
export class ReferenceService {
  constructor(private readonly reference: ReferenceRepository) {}

  /** The caller's subtree (supervisors, grid inspectors), their enterprise's chain (enterprise users), or all (admin). */
  async jurisdictions(user: AuthUser) {
    if (user.role === 'admin') return this.reference.allJurisdictions();
    if (user.jurisdictionPath) return this.reference.jurisdictionsUnder(user.jurisdictionPath);
    if (user.enterpriseId) return this.reference.jurisdictionsAboveEnterprise(user.enterpriseId);
    return [];
  }

  async enterprises(user: AuthUser) {
    if (user.role === 'admin') return this.reference.allEnterprises();
    if (user.jurisdictionPath) return this.reference.enterprisesUnder(user.jurisdictionPath);
    if (user.enterpriseId) return this.reference.enterprise(user.enterpriseId);
    return [];
  }

  async users(user: AuthUser) {
    if (user.role === 'admin') return this.reference.allUsers();
    if (user.role === 'supervisor' && user.jurisdictionPath) return this.reference.usersUnder(user.jurisdictionPath);
    return this.reference.user(user.id);
  }

  async createJurisdiction(dto: CreateJurisdictionDto) {
    let path = `/${dto.id}/`;
    if (dto.parentId) {
      const parent = await this.reference.jurisdictionPathAndLevel(dto.parentId);
      if (!parent)
        throw new ApiException(
          422,
          'unknown_parent',
          `上级辖区 ${dto.parentId} 不存在。`,
          `No parent jurisdiction ${dto.parentId}.`,
          'parentId',
        );
      const child = childLevel(parent.level);
      if (child !== dto.level) {
        throw new ApiException(
          422,
          'wrong_level',
          `${parent.level} 级辖区的下级应为 ${child ?? '（无）'}。`,
          `A ${parent.level} can only contain ${child ?? 'nothing'}.`,
          'level',
        );
      }
      path = `${parent.path}${dto.id}/`;
    } else if (dto.level !== 'city') {
      throw new ApiException(422, 'parent_required', '除市级外须指定上级辖区。', 'Only a city may have no parent.', 'parentId');
    }
    await this.insertOrConflict(
      () =>
        this.reference.insertJurisdiction({
          id: dto.id,
          name: dto.name,
          level: dto.level,
          kind: dto.kind,
          parentId: dto.parentId ?? null,
          path,
        }),
      'jurisdiction',
      dto.id,
    );
    return { ...dto, path };
  }

  async createEnterprise(dto: CreateEnterpriseDto) {
    const problem = creditCodeProblem(dto.creditCode);
    if (problem) {
      const why = {
        length: ['长度应为18位', 'must be 18 characters'],
        characters: ['含有不允许的字符（不使用 I、O、Z、S、V）', 'contains characters outside the code alphabet (no I, O, Z, S, V)'],
        check: ['校验码不正确', 'has a wrong check character'],
      }[problem];
      throw new ApiException(
        422,
        'invalid_credit_code',
        `统一社会信用代码${why[0]}。`,
        `The unified social credit code ${why[1]}.`,
        'creditCode',
      );
    }
    if ((await this.reference.jurisdictionLevel(dto.gridId)) !== 'grid')
      throw new ApiException(422, 'unknown_grid', `网格 ${dto.gridId} 不存在。`, `No grid ${dto.gridId}.`, 'gridId');
    await this.insertOrConflict(
      () =>
        this.reference.insertEnterprise({
          id: dto.id,
          name: dto.name,
          creditCode: dto.creditCode,
          gridId: dto.gridId,
          industry: dto.industry ?? null,
          principalName: dto.principalName ?? null,
          principalPhone: dto.principalPhone ?? null,
          principalEmail: dto.principalEmail ?? null,
        }),
      'enterprise',
      dto.id,
    );
    return dto;
  }

  async createUser(dto: CreateUserDto) {
    const needs: Record<string, [keyof CreateUserDto, string, string] | null> = {
      supervisor: ['jurisdictionId', '监管人员须绑定辖区', 'a supervisor must be bound to a jurisdiction'],
      grid_inspector: ['jurisdictionId', '网格员须绑定网格', 'a grid inspector must be bound to a grid'],
      enterprise: ['enterpriseId', '企业用户须绑定企业', 'an enterprise user must be bound to an enterprise'],
      assessor: null,
      admin: null,
    };
    const need = needs[dto.role];
    if (need && !dto[need[0]]) throw new ApiException(422, 'binding_required', need[1], need[2], need[0]);
    const id = randomUUID();
    // Hashed before the insert: the row never exists with an empty password hash.
    const passwordHash = await hash(dto.password);
    await this.insertOrConflict(
      () =>
        this.reference.insertUser({
          id,
          username: dto.username,
          passwordHash,
          displayName: dto.displayName,
          role: dto.role,
          jurisdictionId: dto.jurisdictionId ?? null,
          enterpriseId: dto.enterpriseId ?? null,
          departmentId: dto.departmentId ?? null,
          isSafetyDirector: dto.isSafetyDirector ?? false,
          email: dto.email ?? null,
        }),
      'user',
      dto.username,
    );
    const { password: _pw, ...rest } = dto;
    return { id, ...rest };
  }

  private async insertOrConflict(run: () => Promise<unknown>, what: string, id: string): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiException(409, 'already_exists', `${id} 已存在。`, `The ${what} ${id} already exists.`);
      if (isForeignKeyViolation(err))
        throw new ApiException(
          422,
          'unknown_reference',
          `引用的对象不存在（${(err as { detail?: string }).detail ?? ''}）。`,
          `A referenced object does not exist.`,
        );
      throw err;
    }
  }
}
