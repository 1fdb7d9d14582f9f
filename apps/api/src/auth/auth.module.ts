import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { jwtModuleOptions } from './jwt-secret';
import { AppConfig } from '../../../../libs/config/src';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerAuthGuard } from './bearer-auth.guard';
import { LoginGuardRepository } from './login-guard.repository';
import { LoginThrottle } from './login-throttle';
import { UsersRepository } from '../../../../libs/access/src/users.repository';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: jwtModuleOptions,
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, UsersRepository, LoginGuardRepository, LoginThrottle, { provide: APP_GUARD, useClass: BearerAuthGuard }],
  exports: [UsersRepository],
})
export class AuthModule {}
