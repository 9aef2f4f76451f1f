/**
 * Slack: each person's language (Italian or English) from their Slack locale, cached, with the default
 * language when the lookup fails or is slow. Built once in application.ts and reached through AppDeps.locales.
 */
import type { WebClient } from '@slack/web-api';
import type { Locale } from '../i18n/messages.ts';

/** Slack's locale (users.info, e.g. "en-US") to one of ours; anything we do not speak gets the default. */
export function toLocale(slackLocale: string | undefined, fallback: Locale): Locale {
  const language = (slackLocale ?? '').slice(0, 2).toLowerCase();
  return language === 'it' || language === 'en' ? language : fallback;
}

/**
 * Each person's language, from their Slack locale, cached for an hour. A lookup that fails or is slow
 * (the modal's trigger lives 3 s) answers with the default language and is tried again next time.
 */
export function createLocaleDirectory(options: {
  client: WebClient;
  fallback: Locale;
  ttlMs?: number;
  timeoutMs?: number;
  clock?: () => number;
}) {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const timeoutMs = options.timeoutMs ?? 800;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { locale: Locale; expiresAt: number }>();

  async function lookUp(userId: string): Promise<Locale> {
    const { user } = await options.client.users.info({ user: userId, include_locale: true });
    const locale = toLocale(user?.locale, options.fallback);
    cache.set(userId, { locale, expiresAt: clock() + ttlMs });
    return locale;
  }

  return {
    async localeOf(userId: string): Promise<Locale> {
      const cached = cache.get(userId);
      if (cached && cached.expiresAt > clock()) return cached.locale;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<Locale>((resolve) => {
        timer = setTimeout(() => resolve(options.fallback), timeoutMs);
      });
      try {
        return await Promise.race([lookUp(userId).catch(() => options.fallback), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type LocaleDirectory = ReturnType<typeof createLocaleDirectory>;
