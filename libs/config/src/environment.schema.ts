import { z } from 'zod';

/**
 * Every setting the apps read, validated at boot: a wrong or missing one stops the app with
 * its name and what was expected. The README's configuration table mirrors this schema.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number({ error: 'a TCP port number (1-65535)' }).int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string({ error: 'required: a postgres:// connection URL' }).regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string({ error: 'required: a redis:// URL' }).regex(/^rediss?:\/\//, 'a redis:// URL'),
  TEMPORAL_ADDRESS: z.string({ error: 'required: host:port of the Temporal frontend' }).regex(/^[^:\s]+:\d+$/, 'host:port of the Temporal frontend'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('hazards'),
  /** Workflow cache size of the worker: bounds its memory with many open hazards. */
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(2000),
  /** A prebuilt workflow bundle (production); without it the worker bundles workflows/ at start. */
  TEMPORAL_WORKFLOW_BUNDLE: z.string().optional(),
  /** JSON policy file; without it the bundled default policy is used. */
  POLICY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

/** For ConfigModule.forRoot({ validate }): throws one readable message listing every bad setting. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const result = environmentSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const name = i.path.join('.') || '(root)';
    const got = raw[name] === undefined ? 'missing' : `got ${JSON.stringify(raw[name])}`;
    return `  - ${name}: ${i.message} (${got})`;
  });
  throw new Error(`配置无效 / Invalid configuration:\n${lines.join('\n')}`);
}
