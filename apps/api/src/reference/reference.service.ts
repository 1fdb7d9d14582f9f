import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { hash } from 'argon2';
import { DataSource } from 'typeorm';
import { creditCodeProblem } from '@hazards/domain/enterprise/credit-code';
import { childLevel, type JurisdictionLevel } from '@hazards/domain/hazard/vocabulary';
import type { AuthUser } from '@hazards/access/auth-user';
import { ApiException } from '@hazards/api-contract/api-error';
import type { CreateEnterpriseDto, CreateJurisdictionDto, CreateUserDto } from './reference.dto';

/** Jurisdictions, enterprises and users: read by whoever may see them, managed by admins. */
@Injectable()
export class ReferenceService {
  constructor(private readonly ds: DataSource) {}

  /** The caller's subtree (supervisors, grid inspectors), their enterprise's chain (enterprise users), or all (admin). */
  async jurisdictions(user: AuthUser) {
    if (user.role === 'admin')
      return this.ds.query('select id, name, level, kind, parent_id as "parentId", path from jurisdictions order by path');
    if (user.jurisdictionPath) {
      return this.ds.query(
        'select id, name, level, kind, parent_id as "parentId", path from jurisdictions where path like $1 order by path',
        [user.jurisdictionPath + '%'],
      );
    }
    if (user.enterpriseId) {
      return this.ds.query(
        `select j.id, j.name, j.level, j.kind, j.parent_id as "parentId", j.path from jurisdictions j
         join enterprises e on e.id = $1 join jurisdictions g on g.id = e.grid_id where g.path like j.path || '%' order by j.path`,
        [user.enterpriseId],
      );
    }
    return [];
  }

  async enterprises(user: AuthUser) {
    const cols = `e.id, e.name, e.credit_code as "creditCode", e.grid_id as "gridId", e.industry, e.principal_name as "principalName", j.path as "jurisdictionPath"`;
    if (user.role === 'admin')
      return this.ds.query(`select ${cols} from enterprises e join jurisdictions j on j.id = e.grid_id order by e.id`);
    if (user.jurisdictionPath)
      return this.ds.query(
        `select ${cols} from enterprises e join jurisdictions j on j.id = e.grid_id where j.path like $1 order by e.id`,
        [user.jurisdictionPath + '%'],
      );
    if (user.enterpriseId)
      return this.ds.query(`select ${cols} from enterprises e join jurisdictions j on j.id = e.grid_id where e.id = $1`, [
        user.enterpriseId,
      ]);
    return [];
  }

  async users(user: AuthUser) {
    const cols = `u.id, u.username, u.display_name as "displayName", u.role, u.jurisdiction_id as "jurisdictionId", u.enterprise_id as "enterpriseId", u.is_safety_director as "isSafetyDirector", u.active`;
    if (user.role === 'admin') return this.ds.query(`select ${cols} from users u order by u.username`);
    if (user.role === 'supervisor' && user.jurisdictionPath) {
      return this.ds.query(
        `select ${cols} from users u left join jurisdictions j on j.id = u.jurisdiction_id left join enterprises e on e.id = u.enterprise_id
         left join jurisdictions g on g.id = e.grid_id where coalesce(j.path, g.path) like $1 order by u.username`,
        [user.jurisdictionPath + '%'],
      );
    }
    return this.ds.query(`select ${cols} from users u where u.id = $1`, [user.id]);
  }

  async createJurisdiction(dto: CreateJurisdictionDto) {
    let path = `/${dto.id}/`;
    if (dto.parentId) {
      const parent: { path: string; level: JurisdictionLevel }[] = await this.ds.query(
        'select path, level from jurisdictions where id = $1',
        [dto.parentId],
      );
      if (!parent[0])
        throw new ApiException(
          422,
          'unknown_parent',
          `上级辖区 ${dto.parentId} 不存在。`,
          `No parent jurisdiction ${dto.parentId}.`,
          'parentId',
        );
      const child = childLevel(parent[0].level);
      if (child !== dto.level) {
        throw new ApiException(
          422,
          'wrong_level',
          `${parent[0].level} 级辖区的下级应为 ${child ?? '（无）'}。`,
          `A ${parent[0].level} can only contain ${child ?? 'nothing'}.`,
          'level',
        );
      }
      path = `${parent[0].path}${dto.id}/`;
    } else if (dto.level !== 'city') {
      throw new ApiException(422, 'parent_required', '除市级外须指定上级辖区。', 'Only a city may have no parent.', 'parentId');
    }
    await this.insertOrConflict(
      () =>
        this.ds.query('insert into jurisdictions (id, name, level, kind, parent_id, path) values ($1,$2,$3,$4,$5,$6)', [
          dto.id,
          dto.name,
          dto.level,
          dto.kind,
          dto.parentId ?? null,
          path,
        ]),
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
    const grid: { level: string }[] = await this.ds.query('select level from jurisdictions where id = $1', [dto.gridId]);
    if (grid[0]?.level !== 'grid')
      throw new ApiException(422, 'unknown_grid', `网格 ${dto.gridId} 不存在。`, `No grid ${dto.gridId}.`, 'gridId');
    await this.insertOrConflict(
      () =>
        this.ds.query(
          `insert into enterprises (id, name, credit_code, grid_id, industry, principal_name, principal_phone, principal_email) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [
            dto.id,
            dto.name,
            dto.creditCode,
            dto.gridId,
            dto.industry ?? null,
            dto.principalName ?? null,
            dto.principalPhone ?? null,
            dto.principalEmail ?? null,
          ],
        ),
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
        this.ds.query(
          `insert into users (id, username, password_hash, display_name, role, jurisdiction_id, enterprise_id, department_id, is_safety_director, email)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [
            id,
            dto.username,
            passwordHash,
            dto.displayName,
            dto.role,
            dto.jurisdictionId ?? null,
            dto.enterpriseId ?? null,
            dto.departmentId ?? null,
            dto.isSafetyDirector ?? false,
            dto.email ?? null,
          ],
        ),
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
      const code = (err as { code?: string }).code;
      if (code === '23505') throw new ApiException(409, 'already_exists', `${id} 已存在。`, `The ${what} ${id} already exists.`);
      if (code === '23503')
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
