/**
 * Configuration from the environment (and a .env file if present), validated at start. A wrong value stops
 * start-up with a ConfigError naming every bad variable.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const port = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1–65535').max(65535, 'must be 1–65535');

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
  FLOWS_DIR: z.string().min(1).default('./flows'),
  FLOW_IDLE_MINUTES: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10080, 'must be at most 10080 (a week)').default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(['vi', 'en']).default('vi'),
  USER_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.string().url('must be a URL').refine((u) => u.startsWith('https://'), 'must start with https:// (platforms only call HTTPS webhooks)').optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC… (from @BotFather)').optional(),
  TELEGRAM_API_ROOT: z.string().url('must be a URL').default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -').optional(),
  ZALO_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{10,}$/, 'must look like 123456:abc… (from Zalo Bot Creator)').optional(),
  ZALO_API_ROOT: z.string().url('must be a URL').default('https://bot-api.zaloplatforms.com'),
  ZALO_WEBHOOK_SECRET: z.string().min(16, 'must be 16–256 characters').max(256, 'must be 16–256 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_000).default(30),
  REVIEW_SAMPLE_RATE: z.coerce.number({ error: 'must be a number' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.1),
  WEB_NEW_CONVERSATIONS_PER_HOUR: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 (off) or more').max(1_000_000).default(30),
  HTTP_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 (off) or more').max(1_000_000).default(600),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a number of proxy hops, or comma-separated addresses/CIDRs of the proxies')
    .default('false'),
  METRICS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  DB_SYNC: z.enum(['full', 'normal'], { error: 'must be full or normal' }).default('full'),
  RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(30),
  DEDUPE_HOURS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(24, 'must be at least 24 (Telegram redelivers for 24 hours)').max(720, 'must be at most 720').default(48),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  flowsDir: string;
  flowIdleMinutes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  defaultLanguage: 'vi' | 'en';
  userKeySecret?: string;
  publicUrl?: string;
  telegram?: { token: string; apiRoot: string; webhookSecret?: string };
  zalo?: { token: string; apiRoot: string; webhookSecret?: string };
  rateLimitPerMinute: number;
  /** Requests a minute one address may make to the chat API (0: no limit; the load scripts use 0). */
  httpRateLimitPerMinute: number;
  /** New web conversations one address may open an hour before the next are answered statelessly (0: no limit). */
  webNewConversationsPerHour: number;
  /** Share of doubtful answers sampled into the staff review queue. */
  reviewSampleRate: number;
  /** fastify's trustProxy: whom to believe about the client address (X-Forwarded-For); false by default. */
  trustProxy: boolean | number | string[];
  /** Whether anonymous engagement counts are kept. */
  metrics: boolean;
  /** SQLite durability: 'full' survives a power cut, 'normal' a crash of the process. */
  dbSync: 'full' | 'normal';
  /** Days idle conversation state and resolved questions are kept. */
  retentionDays: number;
  /** Hours platform update ids are kept to drop redeliveries. */
  dedupeHours: number;
}

/** Reads .env from `cwd` (if present); real environment variables win over it. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Record<string, string | undefined> {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        const got = cleaned[name];
        const shown = name.includes('SECRET') || name.includes('TOKEN') ? '' : got === undefined ? '' : ` (got "${got}")`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const c = result.data;
  const problems: string[] = [];
  if (c.PUBLIC_URL && c.TELEGRAM_BOT_TOKEN && !c.TELEGRAM_WEBHOOK_SECRET) problems.push('TELEGRAM_WEBHOOK_SECRET: required when PUBLIC_URL and TELEGRAM_BOT_TOKEN are set (webhook mode)');
  if (c.PUBLIC_URL && c.ZALO_BOT_TOKEN && !c.ZALO_WEBHOOK_SECRET) problems.push('ZALO_WEBHOOK_SECRET: required when PUBLIC_URL and ZALO_BOT_TOKEN are set (webhook mode)');
  if (problems.length) throw new ConfigError(problems);
  const trim = (u: string) => u.replace(/\/+$/, '');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: resolve(c.DATA_DIR),
    knowledgeDir: resolve(c.KNOWLEDGE_DIR),
    flowsDir: resolve(c.FLOWS_DIR),
    flowIdleMinutes: c.FLOW_IDLE_MINUTES,
    logLevel: c.LOG_LEVEL,
    defaultLanguage: c.DEFAULT_LANGUAGE,
    ...(c.USER_KEY_SECRET ? { userKeySecret: c.USER_KEY_SECRET } : {}),
    ...(c.PUBLIC_URL ? { publicUrl: trim(c.PUBLIC_URL) } : {}),
    ...(c.TELEGRAM_BOT_TOKEN
      ? { telegram: { token: c.TELEGRAM_BOT_TOKEN, apiRoot: trim(c.TELEGRAM_API_ROOT), ...(c.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: c.TELEGRAM_WEBHOOK_SECRET } : {}) } }
      : {}),
    ...(c.ZALO_BOT_TOKEN ? { zalo: { token: c.ZALO_BOT_TOKEN, apiRoot: trim(c.ZALO_API_ROOT), ...(c.ZALO_WEBHOOK_SECRET ? { webhookSecret: c.ZALO_WEBHOOK_SECRET } : {}) } } : {}),
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    httpRateLimitPerMinute: c.HTTP_RATE_LIMIT_PER_MINUTE,
    webNewConversationsPerHour: c.WEB_NEW_CONVERSATIONS_PER_HOUR,
    reviewSampleRate: c.REVIEW_SAMPLE_RATE,
    trustProxy: c.TRUST_PROXY === 'true' ? true : c.TRUST_PROXY === 'false' ? false : /^\d+$/.test(c.TRUST_PROXY) ? Number(c.TRUST_PROXY) : c.TRUST_PROXY.split(','),
    metrics: c.METRICS === 'on',
    dbSync: c.DB_SYNC,
    retentionDays: c.RETENTION_DAYS,
    dedupeHours: c.DEDUPE_HOURS,
  };
}
