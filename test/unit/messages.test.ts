import { describe, expect, it } from 'vitest';
import { LOCALES, catalogKeys, t, type MessageKey } from '../../src/i18n/messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(?:\w+:)?(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalog', () => {
  it('has the same keys in every language', () => {
    const [first, ...others] = LOCALES.map((locale) => catalogKeys(locale).sort());
    for (const keys of others) expect(keys).toEqual(first);
  });

  it.each(catalogKeys('it'))('%s has the same placeholders in Italian and English, and no empty text', (key) => {
    const it = t('it', key as MessageKey);
    const en = t('en', key as MessageKey);
    expect(it.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(placeholders(en)).toEqual(placeholders(it));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('it', 'field.too_long', { max: 100 })).toBe('Massimo 100 caratteri.');
    expect(t('en', 'field.too_long')).toBe('At most {max} characters.');
  });

  it('never speaks of money: refunds are credits', () => {
    for (const locale of LOCALES) {
      for (const key of catalogKeys(locale)) {
        expect(t(locale, key as MessageKey)).not.toMatch(/€|\beuro\b|\bEUR\b/i);
      }
    }
  });
});
