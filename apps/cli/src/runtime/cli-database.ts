import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cliSettings } from '@hazards/config/environment.schema';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';

/**
 * The CLI's one PostgreSQL connection. The DataSource exists from the start (the shared services
 * inject it) but connects only when a command opens it, so `dossier verify` and `calendar
 * estimate` run without a database; it closes with the command.
 */
@Injectable()
export class CliDatabase implements OnApplicationShutdown {
  readonly dataSource = new DataSource(dataSourceOptions('', 12));

  async open(): Promise<DataSource> {
    const url = cliSettings().DATABASE_URL;
    if (!url)
      throw new Error(
        'DATABASE_URL 未设置，也没有正在运行的本地环境：先运行 npm start，或设置 DATABASE_URL / DATABASE_URL is not set and no local stack is running: run npm start, or set DATABASE_URL (a postgres:// URL)',
      );
    if (!this.dataSource.isInitialized) {
      this.dataSource.setOptions({ url });
      await this.dataSource.initialize();
    }
    return this.dataSource;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
