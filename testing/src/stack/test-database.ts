import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@hazards/persistence/data-source-options';

/** A connection pool (the apps' role) to the test stack's database. */
export async function openTestDataSource(poolSize = 4): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through npm test (the test stack sets it)');
  return new DataSource(dataSourceOptions(url, poolSize)).initialize();
}
