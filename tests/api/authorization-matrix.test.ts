import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { BUNDLED_NOTICES } from '@hazards/domain/calendar/bundled-notices';
import { creditCodeCheckChar } from '@hazards/domain/enterprise/credit-code';
import { ALL_QUEUES } from '@hazards/events/queues';
import { PolicyMigrationsRepository } from '@hazards/persistence/policy-migrations/policy-migrations.repository';
import { DEFAULT_POLICY } from '@hazards/domain/policy/default-policy';
import { buildSimulationReport } from '@hazards/simulation/simulation-report';
import { startApi } from '@hazards/testing/api/api-app';
import { photoForm } from '@hazards/testing/files/evidence-files';
import { FIXTURE_STATES, FixtureState, HazardFixture, hazardIn, PLAN } from '@hazards/testing/fixtures/hazard-states';
import { inBatches } from '@hazards/testing/pool';
import { startHazardWorker } from '@hazards/testing/stack/hazard-worker';
import { ApiAnswer, apiClient } from '@hazards/testing/api/http-client';
import { createReferenceTree, ReferenceTree, TEST_PASSWORD } from '@hazards/testing/fixtures/reference-tree';
import { openTestDataSource } from '@hazards/testing/stack/test-database';
import { routeTable } from '@hazards/testing/api/route-table';

/*
 * Who may do what, for every route the API registers: each route × each kind of caller × an
 * object inside the caller's reach, one outside it, and one that does not exist. The expected
 * answer is worked out from the jurisdiction tree alone (below), never from the API's code:
 *   not logged in → 401; a role that may never call the route → 403;
 *   an object the caller may not know exists → 404; an action the caller may not take on it → 403;
 *   otherwise the route's success.
 */

// ---- the jurisdiction tree, as people in it see it ----------------------------------------------

type Side = 'A' | 'B';
type Obj = Side | 'unknown';
type Role = 'supervisor' | 'grid_inspector' | 'enterprise' | 'assessor' | 'admin';
type Node = 'city' | 'countyA' | 'countyB' | 'townA' | 'townB' | 'gridA' | 'gridB';
type Level = 'city' | 'county' | 'township' | 'grid';

interface Caller {
  key: string;
  role: Role | null;
  node?: Node;
  level?: Level;
  enterprise?: Side;
  user?: keyof ReferenceTree['users'];
}

/** 测试市 → 甲县 → 甲镇 → 甲镇一网格 → 甲化工 (side A); 测试市 → 乙区 → 乙街道 → 乙街道一网格 → 乙机械 (side B). */
const CALLERS: Caller[] = [
  { key: 'anonymous', role: null },
  { key: 'township A supervisor', role: 'supervisor', node: 'townA', level: 'township', user: 'townA' },
  { key: 'township B supervisor', role: 'supervisor', node: 'townB', level: 'township', user: 'townB' },
  { key: 'county A supervisor', role: 'supervisor', node: 'countyA', level: 'county', user: 'countyA' },
  { key: 'county B supervisor', role: 'supervisor', node: 'countyB', level: 'county', user: 'countyB' },
  { key: 'city supervisor', role: 'supervisor', node: 'city', level: 'city', user: 'city' },
  { key: 'grid A inspector', role: 'grid_inspector', node: 'gridA', level: 'grid', user: 'gridA' },
  { key: 'enterprise A', role: 'enterprise', enterprise: 'A', user: 'entA' },
  { key: 'enterprise B', role: 'enterprise', enterprise: 'B', user: 'entB' },
  { key: 'assessor', role: 'assessor', user: 'assessor' },
  { key: 'admin', role: 'admin', user: 'admin' },
];

const PARENT: Record<Node, Node | null> = {
  city: null,
  countyA: 'city',
  countyB: 'city',
  townA: 'countyA',
  townB: 'countyB',
  gridA: 'townA',
  gridB: 'townB',
};
const ancestorsOf = (n: Node): Node[] => (PARENT[n] ? [n, ...ancestorsOf(PARENT[n]!)] : [n]);
const subtreeOf = (n: Node): Node[] => (Object.keys(PARENT) as Node[]).filter((x) => ancestorsOf(x).includes(n));
const gridOf = (s: Side): Node => (s === 'A' ? 'gridA' : 'gridB');

/** Does the caller's node have the side's enterprise (its grid) in its subtree? */
const reaches = (c: Caller, s: Side) => !!c.node && ancestorsOf(gridOf(s)).includes(c.node);
const sees = (c: Caller, s: Side) =>
  c.role === 'admin' ||
  ((c.role === 'supervisor' || c.role === 'grid_inspector') && reaches(c, s)) ||
  (c.role === 'enterprise' && c.enterprise === s);
const supervisorIn = (c: Caller, s: Side) => c.role === 'supervisor' && reaches(c, s);
const supervisorAt = (c: Caller, s: Side, level: Level) => supervisorIn(c, s) && c.level === level;
const countySupervisor = (c: Caller, s: Side) => supervisorAt(c, s, 'county');
const townshipSupervisor = (c: Caller, s: Side) => supervisorAt(c, s, 'township');
/** The county (the fixtures' listing level) or the city above it. */
const countyOrAbove = (c: Caller, s: Side) => supervisorAt(c, s, 'county') || supervisorAt(c, s, 'city');
const inJurisdiction = (c: Caller, s: Side) => (c.role === 'supervisor' || c.role === 'grid_inspector') && reaches(c, s);
const ownEnterprise = (c: Caller, s: Side) => c.role === 'enterprise' && c.enterprise === s;
/** Supervision records (责任倒查) of a side: its supervisors' subtree, and admins. */
const supervises = (c: Caller, s: Side) => c.role === 'admin' || supervisorIn(c, s);
const townOf = (s: Side): Node => (s === 'A' ? 'townA' : 'townB');
const enterpriseOf = (s: Side) => (s === 'A' ? 'entA' : 'entB');
/** Statistics, bulletins, channels, 政策推演 of a side's township: admins, and the supervisors whose subtree holds it. */
const managesTown = (c: Caller, s: Side) => managesNode(c, townOf(s));
/** An import or 政策推演 run: A is the caller's own, B someone else's; admins see all. */
const ownOrAdmin = (c: Caller, s: Side) => s === 'A' || c.role === 'admin';
/** A campaign (大检查) of a side's township is worked on up and down its line: city, county, township, grid. */
const onLine = (c: Caller, s: Side) => c.role === 'admin' || reaches(c, s);
/** …and listed by those at or above it (its subtree's campaigns). */
const atOrAbove = (c: Caller, s: Side) => c.role === 'admin' || (!!c.node && subtreeOf(c.node).includes(townOf(s)));

/** Reference data a caller may read: their subtree; an enterprise its own chain; admin all. */
const visibleNodes = (c: Caller): Node[] =>
  c.role === 'admin' ? (Object.keys(PARENT) as Node[]) : c.node ? subtreeOf(c.node) : c.enterprise ? ancestorsOf(gridOf(c.enterprise)) : [];
/** A jurisdiction's own settings (e.g. its channels): admins everywhere, a supervisor on their subtree. */
const managesNode = (c: Caller, n: Node) => c.role === 'admin' || (c.role === 'supervisor' && visibleNodes(c).includes(n));
const visibleEnterprises = (c: Caller): Side[] =>
  (['A', 'B'] as Side[]).filter((s) => (c.role !== 'enterprise' ? sees(c, s) : c.enterprise === s));
