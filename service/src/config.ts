import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The only place that reads the environment. Parsed once at start-up and frozen; every problem is listed
 * at once so an operator fixes a broken deployment in one go.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z
        .url()
        .refine((u) => protocols.some((p) => u.startsWith(p)), `must start with ${protocols.join(' or ')}`)
        .optional(),
    );

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  PUBLIC_URL: optionalUrl(['http://', 'https://']),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  EMBEDDER: z.enum(['auto', 'offline', 'transformers']).default('auto'),
  MODEL_DIR: z.string().min(1).optional(),
  MODEL_ID: z.string().min(1).default('Xenova/multilingual-e5-small'),
  MODEL_DTYPE: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4']).default('q8'),
  MODEL_ALLOW_DOWNLOAD: booleanFlag.default(false),
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  WEB_BUILD: z.enum(['auto', 'off']).default('auto'),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
  MAIL_FROM: z.string().min(3).default('Maillage <no-reply@maillage.localhost>'),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** How many reverse proxies stand in front of this server (their X-Forwarded-For entries are believed). */
  trustProxy: number;
  publicUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  database: { mode: 'postgres'; url: string; poolSize: number } | { mode: 'pglite'; dataDir: string };
  dataDir: string;
  redisUrl: string | undefined;
  embedder: {
    provider: 'auto' | 'offline' | 'transformers';
    modelDir: string;
    modelId: string;
    dtype: z.infer<typeof EnvSchema>['MODEL_DTYPE'];
    allowDownload: boolean;
  };
  /** Load the demo territory into an empty database: by default only on the embedded PGlite. */
  demoData: boolean;
  webBuild: boolean;
  mail: { smtpUrl: string | undefined; from: string };
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (process.env by default) into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { mode: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { mode: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    dataDir,
    redisUrl: e.REDIS_URL,
    embedder: {
      provider: e.EMBEDDER,
      modelDir: resolve(e.MODEL_DIR ?? resolve(dataDir, 'models')),
      modelId: e.MODEL_ID,
      dtype: e.MODEL_DTYPE,
      allowDownload: e.MODEL_ALLOW_DOWNLOAD,
    },
    demoData: e.DEMO_DATA === 'on' || (e.DEMO_DATA === 'auto' && !e.DATABASE_URL),
    webBuild: e.WEB_BUILD === 'auto',
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
  };
  return Object.freeze(config);
}

/** A URL with its password masked, for logs and /api/health. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}

/** For process entry points: the configuration, or every problem on stderr and exit code 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(err.message + '\n');
    process.exit(2);
  }
}

/**
 * The environment for a child process of ours (a worker started by a benchmark or a tool): only what a Node process
 * needs to run, plus the given configuration, so a child never inherits settings by accident.
 */
export function childProcessEnv(settings: Record<string, string>, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (env[key] !== undefined) base[key] = env[key]!;
  return { ...base, ...settings };
}
