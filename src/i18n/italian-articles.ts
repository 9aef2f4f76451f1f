/**
 * The prepositions a date follows in the catalog's Italian, each with its article in full and elided:
 * a template writes `{il:when}`, `{dal:startDate}`… and `t()` puts the right form before the date.
 */
export const ITALIAN_DATE_ARTICLES = {
  il: ['il ', 'l’'],
  dal: ['dal ', 'dall’'],
  al: ['al ', 'all’'],
  del: ['del ', 'dell’'],
  nel: ['nel ', 'nell’'],
} as const;
export type ItalianDateArticle = keyof typeof ITALIAN_DATE_ARTICLES;

/**
 * A formatted Italian date ("8 dicembre 2026", "1 dicembre 2026 alle ore 9:00") after its article:
 * elided before the days read with a vowel — "l’8", "dall’11" — and the first of the month as an
 * ordinal, "il 1º dicembre". Text that does not start with a day keeps the plain article.
 */
export function withItalianArticle(article: ItalianDateArticle, formatted: string): string {
  const [full, elided] = ITALIAN_DATE_ARTICLES[article];
  const day = /^(\d{1,2})(?!\d)/.exec(formatted)?.[1];
  if (day === undefined) return `${full}${formatted}`;
  if (Number(day) === 1) return `${full}1º${formatted.slice(day.length)}`;
  return Number(day) === 8 || Number(day) === 11 ? `${elided}${formatted}` : `${full}${formatted}`;
}
