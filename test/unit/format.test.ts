import { describe, expect, it } from 'vitest';
import { formatDate, formatDueDate } from '../../src/i18n/format.ts';

describe('formatDueDate', () => {
  it.each([
    ['2026-12-10', 'il 10 dicembre 2026'],
    ['2026-12-08', 'l’8 dicembre 2026'],
    ['2026-12-11', 'l’11 dicembre 2026'],
    ['2026-12-01', 'il 1º dicembre 2026'],
    ['2026-12-18', 'il 18 dicembre 2026'],
  ])('writes %s as "entro %s" reads in Italian', (date, expected) => {
    expect(formatDueDate(date, 'it')).toBe(expected);
  });

  it('leaves English dates without an article', () => {
    expect(formatDueDate('2026-12-08', 'en')).toBe('8 December 2026');
    expect(formatDate('2026-12-08', 'it')).toBe('8 dicembre 2026');
  });
});
