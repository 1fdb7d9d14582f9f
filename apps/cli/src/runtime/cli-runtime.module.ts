import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsersModule } from '@hazards/access/users.module';
import { CliExitCode } from '../cli-command';
import { CliDatabase } from './cli-database';
import { CliTemporal } from './cli-temporal';
import { CliUsers } from './cli-users';

/**
 * What the CLI's commands and the shared services get by injection: the DataSource (as the API's
 * TypeOrmModule provides it, but connected only when a command opens it), Temporal, the user a
 * command acts as, and the exit code.
 */
@Global()
@Module({
  imports: [UsersModule],
  providers: [
    CliDatabase,
    { provide: DataSource, inject: [CliDatabase], useFactory: (db: CliDatabase) => db.dataSource },
    CliTemporal,
    CliUsers,
    CliExitCode,
  ],
  exports: [CliDatabase, DataSource, CliTemporal, CliUsers, CliExitCode],
})
export class CliRuntimeModule {}
