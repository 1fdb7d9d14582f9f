import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { jwtModuleOptions } from './jwt-secret';
import { AppConfig } from '@hazards/config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerAuthGuard } from './bearer-auth.guard';
import { LoginGuardRepository } from '@hazards/persistence/auth/login-guard.repository';
import { LoginThrottle } from './login-throttle';
import { UsersModule } from '@hazards/access/users.module';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: jwtModuleOptions,
    }),
    UsersModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginGuardRepository, LoginThrottle, { provide: APP_GUARD, useClass: BearerAuthGuard }],
  exports: [UsersModule],
})
export class AuthModule {}
