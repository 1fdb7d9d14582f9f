import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import {
  DuplicateCandidateRepository,
  DuplicateProbeError,
  type DuplicateProbe,
} from '@hazards/persistence/duplicates/duplicate-candidates.repository';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { insertReportRows, type ReportRow } from '@hazards/testing/fixtures/report-rows';

const DAY = 86_400_000;
const rules = DEFAULT_POLICY.duplicates!;
/** The inspection's visit: 2026-03-13 10:00 Asia/Shanghai. */
const INSPECTED_AT = new Date('2026-03-13T10:00:00+08:00');
const daysBefore = (days: number) => new Date(INSPECTED_AT.getTime() - days * DAY);

/** What the county's inspection group (监督检查) wrote about the methanol tanks' gas detector. */
const inspection = (enterpriseId: string, over: Partial<DuplicateProbe> = {}): DuplicateProbe => ({
  enterpriseId,
  description: '2号储罐区可燃气体检测报警器失效，不能正常检测报警，不符合GB/T 50493-2019的规定',
  location: '二号储罐区甲醇罐组',
  reportedAt: INSPECTED_AT,
  ...over,
});

/** The enterprise's own report of the same detector, eleven days earlier, in its own shorthand. */
const selfInspection = (enterpriseId: string, over: Partial<ReportRow> = {}): ReportRow => ({
  id: randomUUID(),
  enterpriseId,
  source: '企业自查',
  description: '2#罐区甲醇储罐旁GDS可燃气体探头失效，检测值无显示',
  location: '2#罐区',
  reportedAt: daysBefore(11),
  ...over,
});

describe('duplicate candidates (重复隐患): the same hazard reported by another source', () => {
  let ds: DataSource;
  let repo: DuplicateCandidateRepository;
  const enterprise = () => `ent-dup-${randomBytes(4).toString('hex')}`;
  const ids = (found: { hazardId: string }[]) => found.map((c) => c.hazardId);

  beforeAll(async () => {
    ds = await openTestDataSource();
    repo = new DuplicateCandidateRepository(ds);
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it("finds the enterprise's own report when an inspection rewords it, and not its other hazards in the same tank farm or of the same kind elsewhere", async () => {
    const ent = enterprise();
    const own = selfInspection(ent);
    const dikeCrack: ReportRow = {
      id: randomUUID(),
      enterpriseId: ent,
      source: '企业自查',
      reportedAt: daysBefore(6),
      description: '2#罐区防火堤东侧有裂缝，穿堤管道处未封堵',
      location: '2#罐区防火堤',
    };
    const warehouseDetector: ReportRow = {
      id: randomUUID(),
      enterpriseId: ent,
      source: '企业自查',
      reportedAt: daysBefore(3),
      description: '甲类仓库可燃气体报警器未定期标定',
      location: '甲类仓库',
    };
    const gridPatrol: ReportRow = {
      id: randomUUID(),
      enterpriseId: ent,
      source: '网格巡查',
      reportedAt: daysBefore(8),
      description: '储罐区可燃气体报警器坏了不报警，企业一直没修',
      location: '2号储罐区',
    };
    await insertReportRows(ds, [own, dikeCrack, warehouseDetector, gridPatrol]);

    const found = await repo.find(inspection(ent), rules);

    expect(ids(found).sort()).toEqual([own.id, gridPatrol.id].sort());
    const mine = found.find((c) => c.hazardId === own.id)!;
    expect(mine).toMatchObject({ source: '企业自查', location: '2#罐区', status: 'rectifying', reportedAt: daysBefore(11).toISOString() });
    expect(mine.descriptionSimilarity).toBeGreaterThanOrEqual(rules.minDescriptionSimilarity);
    expect(mine.locationSimilarity).toBeGreaterThanOrEqual(rules.minLocationSimilarity);
    // Most similar first.
    expect(found[0].descriptionSimilarity).toBeGreaterThanOrEqual(found[1].descriptionSimilarity);
  });

  it('a grid inspector who gives no location is matched on the description alone', async () => {
    const ent = enterprise();
    const own = selfInspection(ent);
    await insertReportRows(ds, [own]);
    const found = await repo.find(inspection(ent, { location: null, description: '2号罐区可燃气体报警器失效，不能报警' }), rules);
    expect(ids(found)).toEqual([own.id]);
    expect(found[0].locationSimilarity).toBeNull();
  });

  it('the same words at another enterprise are never a candidate', async () => {
    const [ent, neighbour] = [enterprise(), enterprise()];
    const sameWords = selfInspection(neighbour, { description: inspection(ent).description, location: inspection(ent).location! });
    await insertReportRows(ds, [sameWords]);
    expect(await repo.find(inspection(ent), rules)).toEqual([]);
    expect(ids(await repo.find(inspection(neighbour), rules))).toEqual([sameWords.id]);
  });

  it(`looks ${rules.windowDays} days back and ahead of the report, and the window is the policy's`, async () => {
    const ent = enterprise();
    const inside = selfInspection(ent, { reportedAt: daysBefore(rules.windowDays - 1) });
    const outside = selfInspection(ent, { reportedAt: daysBefore(rules.windowDays + 1) });
    // An import may bring a report older than hazards already registered.
    const later = selfInspection(ent, { reportedAt: daysBefore(-20) });
    await insertReportRows(ds, [inside, outside, later]);
    expect(ids(await repo.find(inspection(ent), rules)).sort()).toEqual([inside.id, later.id].sort());
    expect(ids(await repo.find(inspection(ent), { ...rules, windowDays: 30 }))).toEqual([later.id]);
  });

  it('an open or recently closed hazard is a candidate; one closed long ago or withdrawn is not', async () => {
    const ent = enterprise();
    const recentlyClosed = selfInspection(ent, {
      status: 'closed',
      reportedAt: daysBefore(rules.windowDays - 1),
      closedAt: daysBefore(rules.recentlyClosedDays - 5),
    });
    const closedLongAgo = selfInspection(ent, {
      status: 'closed',
      reportedAt: daysBefore(rules.windowDays - 1),
      closedAt: daysBefore(rules.recentlyClosedDays + 5),
    });
    const withdrawn = selfInspection(ent, { status: 'withdrawn' });
    const listed = selfInspection(ent, { status: 'listed' });
    await insertReportRows(ds, [recentlyClosed, closedLongAgo, withdrawn, listed]);
    const found = await repo.find(inspection(ent), rules);
    expect(ids(found).sort()).toEqual([recentlyClosed.id, listed.id].sort());
    expect(found.find((c) => c.hazardId === recentlyClosed.id)).toMatchObject({
      status: 'closed',
      closedAt: daysBefore(rules.recentlyClosedDays - 5).toISOString(),
    });
  });

  it('a registered report does not find itself, and at most maxCandidates come back', async () => {
    const ent = enterprise();
    const copies = Array.from({ length: rules.maxCandidates + 2 }, (_, i) => selfInspection(ent, { reportedAt: daysBefore(11 + i) }));
    await insertReportRows(ds, copies);
    const found = await repo.find(
      { ...inspection(ent), description: copies[0].description, location: copies[0].location, excludeHazardId: copies[0].id },
      rules,
    );
    expect(found).toHaveLength(rules.maxCandidates);
    expect(ids(found)).not.toContain(copies[0].id);
  });

  it('refuses an oversized description before querying', async () => {
    await expect(repo.find(inspection(enterprise(), { description: '隐'.repeat(2001) }), rules)).rejects.toBeInstanceOf(
      DuplicateProbeError,
    );
  });
});
