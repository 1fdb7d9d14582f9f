import { DataSource } from 'typeorm';
import { DEMO_DEPARTMENTS, DEMO_ENTERPRISES, DEMO_JURISDICTIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { seedDemoStatistics } from './demo-statistics.seeder';
import { seedDepartments, seedEnterprises, seedJurisdictions, seedUsers } from './reference-data.seeder';

/** Seeds the demo on a database with no jurisdictions yet; returns false when there was data already. */
export async function seedDemoIfEmpty(ds: DataSource): Promise<boolean> {
  const rows: { n: string }[] = await ds.query('select count(*)::text as n from jurisdictions');
  if (Number(rows[0].n) > 0) return false;
  await ds.transaction(async (m) => {
    await seedJurisdictions(m, DEMO_JURISDICTIONS);
    await seedDepartments(m, DEMO_DEPARTMENTS);
    await seedEnterprises(m, DEMO_ENTERPRISES);
    await seedUsers(
      m,
      DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })),
    );
    await seedDemoStatistics(m);
  });
  return true;
}
