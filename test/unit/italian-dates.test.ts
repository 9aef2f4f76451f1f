import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/rome-calendar.ts';
import { formatDate, formatDateTime, formatDueDate } from '../../src/i18n/format.ts';
import { ITALIAN_DATE_ARTICLES, withItalianArticle } from '../../src/i18n/italian-articles.ts';
import { catalogKeys, t, type MessageKey } from '../../src/i18n/messages.ts';
import { describeFinding } from '../../src/slack/messages/verdict-text.ts';

/** Every calendar day of a leap year and of an ordinary one: all months, all days 1–31. */
function everyDay(): string[] {
  const days: string[] = [];
  for (let date = '2027-01-01'; date < '2029-01-01'; date = addDays(date, 1)) days.push(date);
  return days;
}
const DAYS = everyDay();
const dayOf = (date: string) => Number(date.slice(8, 10));

/** What an Italian reader expects after each preposition, by the day's number. */
function expectedArticle(article: keyof typeof ITALIAN_DATE_ARTICLES, day: number): string {
  const [full, elided] = ITALIAN_DATE_ARTICLES[article];
  if (day === 1) return `${full}1º `;
  return day === 8 || day === 11 ? `${elided}${day} ` : `${full}${day} `;
}

// A date that lost its article or kept the wrong one: "il 8", "dal 11", "il 1 dicembre", "l’12".
const WRONG_ARTICLE =
  /\b(?:il|dal|al|del|nel) (?:8|11)\b|\b(?:il|dal|al|del|nel) 1 |(?:^|[\s(])l’(?!8\b|11\b)\d|(?<!\bil |\bdal |\bal |\bdel |\bnel |l’|’|oggi, |\*)\b\d{1,2} (?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)/;

describe('Italian dates carry their article', () => {
  it('covers every day of every month', () => {
    expect(new Set(DAYS.map((date) => date.slice(5, 7))).size).toBe(12);
    expect(new Set(DAYS.map(dayOf)).size).toBe(31);
    expect(DAYS).toContain('2028-02-29');
  });

  it.each(Object.keys(ITALIAN_DATE_ARTICLES) as Array<keyof typeof ITALIAN_DATE_ARTICLES>)(
    'after "%s": elided before 8 and 11, "1º" on the first, the full article otherwise',
    (article) => {
      for (const date of DAYS) {
        const written = withItalianArticle(article, formatDate(date, 'it'));
        expect(written.startsWith(expectedArticle(article, dayOf(date))), `${article} ${date}: ${written}`).toBe(true);
      }
    },
  );

  it('due dates, timestamps and the policy findings read right on every day', () => {
    for (const date of DAYS) {
      const instant = new Date(`${date}T10:00:00Z`);
      const texts = [
        t('it', 'result.to_review', { reference: 'RIM-1', deadline: formatDueDate(date, 'it') }),
        t('it', 'review.decided_approved', { user: 'U1', when: formatDateTime(instant, 'it'), credits: 5 }),
        t('it', 'home.updated_at', { when: formatDateTime(instant, 'it') }),
        describeFinding({ code: 'window_ok', level: 'ok', params: { windowDays: 30, days: 4, startDate: date } }, 'it'),
        describeFinding(
          {
            code: 'ledger_match',
            level: 'ok',
            params: { chargeId: 'ch', credits: 5, chargedOn: date, differences: '—' },
          },
          'it',
        ),
      ];
      for (const text of texts) expect(text, text).not.toMatch(WRONG_ARTICLE);
      expect(texts[0]).toContain(`entro *${expectedArticle('il', dayOf(date))}`);
    }
  });

  it('no Italian template writes an article before a placeholder itself', () => {
    for (const key of catalogKeys('it')) {
      expect(t('it', key as MessageKey), key).not.toMatch(
        /\b(?:il|dal|al|del|nel|entro il) \{(?:when|startDate|deadline|\w+On)\}/,
      );
    }
  });

  it('English dates take no article', () => {
    expect(formatDueDate('2026-12-08', 'en')).toBe('8 December 2026');
    expect(t('en', 'review.decided_approved', { user: 'U1', when: '8 December 2026 at 10:00', credits: 5 })).toContain(
      'on 8 December',
    );
  });
});