/** Where each test user sits in the tree (enterprise users at their enterprise's grid). */
const USER_NODE: Record<keyof ReferenceTree['users'], Node | null> = {
  city: 'city',
  countyA: 'countyA',
  countyB: 'countyB',
  townA: 'townA',
  townB: 'townB',
  gridA: 'gridA',
  entA: 'gridA',
  entADirector: 'gridA',
  entB: 'gridB',
  assessor: null,
  admin: null,
};
type UserKey = keyof ReferenceTree['users'];
const visibleUsers = (c: Caller): UserKey[] => {
  const all = Object.keys(USER_NODE) as (keyof ReferenceTree['users'])[];
  if (c.role === 'admin') return all;
  if (c.role === 'supervisor') return all.filter((u) => USER_NODE[u] && ancestorsOf(USER_NODE[u]!).includes(c.node!));
  return c.user ? [c.user] : [];
};

// ---- what each route expects -------------------------------------------------------------------

interface Ctx {
  caller: Caller;
  obj: Obj;
  /** The hazard the request names (a fresh or shared fixture, or an unknown id). */
  hazard: { id: string; fileId: string };
  tree: ReferenceTree;
  unique: string;
}
interface Req {
  path: string;
  body?: unknown;
  form?: FormData;
}

interface Rule {
  /** Who may call the route at all: anyone else is answered 403 whatever the object. */
  roles: 'public' | 'authenticated' | Role[];
  /**
   * hazard: the path names a hazard of side A, of side B, or an unknown one. sides: the body or path names a side's object.
   * own: the path names something of the caller's own (A), of someone else (B), or an unknown one: only the owner knows it exists.
   * none: no object.
   */
  objects: 'hazard' | 'sides' | 'own' | 'none';
  /** The state the hazard is in when the request arrives. */
  state?: FixtureState;
  /** A successful call moves the hazard on: each caller who may do it gets a fresh hazard of its own. */
  consumes?: boolean;
  /** The jurisdiction rule for the action; false → `refusedWith` (403 unless said otherwise). */
  may?: (c: Caller, s: Side) => boolean;
  refusedWith?: number;
  ok: number;
  /** Public routes: the answer for this caller. */
  publicAnswer?: (c: Caller) => number;
  request: (x: Ctx) => Req;
  /** For answers that list things: what the caller must (and must not) find in them. */
  check?: (body: any, x: Ctx) => void;
}

let counter = 0;
/** A serial id (inbox message, 责任倒查 record) that does not exist. */
const UNKNOWN_SERIAL = '987654321098765';
const MATRIX_ROBOT_URL = 'https://oapi.dingtalk.com/robot/send?access_token=matrix';
/** Seeded in beforeAll: each test user's id, an inbox message for each, a 责任倒查 record for each side. */
const userIds = new Map<keyof ReferenceTree['users'], string>();
const inboxIds = new Map<keyof ReferenceTree['users'], string>();
const accountabilityIds = new Map<Side, string>();
/** Seeded in beforeAll: a finished policy migration run (over no hazards). */
let policyMigrationId = '';
/** Seeded in beforeAll: a campaign of each side's township with one inspection, an import of each test user. */
const campaignIds = new Map<Side, string>();
/** A city-wide campaign with, on each side, an inspection, a group (with an inspector) and a plan. */
const cityCampaign = {
  id: '',
  inspections: new Map<Side, string>(),
  groups: new Map<Side, string>(),
  inspectors: new Map<Side, string>(),
  plans: new Map<Side, string>(),
};
const inspectionIds = new Map<Side, string>();
const importIds = new Map<keyof ReferenceTree['users'], string>();
let importTemplate: ArrayBuffer;
/** Each fixture hazard's 挂牌公告 (issued with the listing), by hazard id. */
const noticeIds = new Map<string, string>();
const noticeOf = (hazardId: string) => noticeIds.get(hazardId) ?? randomUUID();
const THIS_YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const { year: _2026, ...SHIPPED_2026 } = BUNDLED_NOTICES.find((n) => n.year === 2026)!;
/** The side's township (or enterprise) id as a request names it, or one that does not exist. */
const townParam = (obj: Obj, t: ReferenceTree) => (obj === 'unknown' ? `town-none-${t.suffix}` : t.id[townOf(obj)]);
const enterpriseParam = (obj: Obj, t: ReferenceTree) => (obj === 'unknown' ? `ent-none-${t.suffix}` : t.id[enterpriseOf(obj)]);
const campaignParam = (obj: Obj) => (obj === 'unknown' ? randomUUID() : campaignIds.get(obj)!);
/** A: the caller's own import; B: 甲化工安全总监's (none of the callers). */
const importParam = (c: Caller, obj: Obj) =>
  obj === 'unknown' ? randomUUID() : importIds.get(obj === 'A' ? (c.user ?? 'admin') : 'entADirector')!;
const templateForm = () => {
  const form = new FormData();
  form.append('file', new Blob([importTemplate]), '隐患批量导入.xlsx');
  return form;
};
/** Seeded in beforeAll: a finished 政策推演 run of each test user. A: the caller's own; B: 甲化工安全总监's (none of the callers). */
const simulationIds = new Map<keyof ReferenceTree['users'], string>();
const simulationParam = (c: Caller, obj: Obj) =>
  obj === 'unknown' ? randomUUID() : simulationIds.get(obj === 'A' ? (c.user ?? 'admin') : 'entADirector')!;
const next = () => `${++counter}`;
const anHourAgo = () => new Date(Date.now() - 3600_000).toISOString();

// ---- the shapes most routes share ---------------------------------------------------------------

/** A lifecycle action on a hazard in `state`; a consuming one gives each caller who may take it a fresh hazard. */
function hazardAction(
  roles: Role[],
  state: FixtureState,
  may: Rule['may'],
  action: string,
  body: object | ((x: Ctx) => object),
  consumes = true,
): Rule {
  return {
    roles,
    objects: 'hazard',
    state,
    consumes,
    ok: 200,
    may,
    request: (x) => ({ path: `/hazards/${x.hazard.id}/${action}`, body: typeof body === 'function' ? body(x) : body }),
  };
}
/** A figure or document of a side's township (统计, 通报, 责任清单): one outside the caller's subtree answers as an unknown one (422). */
const townReport = (roles: Role[], ok: number, path: (town: string) => string): Rule => ({
  roles,
  objects: 'sides',
  ok,
  refusedWith: 422,
  may: managesTown,
  request: ({ obj, tree }) => ({ path: path(townParam(obj, tree)) }),
});
/** A campaign (大检查) route of a side's township: worked on up and down its line, unknown (404) to anyone else. */
const campaignRoute = (roles: Role[], ok: number, below: string, body?: (x: Ctx) => object): Rule => ({
  roles,
  objects: 'sides',
  ok,
  refusedWith: 404,
  may: onLine,
  request: (x) => ({ path: `/campaigns/${campaignParam(x.obj)}${below}`, body: body?.(x) }),
});
/** An import or 政策推演 run read by its requester (and admins); anyone else's is unknown (404). */
const ownRun = (roles: Rule['roles'], path: (x: Ctx) => string): Rule => ({
  roles,
  objects: 'own',
  ok: 200,
  may: ownOrAdmin,
  request: (x) => ({ path: path(x) }),
});
/** A route that reads the caller's own view of something, with no object in the request. */
const readRoute = (roles: Rule['roles'], path: string | (() => string), check?: Rule['check']): Rule => ({
  roles,
  objects: 'none',
  ok: 200,
  // A path naming something seeded in beforeAll is given as a function, read when the request is made.
  request: () => ({ path: typeof path === 'function' ? path() : path }),
  check,
});
/** Reference data an admin creates under a side's node (an unknown parent is bad input: 422). */
const adminCreates = (path: string, body: (x: Ctx) => object): Rule => ({
  roles: ['admin'],
  objects: 'sides',
  ok: 201,
  refusedWith: 422,
  may: () => true,
  request: (x) => ({ path, body: body(x) }),
});
/** A township's channel settings: its managers'; any other township is unknown to the caller (404). */
const townChannels = (below: string, body: object | undefined, check: Rule['check']): Rule => ({
  roles: ['admin', 'supervisor'],
  objects: 'sides',
  ok: 200,
  refusedWith: 404,
  may: managesTown,
  request: ({ obj, tree }) => ({ path: `/notification-preferences/jurisdictions/${townParam(obj, tree)}${below}`, body }),
  check,
});
/** A list answer: of the matrix's own objects (`universe`), exactly those the caller may see. */
const listsExactly = (listed: string[], universe: string[], visible: string[]) =>
  expect(ofTree(listed, universe)).toEqual([...visible].sort());
