import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { cliSettings } from '@hazards/config/environment.schema';

/** The Temporal client of the commands that start workflows, connected when one asks for it. */
@Injectable()
export class CliTemporal implements OnApplicationShutdown {
  private connection?: Connection;

  async open(): Promise<{ client: Client; taskQueue: string }> {
    const settings = cliSettings();
    const address = settings.TEMPORAL_ADDRESS;
    if (!address)
      throw new Error(
        'TEMPORAL_ADDRESS 未设置，也没有正在运行的本地环境：先运行 npm start，或设置 TEMPORAL_ADDRESS / TEMPORAL_ADDRESS is not set and no local stack is running: run npm start, or set TEMPORAL_ADDRESS (host:port)',
      );
    this.connection ??= await Connection.connect({ address });
    return {
      client: new Client({ connection: this.connection, namespace: settings.TEMPORAL_NAMESPACE }),
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
