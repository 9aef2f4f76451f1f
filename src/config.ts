/**
 * Configuration: the only module that reads the environment. It validates the variables (zod) into a `Config`
 * for the app, or the smaller targets of the CLIs (`loadDatabaseTarget`, `loadToolConfig`), and throws a
 * one-line ConfigError naming each bad or still-example variable.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseClosedDays, type ClosedDays } from './domain/italian-holidays.ts';
import type { EscalationTarget } from './domain/sla.ts';
import { AUTO_APPROVE_CASES } from './domain/claim.ts';
import { DEFAULT_AUTO_APPROVAL, type AutoApprovalConfig } from './domain/auto-approval.ts';

/**
 * The only module that reads the environment. Everything else receives a `Config`.
 * Empty variables count as unset, so `REVIEWER_USER_IDS=` in a .env file means "no narrowing".
 */
const slackId = (prefix: string) => z.string().regex(new RegExp(`^[${prefix}][A-Z0-9]{2,}$`), 'not a Slack id');
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\s*\d+\s*$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be a whole number from ${min} to ${max}`)
        .max(max, `must be a whole number from ${min} to ${max}`),
    );
/** Bearer tokens others send us: long enough that guessing one is hopeless. */
const BEARER_MIN = 32;
const bearerToken = z.string().min(BEARER_MIN, `must be at least ${BEARER_MIN} characters (e.g. openssl rand -hex 32)`);

/**
 * The example values of .env.example: a copied example file must not run, and its public token must
 * never open an endpoint. Checked before the format, so the message says what to do.
 */
export const EXAMPLE_VALUES: Readonly<Record<string, { value: string; fix: string }>> = {
  SLACK_BOT_TOKEN: { value: 'xoxb-your-bot-token', fix: "set your app's Bot User OAuth Token (OAuth & Permissions)" },
  SLACK_SIGNING_SECRET: { value: 'your-signing-secret', fix: "set your app's Signing Secret (Basic Information)" },
  REVIEW_CHANNEL_ID: { value: 'C0123456789', fix: "set the review channel's id (channel details, at the bottom)" },
  INBOUND_EMAIL_TOKEN: {
    value: 'change-me-to-a-long-random-string',
    fix: 'set a random value of your own (openssl rand -hex 32)',
  },
};

const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-\S+$/, 'must start with xoxb-'),
  SLACK_SIGNING_SECRET: z.string().min(8, 'too short'),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-\S+$/, 'must start with xapp-')),
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/ }).transform((url) => (url.endsWith('/') ? url : `${url}/`))),
  REVIEW_CHANNEL_ID: slackId('CG'),
  REVIEWER_USER_IDS: optional(
    z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(z.array(slackId('UW')).min(1)),
  ),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')),
  EMBEDDED_PG_DIR: optional(z.string().min(1)).default('.data/pg'),
  EMBEDDED_PG_BIN_DIR: optional(z.string().min(1)),
  PORT: optional(wholeNumber(1, 65535)).default(3000),
  INBOUND_EMAIL_TOKEN: bearerToken,
  MAILGUN_WEBHOOK_SIGNING_KEY: optional(z.string().min(16, 'must be at least 16 characters')),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })),
  EMAIL_FROM: optional(
    z
      .string()
      .refine(
        (value) => emailAddressOf(value) !== null,
        'must be an address, optionally with a name: Supporto <supporto@example.com>',
      ),
  ),
  EMAIL_REPLY_INTERVAL_HOURS: optional(
    z.coerce
      .number()
      .min(0)
      .max(24 * 365),
  ).default(24),
  LEDGER_TOKEN: optional(bearerToken),
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  RETENTION_MONTHS: optional(z.coerce.number().int().min(1).max(120)).default(24),
  REFUND_WEBHOOK_URL: optional(z.url({ protocol: /^https?$/ })),
  REFUND_WEBHOOK_SECRET: optional(z.string().min(16, 'must be at least 16 characters')),
  MAX_CREDITS_PER_CLAIM: optional(z.coerce.number().int().min(1).max(100_000)).default(100),
  MAX_PENDING_CLAIMS: optional(z.coerce.number().int().min(1).max(1000)).default(5),
  DEFAULT_LOCALE: optional(z.enum(['it', 'en'])).default('it'),
  REVIEW_LOCALE: optional(z.enum(['it', 'en'])),
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'])).default('info'),
  CLOSED_DAYS: optional(
    z.string().transform((spec, ctx) => {
      const parsed = parseClosedDays(spec);
      if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      return 'error' in parsed ? undefined : parsed;
    }),
  ),
  SLA_REMINDER_OFFSETS: optional(
    z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^\d$/, 'must be whole numbers of business days from 0 to 9')).min(1))
      .transform((offsets) => offsets.map(Number)),
  ).default([2, 0]),
  SLA_NOTIFY_HOUR: optional(z.coerce.number().int().min(0).max(23)).default(9),
  SLA_SWEEP_INTERVAL_SECONDS: optional(z.coerce.number().int().min(5).max(86_400)).default(300),
  SLA_ESCALATION_MENTION: optional(
    z.union([z.literal('here'), z.string().regex(/^S[A-Z0-9]{2,}$/, 'must be "here" or a user group id (S…)')]),
  ).default('here'),
  OUTBOX_WORKER: optional(z.enum(['on', 'off'], "must be 'on' or 'off'")).default('on'),
  DELIVERY_GIVE_UP_HOURS: optional(
    z.coerce
      .number()
      .min(0.01)
      .max(24 * 14),
  ).default(24),
  REFUND_SHARE_WARNING_PERCENT: optional(z.coerce.number().int().min(0).max(100)).default(
    DEFAULT_AUTO_APPROVAL.maxRefundSharePercent,
  ),
  AUTO_APPROVE: optional(
    z
      .string()
      .transform((list) => [
        ...new Set(
          list
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(AUTO_APPROVE_CASES, `must be cases among ${AUTO_APPROVE_CASES.join(', ')}`))),
  ).default([]),
  AUTO_APPROVE_MAX_PER_PROFESSIONAL: optional(z.coerce.number().int().min(0).max(1000)).default(
    DEFAULT_AUTO_APPROVAL.maxPerProfessional,
  ),
  AUTO_APPROVE_DAILY_CREDITS: optional(z.coerce.number().int().min(0).max(10_000_000)).default(
    DEFAULT_AUTO_APPROVAL.dailyCredits,
  ),
  AUTO_APPROVE_REVERSAL_DAYS: optional(z.coerce.number().int().min(1).max(90)).default(
    DEFAULT_AUTO_APPROVAL.reversalDays,
  ),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  slack: {
    botToken: string;
    signingSecret: string;
    appToken: string | undefined;
    apiUrl: string | undefined;
    reviewChannelId: string;
    reviewerUserIds: readonly string[] | undefined;
  };
  /** A server of your own, or (outside production) an embedded PostgreSQL kept in a folder. */
  database: DatabaseTarget;
  port: number;
  inboundEmailToken: string;
  email: EmailConfig;
  /** The marketplace's bearer token for POST /ledger/charges; unset, the endpoint answers 404. */
  ledgerToken: string | undefined;
  /** Bearer token of GET /metrics; unset: /metrics is open (keep it on an internal network). */
  metricsToken: string | undefined;
  /** Decided claims and charges older than this lose the client's name and phone (daily job). */
  retentionMonths: number;
  maxCreditsPerClaim: number;
  /** Claims one professional may have waiting for a decision at once; one more is a field error. */
  maxPendingClaims: number;
  /** For people whose Slack locale we do not speak, or cannot look up. */
  defaultLocale: 'it' | 'en';
  /** The review channel's language (default: defaultLocale). */
  reviewLocale: 'it' | 'en';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  sla: {
    closedDays: ClosedDays | undefined;
    reminderOffsets: readonly number[];
    notifyHour: number;
    sweepIntervalSeconds: number;
    escalation: EscalationTarget;
  };
  deliveryGiveUpHours: number;
  /**
   * Whether this instance delivers the outbox (OUTBOX_WORKER). Off: it answers Slack and queues, and
   * another instance with the worker on delivers what it queued.
   */
  outboxWorker: boolean;
  /** Where approved refunds are announced to the marketplace, and the secret that signs them. */
  refundWebhook: { url: string; secret: string } | undefined;
  /** AUTO_APPROVE and its guards; `maxRefundSharePercent` is also the review message's warning. */
  autoApproval: AutoApprovalConfig;
}

export interface EmailConfig {
  /** Where replies leave from; unset, email replies are off (attempts are still recorded). */
  smtp: { url: string; from: string } | undefined;
  /** Our own address (EMAIL_FROM's), lower-cased: mail from it is never answered. */
  ownAddress: string | undefined;
  /** At most one reply per sender address in this many hours (0: no limit). */
  replyIntervalHours: number;
  /** Mailgun's webhook signing key: its signed POSTs are accepted without the token. */
  mailgunSigningKey: string | undefined;
}

export type DatabaseTarget =
  | { kind: 'url'; url: string }
  /** binariesCacheDir: as root, where PostgreSQL's binaries are copied when the postgres user cannot reach node_modules. */
  | { kind: 'embedded'; dataDir: string; binariesCacheDir?: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Adds the variables of `.env` (when there is one) to the environment; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Parses the environment once; throws a ConfigError whose message is one line naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const examples = Object.entries(EXAMPLE_VALUES)
    .filter(([name, example]) => env[name]?.trim() === example.value)
    .map(([name, example]) => `${name} is still the example value from .env.example: ${example.fix}`);
  if (examples.length > 0) throw new ConfigError(`Configuration error: ${examples.join('; ')}`);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const missing = env[name] === undefined || env[name] === '';
      return `${name} ${missing ? 'is missing' : `is invalid (${issue.message})`}`;
    });
    throw new ConfigError(`Configuration error: ${[...new Set(problems)].join('; ')}`);
  }
  const e = parsed.data;
  const env_ = e.NODE_ENV ?? 'development';
  return {
    env: env_,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      reviewChannelId: e.REVIEW_CHANNEL_ID,
      reviewerUserIds: e.REVIEWER_USER_IDS,
    },
    database: databaseTarget(e.DATABASE_URL, e.EMBEDDED_PG_DIR, env_, e.EMBEDDED_PG_BIN_DIR),
    port: e.PORT,
    inboundEmailToken: e.INBOUND_EMAIL_TOKEN,
    email: emailConfigOf(e.SMTP_URL, e.EMAIL_FROM, e.EMAIL_REPLY_INTERVAL_HOURS, e.MAILGUN_WEBHOOK_SIGNING_KEY),
    ledgerToken: e.LEDGER_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    retentionMonths: e.RETENTION_MONTHS,
    maxCreditsPerClaim: e.MAX_CREDITS_PER_CLAIM,
    maxPendingClaims: e.MAX_PENDING_CLAIMS,
    defaultLocale: e.DEFAULT_LOCALE,
    reviewLocale: e.REVIEW_LOCALE ?? e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    sla: {
      closedDays: e.CLOSED_DAYS,
      reminderOffsets: e.SLA_REMINDER_OFFSETS,
      notifyHour: e.SLA_NOTIFY_HOUR,
      sweepIntervalSeconds: e.SLA_SWEEP_INTERVAL_SECONDS,
      escalation:
        e.SLA_ESCALATION_MENTION === 'here' ? { kind: 'here' } : { kind: 'usergroup', id: e.SLA_ESCALATION_MENTION },
    },
    deliveryGiveUpHours: e.DELIVERY_GIVE_UP_HOURS,
    outboxWorker: e.OUTBOX_WORKER === 'on',
    refundWebhook: refundWebhookOf(e.REFUND_WEBHOOK_URL, e.REFUND_WEBHOOK_SECRET),
    autoApproval: {
      enabledCases: e.AUTO_APPROVE,
      maxRefundSharePercent: e.REFUND_SHARE_WARNING_PERCENT,
      maxPerProfessional: e.AUTO_APPROVE_MAX_PER_PROFESSIONAL,
      dailyCredits: e.AUTO_APPROVE_DAILY_CREDITS,
      reversalDays: e.AUTO_APPROVE_REVERSAL_DAYS,
    },
  };
}

/** A webhook without its secret could not be verified by the marketplace: both or neither. */
function refundWebhookOf(url: string | undefined, secret: string | undefined): Config['refundWebhook'] {
  if (url && !secret)
    throw new ConfigError('Configuration error: REFUND_WEBHOOK_SECRET is missing (required with REFUND_WEBHOOK_URL)');
  if (secret && !url)
    throw new ConfigError('Configuration error: REFUND_WEBHOOK_URL is missing (REFUND_WEBHOOK_SECRET is set)');
  return url && secret ? { url, secret } : undefined;
}

/** `a@b` or `Name <a@b>`: the address, lower-cased, or null. */
function emailAddressOf(value: string): string | null {
  const address = /<([^<>\s]+)>\s*$/.exec(value)?.[1] ?? value.trim();
  return z.email().safeParse(address).success ? address.toLowerCase() : null;
}

/** Replies need a sender: SMTP_URL without EMAIL_FROM would send mail from nobody. */
function emailConfigOf(
  smtpUrl: string | undefined,
  from: string | undefined,
  intervalHours: number,
  mailgunKey: string | undefined,
): EmailConfig {
  if (smtpUrl && !from) throw new ConfigError('Configuration error: EMAIL_FROM is missing (required with SMTP_URL)');
  return {
    smtp: smtpUrl && from ? { url: smtpUrl, from } : undefined,
    ownAddress: from ? (emailAddressOf(from) ?? undefined) : undefined,
    replyIntervalHours: intervalHours,
    mailgunSigningKey: mailgunKey,
  };
}

/** A production instance never silently keeps its data in a local folder. */
function databaseTarget(
  url: string | undefined,
  dataDir: string,
  env: Config['env'],
  binariesCacheDir?: string,
): DatabaseTarget {
  if (url) return { kind: 'url', url };
  if (env === 'production')
    throw new ConfigError('Configuration error: DATABASE_URL is missing (required when NODE_ENV=production)');
  return { kind: 'embedded', dataDir, ...(binariesCacheDir ? { binariesCacheDir } : {}) };
}

/** For `npm run migrate`, which needs the database and nothing else. */
export function loadDatabaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const url = EnvSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL);
  if (!url.success) throw new ConfigError('Configuration error: DATABASE_URL is invalid (must be a postgres:// URL)');
  const dataDir = EnvSchema.shape.EMBEDDED_PG_DIR.parse(env.EMBEDDED_PG_DIR);
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : 'development';
  return databaseTarget(url.data, dataDir, nodeEnv, EnvSchema.shape.EMBEDDED_PG_BIN_DIR.parse(env.EMBEDDED_PG_BIN_DIR));
}

/** For the operators' commands (export, erase): the database, the calendar's closed days and the retention. */
export function loadToolConfig(env: Record<string, string | undefined> = process.env): {
  database: DatabaseTarget;
  closedDays: ClosedDays | undefined;
} {
  const closed = EnvSchema.shape.CLOSED_DAYS.safeParse(env.CLOSED_DAYS);
  if (!closed.success) throw new ConfigError('Configuration error: CLOSED_DAYS is invalid');
  return { database: loadDatabaseTarget(env), closedDays: closed.data };
}
