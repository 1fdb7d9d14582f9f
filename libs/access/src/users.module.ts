import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';

/** Who a user is (the API's bearer guard, the CLI's --user): needs a TypeORM DataSource from the app. */
@Module({ providers: [UsersRepository], exports: [UsersRepository] })
export class UsersModule {}
