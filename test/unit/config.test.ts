import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, EXAMPLE_VALUES, loadConfig } from '../../src/config.ts';
import { VALID_ENV as VALID } from '../support/factories.ts';

function errorOf(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(VALID);
    expect(config).toMatchObject({
      port: 3000,
      maxCreditsPerClaim: 100,
      defaultLocale: 'it',
      logLevel: 'info',
      env: 'development',
      slack: { appToken: undefined, apiUrl: undefined, reviewerUserIds: undefined },
    });
  });

  it('reads the optional variables', () => {
    const config = loadConfig({
      ...VALID,
      SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
      REVIEWER_USER_IDS: ' U01, U02 ,',
      PORT: '8080',
      MAX_CREDITS_PER_CLAIM: '40',
    });
    expect(config.slack).toMatchObject({
      appToken: 'xapp-1-A1-xyz',
      apiUrl: 'http://127.0.0.1:4000/api/',
      reviewerUserIds: ['U01', 'U02'],
    });
    expect(config.port).toBe(8080);
    expect(config.maxCreditsPerClaim).toBe(40);
  });

  it('uses the embedded database when DATABASE_URL is not set, outside production only', () => {
    const { DATABASE_URL: _, ...withoutUrl } = VALID;
    expect(loadConfig(withoutUrl).database).toEqual({ kind: 'embedded', dataDir: '.data/pg' });
    expect(loadConfig({ ...withoutUrl, EMBEDDED_PG_DIR: '/var/lib/rimborsi' }).database).toEqual({
      kind: 'embedded',
      dataDir: '/var/lib/rimborsi',
    });
    expect(loadConfig(VALID).database).toEqual({ kind: 'url', url: VALID.DATABASE_URL });
    expect(errorOf({ ...withoutUrl, NODE_ENV: 'production' })).toContain('DATABASE_URL is missing');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...VALID, REVIEWER_USER_IDS: '', SLACK_APP_TOKEN: '' }).slack).toMatchObject({
      reviewerUserIds: undefined,
      appToken: undefined,
    });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: undefined }, 'SLACK_BOT_TOKEN is missing'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN is invalid'],
    [{ REVIEW_CHANNEL_ID: '#rimborsi' }, 'REVIEW_CHANNEL_ID is invalid'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL is invalid'],
    [{ PORT: 'eighty' }, 'PORT is invalid'],
    [{ MAX_CREDITS_PER_CLAIM: '0' }, 'MAX_CREDITS_PER_CLAIM is invalid'],
    [{ REVIEWER_USER_IDS: 'U01,bob' }, 'REVIEWER_USER_IDS is invalid'],
    [{ INBOUND_EMAIL_TOKEN: 'short' }, 'INBOUND_EMAIL_TOKEN is invalid'],
  ])('stops with one line naming the variable: %j', (override, expected) => {
    const message = errorOf({ ...VALID, ...override });
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('names every bad variable at once, and never echoes a secret', () => {
    const message = errorOf({ ...VALID, SLACK_BOT_TOKEN: 'xoxp-secret-value', SLACK_SIGNING_SECRET: undefined });
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET is missing');
    expect(message).not.toContain('xoxp-secret-value');
  });

  it.each(['abc', '0', '65536', '80.5', '-1'])('PORT=%s says the range, not what zod received', (port) => {
    const message = errorOf({ ...VALID, PORT: port });
    expect(message).toBe('Configuration error: PORT is invalid (must be a whole number from 1 to 65535)');
    expect(message).not.toContain('NaN');
  });

  it('bearer tokens need at least 32 characters', () => {
    expect(errorOf({ ...VALID, INBOUND_EMAIL_TOKEN: 'x'.repeat(31) })).toContain(
      'INBOUND_EMAIL_TOKEN is invalid (must be at least 32 characters',
    );
    expect(errorOf({ ...VALID, LEDGER_TOKEN: 'y'.repeat(31) })).toContain(
      'LEDGER_TOKEN is invalid (must be at least 32 characters',
    );
    expect(loadConfig({ ...VALID, LEDGER_TOKEN: 'y'.repeat(32) }).ledgerToken).toBe('y'.repeat(32));
  });

  it('refuses every example value of .env.example, saying what to set instead', () => {
    const example = Object.fromEntries(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    // The catalogue of example values is the file itself: a new example value there must be listed.
    for (const [name, { value }] of Object.entries(EXAMPLE_VALUES)) expect(example[name], name).toBe(value);
    const message = errorOf(example);
    for (const name of Object.keys(EXAMPLE_VALUES))
      expect(message).toContain(`${name} is still the example value from .env.example`);
    expect(message).toContain('Bot User OAuth Token');
    expect(message).not.toContain('\n');
    for (const [name, { value }] of Object.entries(EXAMPLE_VALUES)) {
      expect(errorOf({ ...VALID, [name]: value })).toMatch(
        new RegExp(`^Configuration error: ${name} is still the example value`),
      );
    }
  });
});

describe('loadConfig: email replies', () => {
  it('replies are off without SMTP_URL, once a day by default', () => {
    expect(loadConfig(VALID).email).toEqual({
      smtp: undefined,
      ownAddress: undefined,
      replyIntervalHours: 24,
      mailgunSigningKey: undefined,
    });
  });

  it('reads SMTP_URL, EMAIL_FROM (with a name), the interval and the Mailgun key', () => {
    const config = loadConfig({
      ...VALID,
      SMTP_URL: 'smtp://user:pass@mail.example.com:587',
      EMAIL_FROM: 'Supporto <Rimborsi@Example.com>',
      EMAIL_REPLY_INTERVAL_HOURS: '12',
      MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789abcdef',
    });
    expect(config.email).toEqual({
      smtp: { url: 'smtp://user:pass@mail.example.com:587', from: 'Supporto <Rimborsi@Example.com>' },
      ownAddress: 'rimborsi@example.com',
      replyIntervalHours: 12,
      mailgunSigningKey: 'key-0123456789abcdef',
    });
  });

  it.each([
    [{ SMTP_URL: 'smtp://mail.example.com' }, 'EMAIL_FROM is missing'],
    [{ SMTP_URL: 'http://mail.example.com', EMAIL_FROM: 'a@b.it' }, 'SMTP_URL is invalid'],
    [{ EMAIL_FROM: 'not an address' }, 'EMAIL_FROM is invalid'],
    [{ EMAIL_REPLY_INTERVAL_HOURS: '-1' }, 'EMAIL_REPLY_INTERVAL_HOURS is invalid'],
    [{ MAILGUN_WEBHOOK_SIGNING_KEY: 'short' }, 'MAILGUN_WEBHOOK_SIGNING_KEY is invalid'],
  ])('%j is refused: %s', (env, message) => {
    expect(errorOf({ ...VALID, ...env })).toContain(message);
  });

  it('delivers the outbox unless OUTBOX_WORKER=off', () => {
    expect(loadConfig(VALID).outboxWorker).toBe(true);
    expect(loadConfig({ ...VALID, OUTBOX_WORKER: 'on' }).outboxWorker).toBe(true);
    expect(loadConfig({ ...VALID, OUTBOX_WORKER: 'off' }).outboxWorker).toBe(false);
    expect(errorOf({ ...VALID, OUTBOX_WORKER: 'no' })).toContain("OUTBOX_WORKER is invalid (must be 'on' or 'off')");
  });

  it('never puts the SMTP password in the error', () => {
    expect(errorOf({ ...VALID, SMTP_URL: 'ftp://user:s3cret-pass@mail.example.com' })).not.toContain('s3cret-pass');
  });
});
