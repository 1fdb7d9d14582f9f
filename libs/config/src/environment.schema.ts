import { z } from 'zod';

/**
 * Every setting the apps read, validated at boot: a wrong or missing one stops the app with
 * its name and what was expected. The README's configuration table mirrors this schema.
 */
export const environmentSchema = z.object({
  /** Unset means production: the dev-only secrets are accepted only when this says development or test. */
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  PORT: z.coerce.number({ error: 'a TCP port number (1-65535)' }).int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string({ error: 'required: a postgres:// connection URL' }).regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL'),
  /** The schema owner's connection, for migrations; the apps themselves use DATABASE_URL. */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Worker and notifier: the port of their Prometheus /metrics (unset: none). The API serves /metrics on PORT. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Worker and notifier: the address their metrics port binds to (0.0.0.0 for a Prometheus on another host). */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** /metrics asks for `Authorization: Bearer <METRICS_TOKEN>` when set; without it the API's /metrics answers only where NODE_ENV is development or test. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Once-only work (the archive anchor writer): how often a standby instance tries to take the lock over. */
  LEADER_RETRY_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * API: how long an `Idempotency-Key` stays "in progress" for its first request; a retry after that
   * takes the claim over (its instance was killed). Longer than any request runs (an action waits TEMPORAL_UPDATE_DEADLINE_MS, 20 s).
   */
  IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(1000).default(60000),
  /**
   * API: how long an action waits for its workflow update (a worker must run it) before it answers
   * 503 `action_pending`: the action may still be applied, and a retry under the same key is safe.
   */
  TEMPORAL_UPDATE_DEADLINE_MS: z.coerce.number().int().min(1000).max(120000).default(20000),
  /**
   * API and importer: send each report and action with a copy of the working-day calendar, so that
   * its hazard's workflow counts the deadlines it sets without a calendar activity (calendar-copy.ts). `false` sends none:
   * every count goes to the activity, as before (the comparison in the README's Performance).
   */
  ACTION_CALENDAR_COPY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  REDIS_URL: z.string({ error: 'required: a redis:// URL' }).regex(/^rediss?:\/\//, 'a redis:// URL'),
  TEMPORAL_ADDRESS: z
    .string({ error: 'required: host:port of the Temporal frontend' })
    .regex(/^[^:\s]+:\d+$/, 'host:port of the Temporal frontend'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('hazards'),
  /** Workflow cache size of the worker: bounds its memory with many open hazards. */
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(250),
  /** Worker: workflow tasks run at once (each holds its slot while its step is written). */
  TEMPORAL_WORKFLOW_TASK_SLOTS: z.coerce.number().int().min(2).max(1000).default(40),
  /** Worker: local activities run at once (the lifecycle runs none today). */
  TEMPORAL_LOCAL_ACTIVITY_SLOTS: z.coerce.number().int().min(1).max(1000).default(40),
  /** Worker: workflow task polls open at once, sticky and normal queues together. */
  TEMPORAL_WORKFLOW_TASK_POLLERS: z.coerce.number().int().min(2).max(200).default(10),
  /** Worker: the share of those polls on the normal queue, where the tasks of hazards not in the cache arrive. */
  TEMPORAL_NORMAL_QUEUE_POLL_SHARE: z.coerce.number().min(0.05).max(1).default(0.5),
  /** A prebuilt workflow bundle (production); without it the worker bundles workflows/ at start. */
  TEMPORAL_WORKFLOW_BUNDLE: z.string().optional(),
  /** JSON policy file; without it the bundled default policy is used. */
  POLICY_FILE: z.string().optional(),
  /** Signs the API's bearer tokens (HS256, 12 h). Required (and not the default) unless NODE_ENV is development or test. */
  JWT_SECRET: z.string().min(16, 'at least 16 characters').default('dev-only-secret-change-me-please'),
  /** Where uploaded evidence files are kept. */
  EVIDENCE_DIR: z.string().default('data/evidence'),
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /** Evidence files one hazard may have. */
  EVIDENCE_MAX_FILES_PER_HAZARD: z.coerce.number().int().min(1).default(200),
  /** Evidence bytes one enterprise may store, over all its hazards. */
  EVIDENCE_MAX_BYTES_PER_ENTERPRISE: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024 * 1024),
  /** Notifier: outgoing mail server, e.g. smtp://user:pass@mail.example.gov.cn:587; without it e-mail is not sent (deliveries wait in the queue). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().default('隐患整改系统 <noreply@hazards.local>'),
  /** Notifier: with smtp:// send only over STARTTLS (refuse a server that does not offer it). */
  SMTP_REQUIRE_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** API and notifier: URL prefixes (comma-separated) robots and webhooks may go to besides the DingTalk and WeCom robot hosts; these may be private addresses. */
  WEBHOOK_ALLOWED_URLS: z.string().optional(),
  /** Notifier: hour of the day (Asia/Shanghai) at which reminder digests go out. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Links in messages point here: `${PUBLIC_BASE_URL}/hazards/<id>`. */
  PUBLIC_BASE_URL: z.string().url('an http(s) URL').default('http://127.0.0.1:3000'),
  /** Notifier: parallel sends per process. */
  NOTIFIER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** Notifier: job lock; a killed notifier's jobs are taken over after about this long. */
  NOTIFIER_LOCK_MS: z.coerce.number().int().min(1000).default(30000),
  /** Notifier: how often the outbox relay looks for unpublished events when idle. */
  NOTIFIER_RELAY_INTERVAL_MS: z.coerce.number().int().min(50).default(500),
  /** Notifier: overrides the first retry delay of every queue (tests); each retry doubles it. */
  NOTIFIER_BACKOFF_BASE_MS: z.coerce.number().int().min(1).optional(),
  /** Notifier: overrides the attempts of the notifications queue before the dead-letter queue. */
  NOTIFIER_SEND_ATTEMPTS: z.coerce.number().int().min(1).optional(),
  /** Notifier: time limit of one HTTP or SMTP send. */
  NOTIFIER_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /**
   * API: how long an idle kept-alive connection stays open. Longer than a load balancer's idle
   * timeout (60 s is common) and than any client's own, so the server never closes a connection a
   * client is just reusing, which resets the request sent on it (Node's default is 5 s).
   */
  HTTP_KEEP_ALIVE_MS: z.coerce.number().int().min(1000).max(600_000).default(65_000),
  /** Requests per minute per client address before 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /** Login: attempts per minute on one username, known or not (429 above it, before any password check). */
  LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME: z.coerce.number().int().min(1).default(10),
  /** Login: failed attempts per minute from one client address (429 above it): one address cannot lock account after account. */
  LOGIN_FAILURES_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /** Login: password checks waiting for one of the two argon2 slots; past it a login answers 429 at once. */
  LOGIN_HASH_QUEUE: z.coerce.number().int().min(0).default(16),
  /** Notifier and API: BullMQ key prefix (one Redis may hold several deployments). */
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** Notifier: handle only hazards whose id starts with this (relay and digests; tests sharing one database). */
  NOTIFIER_RELAY_HAZARD_PREFIX: z.string().optional(),
  /** Archive (建档备案): the HMAC-SHA256 key sealing history and audit rows and signing dossiers. Kept out of the database; required (and not the default) in production. */
  ARCHIVE_HMAC_KEY: z.string().min(32, 'at least 32 characters').default('dev-only-archive-hmac-key-change-me-please'),
  /** Archive: where the chain heads are anchored outside the database (JSON lines, appended). */
  ARCHIVE_ANCHOR_FILE: z.string().default('data/archive/anchor.jsonl'),
  /** Archive: how often the worker anchors the chain heads; 0 = never (anchor with `npm run cli -- audit anchor`). */
  ARCHIVE_ANCHOR_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60 * 1000),
  /** Imports: where uploaded .xlsx files are kept (the job reads them from there). */
  IMPORT_DIR: z.string().default('data/imports'),
  /** Imports: the largest .xlsx accepted. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  /** Imports: the most data rows in one file. */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(50_000),
  /** Imports: rows registered at once (each a database transaction around a workflow start). */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Imports: the most shared strings (distinct texts) in one workbook. */
  IMPORT_MAX_SHARED_STRINGS: z.coerce.number().int().min(1).default(500_000),
  /** Imports: the most characters of all shared strings together. */
  IMPORT_MAX_SHARED_STRING_CHARS: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  /** Imports: the most bytes inflated from one file (every pass over it counted). */
  IMPORT_MAX_INFLATED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(512 * 1024 * 1024),
  /** Imports: the highest inflate ratio of one zip entry past its first MiB (a zip bomb's is in the thousands). */
  IMPORT_MAX_INFLATE_RATIO: z.coerce.number().int().min(2).default(200),
  /** Importer: the V8 heap limit (MiB) of the child process that runs one import; past it only that import fails. */
  IMPORT_JOB_MAX_HEAP_MB: z.coerce.number().int().min(32).default(384),
  /**
   * 政策推演 (API jobs, and the CLI without `--shards`): time-skipping servers, each replaying a
   * share of the enterprises. Unset: one per SIMULATION_HAZARDS_PER_SHARD hazards.
   */
  SIMULATION_SHARDS: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * 政策推演: hazards one time-skipping server replays when SIMULATION_SHARDS is unset. A server's
   * processor time a hazard grows with the hazards it holds (`npm run bench simulate`, README).
   */
  SIMULATION_HAZARDS_PER_SHARD: z.coerce.number().int().min(1).default(400),
  /** 政策推演: child processes the shards are spread over (unset: one per processor core, at most one per shard). */
  SIMULATION_PROCESSES: z.coerce.number().int().min(1).max(8).optional(),
  /** 政策推演: shards one child process replays at once (the rest wait their turn). */
  SIMULATION_SHARDS_AT_ONCE: z.coerce.number().int().min(1).max(16).default(2),
  /** 政策推演: the most hazards one run replays (more: 422 too_many_hazards). */
  SIMULATION_MAX_HAZARDS: z.coerce.number().int().min(1).default(20_000),
  /** 政策推演 and the scenario tests: the time-skipping test server binary (unset: the one `npm test` fetched into .tools/). */
  TEMPORAL_TEST_SERVER: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

/** The built-in dev-only secrets work only where NODE_ENV says so explicitly (npm start and npm test set it). */
export const devSecretsAllowed = (nodeEnv: string | undefined) => nodeEnv === 'development' || nodeEnv === 'test';

const productionChecks = (env: Environment): string[] =>
  devSecretsAllowed(env.NODE_ENV)
    ? []
    : [
        ...(env.JWT_SECRET.startsWith('dev-only')
          ? ['  - JWT_SECRET: must be set to a secret of your own unless NODE_ENV is development or test (missing)']
          : []),
        ...(env.ARCHIVE_HMAC_KEY.startsWith('dev-only')
          ? ['  - ARCHIVE_HMAC_KEY: must be set to a key of your own unless NODE_ENV is development or test (missing)']
          : []),
      ];

/** For ConfigModule.forRoot({ validate }): throws one readable message listing every bad setting. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const result = environmentSchema.safeParse(raw);
  if (result.success) {
    const problems = productionChecks(result.data);
    if (problems.length === 0) return result.data;
    throw new Error(`配置无效 / Invalid configuration:\n${problems.join('\n')}`);
  }
  throw invalidConfiguration(result.error, raw);
}

/** One readable error listing every bad setting, with what was given. */
function invalidConfiguration(error: z.ZodError, raw: Record<string, unknown>): Error {
  const lines = error.issues.map((i) => {
    const name = i.path.join('.') || '(root)';
    const got = raw[name] === undefined ? 'missing' : `got ${JSON.stringify(raw[name])}`;
    return `  - ${name}: ${i.message} (${got})`;
  });
  return new Error(`配置无效 / Invalid configuration:\n${lines.join('\n')}`);
}

const cliSchema = environmentSchema
  .pick({
    DATABASE_URL: true,
    TEMPORAL_ADDRESS: true,
    TEMPORAL_NAMESPACE: true,
    TEMPORAL_TASK_QUEUE: true,
    POLICY_FILE: true,
    IMPORT_DIR: true,
    IMPORT_MAX_ROWS: true,
    IMPORT_CONCURRENCY: true,
  })
  .partial({ DATABASE_URL: true, TEMPORAL_ADDRESS: true });
export type CliSettings = z.infer<typeof cliSchema>;

/**
 * The settings the CLI reads, validated like the apps' (same schema, same defaults). The
 * connections are optional here: a command opens the database or Temporal only when it needs them,
 * and says which setting is missing then.
 */
export function cliSettings(raw: Record<string, unknown> = process.env): CliSettings {
  const result = cliSchema.safeParse(raw);
  if (result.success) return result.data;
  throw invalidConfiguration(result.error, raw);
}

const simulationSchema = environmentSchema.pick({
  SIMULATION_SHARDS: true,
  SIMULATION_PROCESSES: true,
  SIMULATION_HAZARDS_PER_SHARD: true,
  SIMULATION_SHARDS_AT_ONCE: true,
  SIMULATION_MAX_HAZARDS: true,
  TEMPORAL_TEST_SERVER: true,
  TEMPORAL_WORKFLOW_BUNDLE: true,
});
export type SimulationSettings = z.infer<typeof simulationSchema>;

/**
 * 政策推演's settings, validated like the rest: libs/simulation runs inside the API (which has
 * validated the whole environment at boot) and inside the CLI and the tests (which have not).
 */
export function simulationSettings(raw: Record<string, unknown> = process.env): SimulationSettings {
  const result = simulationSchema.safeParse(raw);
  if (result.success) return result.data;
  throw invalidConfiguration(result.error, raw);
}
