import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ApiException } from '@hazards/api-contract/api-error';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import type { AuthUser } from '@hazards/access/auth-user';
import { verifiedSubject } from './jwt-secret';
import { UsersRepository } from '@hazards/access/users.repository';

const unauthenticated = () =>
  new ApiException(
    401,
    'unauthenticated',
    '请先登录（缺少或无效的令牌）。',
    'Log in first: the bearer token is missing, invalid or expired.',
  );

/** Global guard: every route needs a valid bearer token unless @Public(); @Roles() narrows it. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw unauthenticated();
    const sub = await verifiedSubject(this.jwt, token);
    if (!sub) throw unauthenticated();
    const user: AuthUser | null = await this.users.findActive(sub);
    if (!user) throw unauthenticated();
    req.user = user;
    // An answer for one user is never kept by a browser or a proxy for the next one.
    ctx.switchToHttp().getResponse().setHeader('Cache-Control', 'no-store');
    const roles = this.reflector.getAllAndOverride<AuthUser['role'][] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) {
      throw new ApiException(403, 'role_not_allowed', '您的角色无权执行此操作。', `Your role (${user.role}) may not do this.`);
    }
    return true;
  }
}