/** A list of enterprises' records (filings): nothing of an enterprise the caller may not see. */
const onlyVisibleEnterprises = (body: { enterpriseId: string }[], { caller, tree }: Ctx) =>
  expect(
    ofTree(
      body.map((f) => f.enterpriseId),
      [tree.id.entA, tree.id.entB],
    ).filter(
      (id) =>
        !visibleEnterprises(caller)
          .map((s) => tree.id[enterpriseOf(s)])
          .includes(id),
    ),
  ).toEqual([]);

/** Every route's entry. A route the API registers without an entry here fails the test below. */
const RULES: Record<string, Rule> = {
  'GET /health': { roles: 'public', objects: 'none', ok: 200, request: () => ({ path: '/health' }) },
  'POST /auth/login': {
    roles: 'public',
    objects: 'none',
    ok: 200,
    publicAnswer: (c) => (c.role ? 200 : 401),
    request: ({ caller, tree }) => ({
      path: '/auth/login',
      body: {
        username: caller.user ? tree.users[caller.user as keyof ReferenceTree['users']] : `nobody-${tree.suffix}`,
        password: TEST_PASSWORD,
      },
    }),
  },
  'GET /auth/me': readRoute('authenticated', '/auth/me', (body, { caller, tree }) => expect(body.username).toBe(tree.users[caller.user!])),
  'GET /me/work-queue': readRoute('authenticated', '/me/work-queue', (body, x) => checkWorkQueue(body, x.caller)),

  // The overdue board: for those who supervise (and admins), over what they may see.
  'GET /board': readRoute(['supervisor', 'grid_inspector', 'admin'], '/board'),

  // Hazards: report for an enterprise in reach (else 422, as for an unknown enterprise), list, read.
  'POST /hazards': {
    roles: ['enterprise', 'grid_inspector', 'supervisor'],
    objects: 'sides',
    ok: 201,
    refusedWith: 422,
    may: (c, s) => ownEnterprise(c, s) || inJurisdiction(c, s),
    request: ({ obj, tree }) => ({
      path: '/hazards',
      body: {
        enterpriseId: enterpriseParam(obj, tree),
        source: '监督检查',
        description: '配电箱未接地，存在触电风险',
      },
    }),
  },
  'GET /hazards': {
    roles: 'authenticated',
    objects: 'none',
    ok: 200,
    request: ({ tree }) => ({ path: `/hazards?jurisdictionId=${tree.id.city}&limit=200` }),
    check: (body, { caller }) => {
      const listed = new Set<string>(body.items.map((h: { id: string }) => h.id));
      const got = fixtureIds().filter((f) => listed.has(f.id));
      expect(got.map((f) => f.id).sort()).toEqual(
        fixtureIds()
          .filter((f) => sees(caller, f.side))
          .map((f) => f.id)
          .sort(),
      );
    },
  },
  'GET /hazards/:id': {
    roles: 'authenticated',
    objects: 'hazard',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}` }),
    check: (body, { hazard }) => expect(body.id).toBe(hazard.id),
  },

  // 为什么？ An explanation is read by whoever may see the hazard (step 1 opens the grading deadline).
  'GET /hazards/:id/explanations/:seq': {
    roles: 'authenticated',
    objects: 'hazard',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/explanations/1` }),
    check: (body) => expect(body).toMatchObject({ seq: 1, rules: [expect.objectContaining({ path: 'decisions.grading.dueWorkingDays' })] }),
  },

  // 重复隐患: candidates for those who grade (and admins, read only); a merge by a supervisor of the
  // jurisdiction, into another hazard of the same enterprise (the side's shared rectifying one).
  'GET /hazards/:id/duplicate-candidates': {
    roles: ['supervisor', 'grid_inspector', 'admin'],
    objects: 'hazard',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/duplicate-candidates` }),
    check: (body, { hazard }) => expect(body).toMatchObject({ hazardId: hazard.id, candidates: expect.any(Array) }),
  },
  'POST /hazards/:id/merge': hazardAction(['supervisor'], 'reported', supervisorIn, 'merge', ({ obj }) => ({
    originalId: obj === 'unknown' ? randomUUID() : sharedFor(obj, 'rectifying').id,
  })),

  // Evidence: uploaded and downloaded by whoever may see the hazard (admins read only).
  'POST /hazards/:id/evidence': {
    roles: ['enterprise', 'grid_inspector', 'supervisor'],
    objects: 'hazard',
    ok: 201,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/evidence`, form: photoForm() }),
  },
  'GET /hazards/:id/evidence/:fileId': {
    roles: 'authenticated',
    objects: 'hazard',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/evidence/${hazard.fileId}` }),
  },

  // The lifecycle actions: the level that may act is the tree's.
  'POST /hazards/:id/grade': hazardAction(['supervisor', 'grid_inspector'], 'reported', inJurisdiction, 'grade', {
    grade: 'general',
    accidentType: '触电',
    industry: '制造业',
  }),
  'POST /hazards/:id/listing': hazardAction(['supervisor'], 'awaiting_listing', countySupervisor, 'listing', {
    level: 'county',
    authority: '县人民政府',
    leadDepartment: '县应急管理局',
  }),
  'POST /hazards/:id/plan': hazardAction(['enterprise'], 'listed', ownEnterprise, 'plan', {
    plan: PLAN,
    interimMeasures: '停用设备，专人值守',
    productionStopped: false,
  }),
  'POST /hazards/:id/plan/decision': hazardAction(['supervisor'], 'plan_submitted', countySupervisor, 'plan/decision', {
    decision: 'approve',
  }),
  'POST /hazards/:id/extensions': hazardAction(['enterprise'], 'rectifying', ownEnterprise, 'extensions', {
    workingDays: 10,
    reason: '设备到货延迟',
  }),
  'POST /hazards/:id/extensions/decision': hazardAction(['supervisor'], 'extension_requested', countySupervisor, 'extensions/decision', {
    decision: 'approve',
  }),
  'POST /hazards/:id/completion': hazardAction(['enterprise'], 'rectifying', ownEnterprise, 'completion', ({ hazard }) => ({
    evidenceFileIds: [hazard.fileId],
    assessment: { by: 'self', conclusion: '整改完成，验收合格' },
  })),
  // A county listing is reviewed by the township first.
  'POST /hazards/:id/reviews': hazardAction(['supervisor', 'grid_inspector', 'enterprise'], 'submitted', townshipSupervisor, 'reviews', {
    result: 'pass',
    reason: '现场核查合格',
  }),
  'POST /hazards/:id/withdrawal': hazardAction(['supervisor'], 'reported', supervisorIn, 'withdrawal', {
    kind: 'false',
    reason: '经核实为不实举报',
  }),
  'POST /hazards/:id/production-stop': hazardAction(
    ['supervisor', 'enterprise'],
    'reported',
    (c, s) => supervisorIn(c, s) || ownEnterprise(c, s),
    'production-stop',
    {
      action: 'ordered',
      scope: '冲压车间',
    },
  ),
  'POST /hazards/:id/accidents': hazardAction(
    ['supervisor'],
    'reported',
    supervisorIn,
    'accidents',
    ({ unique }) => ({
      accidentId: `acc-${unique}`,
      occurredAt: anHourAgo(),
      description: '一名工人手部轻伤',
    }),
    false,
  ),
  'POST /hazards/:id/penalties': hazardAction(
    ['supervisor'],
    'reported',
    supervisorIn,
    'penalties',
    {
      lawArticle: '《安全生产法》第一百零二条',
      amountYuan: 20000,
    },
    false,
  ),

  // Reference data: read by whoever may see it, managed by admins.
  'GET /jurisdictions': readRoute('authenticated', '/jurisdictions', (body, { caller, tree }) =>
    listsExactly(
      body.map((j: { id: string }) => j.id),
      nodeIds(tree),
      visibleNodes(caller).map((n) => tree.id[n]),
    ),
  ),
  'GET /enterprises': readRoute('authenticated', '/enterprises', (body, { caller, tree }) =>
    listsExactly(
      body.map((e: { id: string }) => e.id),
      [tree.id.entA, tree.id.entB],
      visibleEnterprises(caller).map((s) => tree.id[enterpriseOf(s)]),
    ),
  ),
  'GET /users': readRoute('authenticated', '/users', (body, { caller, tree }) =>
    listsExactly(
      body.map((u: { username: string }) => u.username),
      Object.values(tree.users),
      visibleUsers(caller).map((u) => tree.users[u]),
    ),
  ),
  'POST /jurisdictions': adminCreates('/jurisdictions', ({ obj, tree, unique }) => ({
    id: `grid-new-${unique}-${tree.suffix}`,
    name: `新网格${unique}`,
    level: 'grid',
    kind: '网格',
    parentId: townParam(obj, tree),
  })),
  'POST /enterprises': adminCreates('/enterprises', ({ obj, tree, unique }) => ({
    id: `ent-new-${unique}-${tree.suffix}`,
    name: `新建企业${unique}有限公司`,
    creditCode: newCreditCode(),
    gridId: obj === 'unknown' ? `grid-none-${tree.suffix}` : tree.id[obj === 'A' ? 'gridA' : 'gridB'],
  })),
  'POST /users': adminCreates('/users', ({ obj, tree, unique }) => ({
    username: `new-user-${unique}-${tree.suffix}`,
    password: TEST_PASSWORD,
    displayName: '新企业安全员',
    role: 'enterprise',
    enterpriseId: enterpriseParam(obj, tree),
  })),

  // The in-app inbox (站内信): everyone reads and marks their own messages, nobody anyone else's
  // (not even a colleague's or, for an admin, anybody's): someone else's message is 404.
  'GET /inbox': readRoute('authenticated', '/inbox?limit=100', (body, { caller, tree }) => {
    expect(body.items.map((i: { title: string }) => i.title).filter((t: string) => t.startsWith(`matrix-inbox-${tree.suffix}-`))).toEqual([
      `matrix-inbox-${tree.suffix}-${caller.user}`,
    ]);
    expect(typeof body.unread).toBe('number');
  }),
  'POST /inbox/:id/read': {
    roles: 'authenticated',
    objects: 'own',
    ok: 200,
    // B: a message of 甲化工安全总监, who is none of the callers (a colleague of enterprise A).
    request: ({ caller, obj }) => ({
      path: `/inbox/${obj === 'unknown' ? UNKNOWN_SERIAL : inboxIds.get(obj === 'A' ? (caller.user ?? 'admin') : 'entADirector')}/read`,
    }),
    check: (body, { caller }) => {
      expect(body.id).toBe(inboxIds.get(caller.user!));
      expect(body.readAt).toBeTruthy();
    },
  },
  'POST /inbox/read-all': readRoute('authenticated', '/inbox/read-all', (body) => expect(typeof body.updated).toBe('number')),

  // Channel preferences: one's own for everyone; a jurisdiction's by admins and the supervisors of
  // its subtree (a node outside the subtree is one they may not know: 404). Secrets never come back.
  'GET /notification-preferences/me': readRoute('authenticated', '/notification-preferences/me', (body, { caller }) => {
    expect(body.map((p: { scope: string; scopeId: string }) => `${p.scope}:${p.scopeId}`)).toEqual(
      body.map(() => `user:${userIds.get(caller.user!)}`),
    );
    expect(body).toContainEqual(expect.objectContaining({ channel: 'email', enabled: true }));
  }),
  'PUT /notification-preferences/me/:channel': {
    roles: 'authenticated',
    objects: 'none',
    ok: 200,
    request: () => ({ path: '/notification-preferences/me/inbox', body: { enabled: true } }),
    check: (body, { caller }) =>
      expect(body).toMatchObject({ scope: 'user', scopeId: userIds.get(caller.user!), channel: 'inbox', enabled: true }),
  },
  'GET /notification-preferences/jurisdictions/:id': townChannels('', undefined, (body, { obj, tree }) => {
    const id = tree.id[townOf(obj as Side)];
    expect(body.map((p: { scopeId: string }) => p.scopeId)).toEqual(body.map(() => id));
    expect(body).toContainEqual({
      scope: 'jurisdiction',
      scopeId: id,
      channel: 'dingtalk',
      enabled: true,
      target: { url: MATRIX_ROBOT_URL, secretSet: true },
    });
  }),
  'PUT /notification-preferences/jurisdictions/:id/:channel': townChannels(
    '/webhook',
    { enabled: false, url: 'https://hooks.example.gov.cn/matrix', secret: 'matrix-webhook-secret' },
    (body, { obj, tree }) =>
      expect(body).toEqual({
        scope: 'jurisdiction',
        scopeId: tree.id[townOf(obj as Side)],
        channel: 'webhook',
        enabled: false,
        target: { url: 'https://hooks.example.gov.cn/matrix', secretSet: true },
      }),
  ),

  // 责任倒查 records: supervisors over their subtree, admins all; a record outside it is 404.
  'GET /accountability-records': readRoute(['supervisor', 'admin'], '/accountability-records', (body, { caller }) =>
    listsExactly(
      body.map((r: { id: string }) => r.id),
      [...accountabilityIds.values()],
      (['A', 'B'] as Side[]).filter((s) => supervises(caller, s)).map((s) => accountabilityIds.get(s)!),
    ),
  ),
  'GET /accountability-records/:id': {
    roles: ['supervisor', 'admin'],
    objects: 'sides',
    ok: 200,
    refusedWith: 404,
    may: supervises,
    request: ({ obj }) => ({ path: `/accountability-records/${obj === 'unknown' ? UNKNOWN_SERIAL : accountabilityIds.get(obj)}` }),
    check: (body, { obj }) => expect(body.id).toBe(accountabilityIds.get(obj as Side)),
  },

  // The notifier's queues: admins only.
  'POST /admin/queue-board/session': {
    roles: ['admin'],
    objects: 'none',
    ok: 204,
    request: () => ({ path: '/admin/queue-board/session' }),
  },
  'GET /admin/queue-metrics': readRoute(['admin'], '/admin/queue-metrics', (body) =>
    expect(body.map((q: { queue: string }) => q.queue).sort()).toEqual([...ALL_QUEUES].sort()),
  ),
  // 策略迁移: admins only. The admin's call is a dry run under a jurisdiction of its own (changes nothing);
  // the run read is one seeded in beforeAll.
  'POST /admin/policy-migrations': {
    roles: ['admin'],
    objects: 'none',
    ok: 200,
    request: ({ tree }) => ({ path: '/admin/policy-migrations', body: { to: 'default-v2', jurisdiction: tree.id.gridB, dryRun: true } }),
    check: (body) => expect(body).toMatchObject({ dryRun: true, migrationId: null }),
  },
  'GET /admin/policy-migrations': readRoute(['admin'], '/admin/policy-migrations', (body) =>
    expect(body.map((r: { id: string }) => r.id)).toContain(policyMigrationId),
  ),
  'GET /admin/policy-migrations/:id': readRoute(
    ['admin'],
    () => `/admin/policy-migrations/${policyMigrationId}`,
    (body) => expect(body).toMatchObject({ id: policyMigrationId, hazards: [] }),
  ),
  'GET /admin/dead-letters': readRoute(['admin'], '/admin/dead-letters', (body) => expect(Array.isArray(body)).toBe(true)),

  // Re-sending a dead letter: admins only (none exists here: an unknown one is answered 404 to them, 403 to anyone else).
  'POST /admin/dead-letters/:id/resend': {
    roles: ['admin'],
    objects: 'none',
    ok: 404,
    request: () => ({ path: `/admin/dead-letters/${UNKNOWN_SERIAL}/resend` }),
  },

  // Metrics: Prometheus text without a login (no METRICS_TOKEN under NODE_ENV=test), the console's figures for admins.
  'GET /metrics': { roles: 'public', objects: 'none', ok: 200, request: () => ({ path: '/metrics' }) },
  'GET /admin/runtime-status': readRoute(['admin'], '/admin/runtime-status', (body) =>
    expect(body.queues.map((q: { queue: string }) => q.queue).sort()).toEqual([...ALL_QUEUES].sort()),
  ),

  // The archive: chain verification for admins; a hazard's dossier (a zip) for whoever may see the hazard.
  'GET /archive/verify': readRoute(['admin'], '/archive/verify', (body) =>
    expect(body.chains.map((c: { chain: string }) => c.chain).sort()).toEqual(['audit_log', 'hazard_history']),
  ),
  'GET /hazards/:id/dossier': {
    roles: 'authenticated',
    objects: 'hazard',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/dossier` }),
    check: (body) => expect(String(body).slice(0, 2)).toBe('PK'),
  },

  // ---- statistics, filings, bulletins: supervisors (and admins) over a jurisdiction of their
  // subtree; one outside it answers as an unknown one does (422), so it does not leak.
  'GET /statistics': townReport(['supervisor', 'admin'], 200, (town) => `/statistics?jurisdictionId=${town}`),
  'GET /bulletins': townReport(['supervisor', 'admin'], 200, (town) => `/bulletins?format=json&jurisdictionId=${town}`),
  'POST /filings': {
    roles: ['enterprise'],
    objects: 'none',
    ok: 201,
    request: ({ caller }) => ({
      path: '/filings',
      body: {
        periodKind: 'annual',
        year: THIS_YEAR - 1,
        figures: { hazardsFound: 3, majorFound: 0, rectified: 3, majorRectified: 0, fundsYuan: 12000 },
        signedByName: caller.enterprise === 'B' ? '李乙' : '张甲',
      },
    }),
  },
  'GET /filings': readRoute(['enterprise', 'supervisor', 'admin'], '/filings', onlyVisibleEnterprises),
  'GET /filings/missing': readRoute(['supervisor', 'admin'], '/filings/missing', onlyVisibleEnterprises),
  // It reminds across the whole database: asked as of a date long past (no enterprise owed anything then), it reminds nobody and touches no other test's data.
  'POST /filings/reminders': readRoute(['admin'], '/filings/reminders?asOf=2001-02-01'),

  // ---- inspection campaigns (大检查): organised by supervisors, worked on up and down the line.
  'POST /campaigns': {
    roles: ['supervisor'],
    objects: 'sides',
    ok: 201,
    refusedWith: 422,
    may: managesTown,
    request: ({ obj, tree, unique }) => ({
      path: '/campaigns',
      body: {
        name: `矩阵大检查${unique}`,
        jurisdictionId: townParam(obj, tree),
        startsOn: `${THIS_YEAR}-01-01`,
        endsOn: `${THIS_YEAR}-12-31`,
      },
    }),
  },
  'GET /campaigns': readRoute(['supervisor', 'grid_inspector', 'admin'], '/campaigns', (body, { caller }) => {
    const listed = new Set(body.map((c: { id: string }) => c.id));
    for (const s of ['A', 'B'] as Side[]) {
      if (!onLine(caller, s)) expect({ side: s, listed: listed.has(campaignIds.get(s)) }).toEqual({ side: s, listed: false });
      if (atOrAbove(caller, s)) expect({ side: s, listed: listed.has(campaignIds.get(s)) }).toEqual({ side: s, listed: true });
    }
  }),
  'GET /campaigns/:id': {
    ...campaignRoute(['supervisor', 'grid_inspector', 'admin'], 200, ''),
    check: (body, { obj }) => expect(body.id).toBe(campaignIds.get(obj as Side)),
  },
  'GET /campaigns/:id/figures': campaignRoute(['supervisor', 'grid_inspector', 'admin'], 200, '/figures'),
  'GET /campaigns/:id/inspections': {
    ...campaignRoute(['supervisor', 'grid_inspector', 'admin'], 200, '/inspections'),
    check: (body, { obj }) => expect(body.map((i: { id: string }) => i.id)).toContain(inspectionIds.get(obj as Side)),
  },
  'POST /campaigns/:id/plans': campaignRoute(['supervisor'], 201, '/plans', () => ({ title: '矩阵检查工作方案' })),
  'POST /campaigns/:id/groups': campaignRoute(['supervisor'], 201, '/groups', () => ({
    name: '矩阵督查组',
    inspectors: [{ name: '王检查' }],
  })),
  'POST /campaigns/:id/inspections': campaignRoute(['supervisor', 'grid_inspector'], 201, '/inspections', ({ obj, tree }) => ({
    enterpriseId: tree.id[obj === 'B' ? 'entB' : 'entA'],
    inspectedOn: `${THIS_YEAR}-06-01`,
    kind: '企业自查',
  })),
  'PUT /campaigns/:id/inspections/:inspectionId/hazards/:hazardId': {
    roles: ['supervisor', 'grid_inspector'],
    objects: 'hazard',
    ok: 200,
    request: ({ obj, hazard }) => ({
      path: `/campaigns/${campaignParam(obj)}/inspections/${obj === 'unknown' ? randomUUID() : inspectionIds.get(obj)}/hazards/${hazard.id}`,
    }),
  },

  // ---- the working-day calendar: read by everyone logged in, loaded by admins. The admin's load is
  // the shipped 2026 notice again: answered 200 with nothing saved, so no other test's calendar moves.
  'GET /calendar': readRoute('authenticated', '/calendar', (body) =>
    expect(body.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ status: 'official' }),
  ),
  'GET /calendar/:year': readRoute('authenticated', '/calendar/2026'),
  'PUT /calendar/:year': {
    roles: ['admin'],
    objects: 'none',
    ok: 200,
    request: () => ({ path: '/calendar/2026', body: SHIPPED_2026 }),
    check: (body) => expect(body.saved).toBe(false),
  },

  // ---- bulk intake and export: an import is its uploader's (admins see all); the export is the list's.
  'GET /imports/template': readRoute('authenticated', '/imports/template'),
  'POST /imports': {
    roles: ['enterprise', 'grid_inspector', 'supervisor'],
    objects: 'none',
    ok: 202,
    request: () => ({ path: '/imports', form: templateForm() }),
  },
  'GET /imports': readRoute('authenticated', '/imports', (body, { caller }) => {
    const seeded = [...importIds.values()];
    expect(
      body
        .map((i: { id: string }) => i.id)
        .filter((id: string) => seeded.includes(id))
        .sort(),
    ).toEqual(caller.role === 'admin' ? [...seeded].sort() : [importIds.get(caller.user!)!]);
  }),
  'GET /imports/:id': ownRun('authenticated', ({ caller, obj }) => `/imports/${importParam(caller, obj)}`),
  'GET /imports/:id/errors': ownRun('authenticated', ({ caller, obj }) => `/imports/${importParam(caller, obj)}/errors`),
  'GET /imports/:id/report.xlsx': ownRun('authenticated', ({ caller, obj }) => `/imports/${importParam(caller, obj)}/report.xlsx`),

  // ---- 政策推演: supervisors (and admins) over their subtree; a run is its requester's (admins see all).
  'POST /simulations': {
    roles: ['supervisor', 'admin'],
    objects: 'sides',
    ok: 202,
    refusedWith: 422,
    may: managesTown,
    // A period with nothing reported: the job has nothing to replay and starts no server.
    request: ({ obj, tree }) => ({
      path: '/simulations',
      body: {
        policy: DEFAULT_POLICY,
        jurisdictionId: townParam(obj, tree),
        from: '2020-01-01',
        to: '2020-02-01',
      },
    }),
  },
  'GET /simulations/:id': ownRun(['supervisor', 'admin'], ({ caller, obj }) => `/simulations/${simulationParam(caller, obj)}`),
  'GET /simulations/:id/report': ownRun(
    ['supervisor', 'admin'],
    ({ caller, obj }) => `/simulations/${simulationParam(caller, obj)}/report`,
  ),
  // ---- accountability documents (issue 18): read by whoever may see the hazard; issued and published by the listing level or above.
  'GET /hazards/:id/documents': {
    roles: 'authenticated',
    objects: 'hazard',
    state: 'listed',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/documents` }),
    check: (body) => expect(body.map((d: { kind: string }) => d.kind)).toContain('listing_notice'),
  },
  'GET /hazards/:id/documents/:documentId/file': {
    roles: 'authenticated',
    objects: 'hazard',
    state: 'listed',
    ok: 200,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/documents/${noticeOf(hazard.id)}/file` }),
  },
  'POST /hazards/:id/documents': {
    roles: ['supervisor'],
    objects: 'hazard',
    state: 'listed',
    ok: 200,
    may: countyOrAbove,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/documents`, body: { kind: 'supervision_letter' } }),
  },
  'POST /hazards/:id/documents/:documentId/publication': {
    roles: ['supervisor'],
    objects: 'hazard',
    state: 'listed',
    consumes: true,
    ok: 200,
    may: countyOrAbove,
    request: ({ hazard }) => ({ path: `/hazards/${hazard.id}/documents/${noticeOf(hazard.id)}/publication`, body: {} }),
  },
  // No fixture has reached the ladder's interview stage: a supervisor who may see the hazard is told there is none (409).
  'POST /hazards/:id/interviews/schedule': {
    roles: ['supervisor'],
    objects: 'hazard',
    state: 'listed',
    ok: 409,
    request: ({ hazard }) => ({
      path: `/hazards/${hazard.id}/interviews/schedule`,
      body: {
        at: new Date(Date.now() + 86_400_000).toISOString(),
        place: '县应急局',
        enterprisePrincipal: '张甲',
        departmentResponsible: '王丙',
      },
    }),
  },
  'POST /hazards/:id/interviews/record': {
    roles: ['supervisor'],
    objects: 'hazard',
    state: 'listed',
    ok: 409,
    request: ({ hazard }) => ({
      path: `/hazards/${hazard.id}/interviews/record`,
      body: { attendees: ['张甲'], minutesFileId: hazard.fileId || randomUUID() },
    }),
  },
  'GET /public/notices': {
    roles: 'public',
    objects: 'none',
    ok: 200,
    request: ({ tree }) => ({ path: `/public/notices?jurisdictionId=${tree.id.city}` }),
  },
  'GET /accountability-list': townReport(['supervisor', 'admin'], 200, (town) => `/accountability-list?jurisdictionId=${town}`),
  'POST /bulletins/issues': townReport(['supervisor'], 201, (town) => `/bulletins/issues?jurisdictionId=${town}`),

  'GET /exports/hazards.xlsx': {
    roles: 'authenticated',
    objects: 'none',
    ok: 200,
    request: ({ tree }) => ({ path: `/exports/hazards.xlsx?jurisdictionId=${tree.id.city}` }),
  },
};

/** The answer the tree gives for this caller, route and object. */
function expectedStatus(rule: Rule, c: Caller, obj: Obj): number {
  if (rule.roles === 'public') return rule.publicAnswer?.(c) ?? rule.ok;
  if (!c.role) return 401;
  if (Array.isArray(rule.roles) && !rule.roles.includes(c.role)) return 403;
  if (rule.objects === 'hazard' && (obj === 'unknown' || !sees(c, obj))) return 404;
  if (rule.objects === 'own') return obj !== 'unknown' && (rule.may ?? ((_: Caller, x: Side) => x === 'A'))(c, obj) ? rule.ok : 404;
  if (rule.may && (obj === 'unknown' || !rule.may(c, obj))) return rule.refusedWith ?? 403;
  return rule.ok;
}

const objectsOf = (rule: Rule): Obj[] => (rule.objects === 'none' ? ['A'] : ['A', 'B', 'unknown']);

// ---- the world the matrix runs in --------------------------------------------------------------

let ds: DataSource;
let app: INestApplication;
let stopWorker: () => Promise<void>;
let tree: ReferenceTree;
let api: ReturnType<typeof apiClient>;
const tokens = new Map<string, string>();
/** One hazard per (side, state) that only ever sees refusals, so it stays in its state. */
const shared = new Map<string, HazardFixture>();
/** A hazard of its own for each caller who may take a consuming action. */
const fresh = new Map<string, HazardFixture>();
const fixtureIds = () => [...shared.entries(), ...fresh.entries()].map(([k, f]) => ({ id: f.id, side: k.split('|').at(-2) as Side }));
const sharedFor = (s: Side, state: FixtureState) => shared.get(`${s}|${state}`)!;
const nodeIds = (t: ReferenceTree) => (Object.keys(PARENT) as Node[]).map((n) => t.id[n]);
const ofTree = (ids: string[], universe: string[]) => ids.filter((i) => universe.includes(i)).sort();
const newCreditCode = () => {
  const first17 = '91' + Array.from(randomBytes(15), (b) => String(b % 10)).join('');
  return first17 + creditCodeCheckChar(first17);
};

function checkWorkQueue(body: Record<string, { id: string }[]>, c: Caller): void {
  const ids = (list: string) => (body[list] ?? []).map((h) => h.id);
  const everything = new Set(
    Object.values(body)
      .flat()
      .map((h) => h.id),
  );
  // Nothing in anyone's queue that they may not see.
  for (const f of fixtureIds())
    if (everything.has(f.id)) expect({ hazard: f.id, visible: sees(c, f.side) }).toEqual({ hazard: f.id, visible: true });
  for (const s of ['A', 'B'] as Side[]) {
    if (c.role === 'supervisor') {
      expect({ s, toGrade: ids('toGrade').includes(sharedFor(s, 'reported').id) }).toEqual({ s, toGrade: reaches(c, s) });
      expect({ s, plansToDecide: ids('plansToDecide').includes(sharedFor(s, 'plan_submitted').id) }).toEqual({
        s,
        plansToDecide: supervisorAt(c, s, 'county'),
      });
      expect({ s, extensionsToDecide: ids('extensionsToDecide').includes(sharedFor(s, 'extension_requested').id) }).toEqual({
        s,
        extensionsToDecide: supervisorAt(c, s, 'county'),
      });
      expect({ s, reviewsDue: ids('reviewsDue').includes(sharedFor(s, 'submitted').id) }).toEqual({
        s,
        reviewsDue: supervisorAt(c, s, 'township'),
      });
    }
    if (c.role === 'enterprise')
      expect({ s, planDue: ids('planDue').includes(sharedFor(s, 'listed').id) }).toEqual({ s, planDue: ownEnterprise(c, s) });
    if (c.role === 'grid_inspector')
      expect({ s, toGrade: ids('toGrade').includes(sharedFor(s, 'reported').id) }).toEqual({ s, toGrade: reaches(c, s) });
  }
  if (c.role === 'admin' || c.role === 'assessor') expect(body).toEqual({});
}

/** What the inbox, channel-preference and 责任倒查 routes read, written as the notifier would write it. */
async function seedNotificationObjects(ids: { id: string; username: string }[]): Promise<void> {
  for (const u of Object.keys(tree.users) as (keyof ReferenceTree['users'])[]) {
    const id = ids.find((x) => x.username === tree.users[u])!.id;
    userIds.set(u, id);
    const [msg] = await ds.query(
      `insert into inbox_messages (delivery_key, user_id, kind, title, body) values ($1, $2, 'escalation', $3, '矩阵测试 / matrix test') returning id::text`,
      [`matrix-${tree.suffix}-${u}`, id, `matrix-inbox-${tree.suffix}-${u}`],
    );
    inboxIds.set(u, msg.id);
    await ds.query(`insert into channel_preferences (scope, scope_id, channel, enabled, target) values ('user', $1, 'email', true, '{}')`, [
      id,
    ]);
    const run = randomUUID();
    const report = buildSimulationReport({
      jurisdiction: tree.id.city,
      from: '2020-01-01T00:00:00Z',
      to: '2020-02-01T00:00:00Z',
      policyVersion: DEFAULT_POLICY.version,
      resolutionMinutes: 60,
      hazards: [],
      simulated: new Map(),
      skipped: [],
    });
    await ds.query(
      `insert into simulation_runs (id, requested_by, jurisdiction_id, period_from, period_to, policy, status, report, finished_at)
      values ($1, $2, $3, '2020-01-01', '2020-02-01', $4, 'succeeded', $5, now())`,
      [run, id, tree.id.city, JSON.stringify(DEFAULT_POLICY), JSON.stringify(report)],
    );
    simulationIds.set(u, run);
  }
  for (const s of ['A', 'B'] as Side[]) {
    await ds.query(
      `insert into channel_preferences (scope, scope_id, channel, enabled, target) values ('jurisdiction', $1, 'dingtalk', true, $2)`,
      [tree.id[townOf(s)], JSON.stringify({ url: MATRIX_ROBOT_URL, secret: 'SECmatrix' })],
    );
    // Dated ahead, so an admin's newest 200 include them whatever else the database holds.
    const [rec] = await ds.query(
      `insert into accountability_records (event_id, hazard_id, jurisdiction_path, enterprise_id, trigger, heavier, enterprise_responsible, department_responsible, timeline, traced_at)
       select $1, $2, j.path, $3, 'accident_during_rectification', true, '{}', '{}', '[]', now() + interval '1 day' from jurisdictions j where j.id = $4
       returning id::text`,
      [`matrix-${tree.suffix}-${s}`, `matrix-hazard-${tree.suffix}-${s}`, tree.id[enterpriseOf(s)], tree.id[gridOf(s)]],
    );
    accountabilityIds.set(s, rec.id);
  }
}

/** What the campaign and import routes read. */
async function seedInspectionAndImportObjects(baseUrl: string): Promise<void> {
  for (const s of ['A', 'B'] as Side[]) {
    const c = randomUUID();
    await ds.query(
      `insert into inspection_campaigns (id, name, jurisdiction_id, starts_on, ends_on, created_by) values ($1, $2, $3, $4, $5, $6)`,
      [c, `矩阵大检查${s}`, tree.id[townOf(s)], `${THIS_YEAR}-01-01`, `${THIS_YEAR}-12-31`, userIds.get('admin')],
    );
    campaignIds.set(s, c);
    const i = randomUUID();
    await ds.query(
      `insert into inspections (id, campaign_id, enterprise_id, inspected_on, kind, created_by) values ($1, $2, $3, $4, '企业自查', $5)`,
      [i, c, tree.id[enterpriseOf(s)], `${THIS_YEAR}-03-01`, userIds.get('admin')],
    );
    inspectionIds.set(s, i);
  }
  cityCampaign.id = randomUUID();
  await ds.query(
    `insert into inspection_campaigns (id, name, jurisdiction_id, starts_on, ends_on, created_by) values ($1, '矩阵全市大检查', $2, $3, $4, $5)`,
    [cityCampaign.id, tree.id.city, `${THIS_YEAR}-01-01`, `${THIS_YEAR}-12-31`, userIds.get('admin')],
  );
  for (const s of ['A', 'B'] as Side[]) {
    const [g, p, inspector, i] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await ds.query(`insert into inspection_groups (id, campaign_id, jurisdiction_id, name) values ($1, $2, $3, $4)`, [
      g,
      cityCampaign.id,
      tree.id[townOf(s)],
      `全市督查组${s}`,
    ]);
    await ds.query(`insert into inspectors (id, group_id, name) values ($1, $2, $3)`, [inspector, g, `检查员${s}`]);
    await ds.query(`insert into inspection_plans (id, campaign_id, jurisdiction_id, title, created_by) values ($1, $2, $3, $4, $5)`, [
      p,
      cityCampaign.id,
      tree.id[townOf(s)],
      `方案${s}`,
      userIds.get('admin'),
    ]);
    await ds.query(
      `insert into inspections (id, campaign_id, group_id, enterprise_id, inspected_on, kind, findings, inspector_ids, created_by) values ($1, $2, $3, $4, $5, '督查', $6, $7, $8)`,
      [i, cityCampaign.id, g, tree.id[enterpriseOf(s)], `${THIS_YEAR}-04-01`, `发现问题${s}`, [inspector], userIds.get('admin')],
    );
    Object.entries({ inspections: i, groups: g, inspectors: inspector, plans: p }).forEach(([k, v]) =>
      (cityCampaign as unknown as Record<string, Map<Side, string>>)[k].set(s, v),
    );
  }
  for (const [u, userId] of userIds) {
    const id = randomUUID();
    await ds.query(
      // Dated ahead, so an admin's newest 50 include them whatever else the database holds.
      `insert into hazard_imports (id, file_name, sha256, stored_path, uploaded_by, actor, status, phase, total_rows, created_at, finished_at)
       values ($1, $2, repeat('0', 64), '/nonexistent', $3, '{}', 'done', 'done', 0, now() + interval '1 day', now() + interval '1 day')`,
      [id, `matrix-${u}.xlsx`, userId],
    );
    importIds.set(u, id);
  }
  const migrations = new PolicyMigrationsRepository(ds);
  const run = await ds.transaction((tx) =>
    migrations.create(tx, {
      fromVersion: 'default-v1',
      toVersion: 'default-v2',
      jurisdictionId: tree.id.gridB,
      reason: '矩阵 / matrix',
      requestedBy: userIds.get('admin')!,
      requestedByName: 'admin',
      via: 'api',
    }),
  );
  policyMigrationId = (await migrations.complete(ds, run.id, { selected: 0 })).id;
  importTemplate = await (
    await fetch(`${baseUrl}/imports/template`, { headers: { authorization: `Bearer ${tokens.get('admin')}` } })
  ).arrayBuffer();
}

const freshKey = (route: string, c: Caller, s: Side) => `${route}|${c.key}|${s}|fresh`;

beforeAll(async () => {
  ds = await openTestDataSource();
  tree = await createReferenceTree(ds);
  ({ stop: stopWorker } = await startHazardWorker(ds));
  const started = await startApi();
  app = started.app;
  api = apiClient(started.baseUrl);
  // The tokens the API would issue at login (login itself is a route of the matrix): signed
  // here, so the set-up does not spend seconds on argon2.
  const jwt = app.get(JwtService, { strict: false });
  const ids: { id: string; username: string }[] = await ds.query('select id, username from users where username = any($1)', [
    Object.values(tree.users),
  ]);
  for (const c of CALLERS.filter((x) => x.user))
    tokens.set(c.key, await jwt.signAsync({ sub: ids.find((u) => u.username === tree.users[c.user!])!.id }));
  await seedNotificationObjects(ids);
  await seedInspectionAndImportObjects(started.baseUrl);
  const parties = (s: Side) => ({
    enterpriseId: tree.id[enterpriseOf(s)],
    enterprise: tokens.get(`enterprise ${s}`)!,
    county: tokens.get(`county ${s} supervisor`)!,
    township: tokens.get(`township ${s} supervisor`)!,
  });
  // Which hazards the matrix needs: one shared per (side, state), and a fresh one per allowed consuming call.
  const needs: { key: string; side: Side; state: FixtureState }[] = [];
  for (const s of ['A', 'B'] as Side[]) {
    for (const state of FIXTURE_STATES) needs.push({ key: `shared|${s}|${state}`, side: s, state });
  }
  for (const [route, rule] of Object.entries(RULES)) {
    if (!rule.consumes) continue;
    for (const c of CALLERS) {
      for (const s of ['A', 'B'] as Side[])
        if (expectedStatus(rule, c, s) === rule.ok) needs.push({ key: freshKey(route, c, s), side: s, state: rule.state! });
    }
  }
  // The longest journeys first, so no lane is left with a seven-step hazard at the end.
  needs.sort((a, b) => FIXTURE_STATES.indexOf(b.state) - FIXTURE_STATES.indexOf(a.state));
  await inBatches(needs, 8, async (n) => {
    const h = await hazardIn(api, parties(n.side), n.state, { photo: n.key.startsWith('shared|') ? true : undefined });
    if (n.key.startsWith('shared|')) shared.set(n.key.slice('shared|'.length), h);
    else fresh.set(n.key, h);
  });
  const notices: { hazard_id: string; id: string }[] = await ds.query(
    `select hazard_id, id from hazard_documents where kind = 'listing_notice' and hazard_id = any($1)`,
    [fixtureIds().map((f) => f.id)],
  );
  for (const n of notices) noticeIds.set(n.hazard_id, n.id);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await stopWorker?.();
  await ds?.destroy();
});

const isErrorShape = (status: number, body: any) =>
  body &&
  body.statusCode === status &&
  typeof body.code === 'string' &&
  typeof body.message === 'string' &&
  typeof body.messageEn === 'string';

describe('who may do what: every route × every kind of user × objects inside and outside their reach', () => {
  it('has an expectation for every route the API registers, and none for a route that is gone', () => {
    const registered = routeTable(app).map((r) => r.key);
    expect({ routesWithoutAnEntry: registered.filter((k) => !(k in RULES)) }).toEqual({ routesWithoutAnEntry: [] });
    expect({ entriesWithoutARoute: Object.keys(RULES).filter((k) => !registered.includes(k)) }).toEqual({ entriesWithoutARoute: [] });
  });

  it.each(Object.keys(RULES))('%s answers each user as the jurisdiction tree says', async (route) => {
    const rule = RULES[route];
    const method = route.split(' ')[0];
    const cases = CALLERS.flatMap((caller) => objectsOf(rule).map((obj) => ({ caller, obj })));
    const problems: unknown[] = [];
    await inBatches(cases, 8, async ({ caller, obj }) => {
      const expected = expectedStatus(rule, caller, obj);
      const hazard =
        obj === 'unknown'
          ? { id: randomUUID(), fileId: randomUUID() }
          : rule.objects !== 'hazard'
            ? { id: '', fileId: '' }
            : rule.consumes && expected === rule.ok
              ? fresh.get(freshKey(route, caller, obj))!
              : sharedFor(obj, rule.state ?? 'reported');
      const x: Ctx = { caller, obj, hazard, tree, unique: next() };
      const req = rule.request(x);
      const res: ApiAnswer = await api.call(method, req.path, { token: tokens.get(caller.key), body: req.body, form: req.form });
      const where = { caller: caller.key, object: obj };
      if (res.status !== expected) problems.push({ ...where, expected, got: res.status, body: res.body });
      else if (res.status >= 400 && !isErrorShape(res.status, res.body))
        problems.push({ ...where, problem: 'not the one error shape', body: res.body });
      else if (res.status === 404 && res.body.code !== 'not_found')
        problems.push({ ...where, problem: '404 must say not_found, nothing more', body: res.body });
      else if (res.status < 300 && rule.check) {
        try {
          rule.check(res.body, x);
        } catch (err) {
          problems.push({ ...where, problem: (err as Error).message.split('\n').slice(0, 12).join('\n') });
        }
      }
    });
    expect(problems).toEqual([]);
  });
});

describe('a city-wide campaign (大检查) seen from each county: its inspections, groups, inspectors, plans and figures, only of their own subtree', () => {
  const CAMPAIGN_READERS = CALLERS.filter((c) => c.role === 'supervisor' || c.role === 'grid_inspector' || c.role === 'admin');

  it.each(CAMPAIGN_READERS.map((c) => c.key))('%s', async (key) => {
    const caller = CALLERS.find((c) => c.key === key)!;
    const token = tokens.get(key);
    // Inspections: of enterprises in the caller's subtree; groups and plans: of the townships in it (a grid has none of its own).
    const mine = (['A', 'B'] as Side[]).filter((s) => caller.role === 'admin' || reaches(caller, s));
    const mineAbove = (['A', 'B'] as Side[]).filter((s) => atOrAbove(caller, s));
    const ids = (m: Map<Side, string>, sides = mineAbove) => sides.map((s) => m.get(s)!).sort();
    const detail = await api.call('GET', `/campaigns/${cityCampaign.id}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.groups.map((g: { id: string }) => g.id).sort()).toEqual(ids(cityCampaign.groups));
    expect(detail.body.groups.flatMap((g: { inspectors: { id: string }[] }) => g.inspectors.map((i) => i.id)).sort()).toEqual(
      ids(cityCampaign.inspectors),
    );
    expect(detail.body.plans.map((p: { id: string }) => p.id).sort()).toEqual(ids(cityCampaign.plans));
    const inspections = await api.call('GET', `/campaigns/${cityCampaign.id}/inspections`, { token });
    expect(inspections.body.map((i: { id: string }) => i.id).sort()).toEqual(ids(cityCampaign.inspections, mine));
    const figures = await api.call('GET', `/campaigns/${cityCampaign.id}/figures`, { token });
    expect(figures.body).toMatchObject({
      inspections: mine.length,
      enterprisesInspected: mine.length,
      groups: mineAbove.length,
      inspectors: mineAbove.length,
      plans: mineAbove.length,
    });
    expect(detail.body.figures).toEqual(figures.body);
    // Linking a hazard to the other county's inspection is refused as if it did not exist.
    const other = (['A', 'B'] as Side[]).find((s) => !mine.includes(s));
    if (other && caller.role !== 'admin') {
      const link = await api.call(
        'PUT',
        `/campaigns/${cityCampaign.id}/inspections/${cityCampaign.inspections.get(other)}/hazards/${sharedFor(other, 'reported').id}`,
        { token },
      );
      expect(link.status).toBe(404);
    }
  });
});
