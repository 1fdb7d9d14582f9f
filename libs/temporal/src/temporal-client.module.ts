import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '@hazards/config';

/**
 * The Temporal client, connected lazily: the API starts and reports Temporal as down rather
 * than failing to boot, and reconnects by itself when the server returns.
 */
@Injectable()
export class TemporalClientService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.connection = Connection.lazy({ address: config.get('TEMPORAL_ADDRESS'), connectTimeout: 5000 });
    this.client = new Client({ connection: this.connection, namespace: config.get('TEMPORAL_NAMESPACE') });
    this.taskQueue = config.get('TEMPORAL_TASK_QUEUE');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}

@Global()
@Module({ providers: [TemporalClientService], exports: [TemporalClientService] })
export class TemporalClientModule {}
