import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';

/** A test file's connections to the suite's Temporal dev server (TEMPORAL_ADDRESS, set by the global setup). */
export interface DevServerClients {
  connection: Connection;
  client: Client;
  /** For the test's own workers. */
  nativeConnection: NativeConnection;
}

/** Connects, with the SDK's native logs cut to errors (the workers' warnings would flood the output). */
export async function connectToDevServer(): Promise<DevServerClients> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    /* already installed in this test file */
  }
  const address = process.env.TEMPORAL_ADDRESS!;
  const connection = await Connection.connect({ address });
  return { connection, client: new Client({ connection }), nativeConnection: await NativeConnection.connect({ address }) };
}

export async function closeDevServerClients(c: DevServerClients | undefined): Promise<void> {
  await c?.nativeConnection.close();
  await c?.connection.close();
}
