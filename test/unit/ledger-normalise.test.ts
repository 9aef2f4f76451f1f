import { describe, expect, it } from 'vitest';
import { normaliseClientName } from '../../src/domain/policy.ts';
import { normaliseName, normalisePhone, normaliseService } from '../../src/ledger/normalise.ts';

describe('normaliseName', () => {
  it.each([
    ['Maria', 'Bianchi', 'maria bianchi'],
    ['  MARIA ', ' bianchi  ', 'maria bianchi'],
    ['Niccolò', 'Pellè', 'niccolo pelle'],
    ['Anna  Maria', 'De   Rossi', 'anna maria de rossi'],
    ['Luca', 'D’Angelo', "luca d'angelo"],
  ])('%s %s → %s', (first, last, expected) => {
    expect(normaliseName(first, last)).toBe(expected);
  });

  it('is the key the policy uses for claims, so a claim and its charge agree on the client', () => {
    expect(normaliseName('Ñoño', 'Éclair')).toBe(normaliseClientName('Ñoño', 'Éclair'));
  });
});

describe('normalisePhone', () => {
  it.each([
    ['+39 333 123 4567', '3331234567'],
    ['0039-333-1234567', '3331234567'],
    ['333 1234567', '3331234567'],
    ['(+39) 333.123.4567', '3331234567'],
    ['+39 06 1234 5678', '0612345678'],
    [' 3331234567 ', '3331234567'],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it('treats +39, 0039 and no country code as the same number', () => {
    const keys = new Set(['+39 333 123 4567', '0039-333-1234567', '333 1234567'].map(normalisePhone));
    expect([...keys]).toEqual(['3331234567']);
  });

  it('keeps a leading 39 that is not a country code (Italian mobiles start with 390–393)', () => {
    expect(normalisePhone('393 1234567')).toBe('3931234567');
    expect(normalisePhone('+39 393 1234567')).toBe('3931234567');
  });

  it('keeps other countries’ codes', () => {
    expect(normalisePhone('+41 79 123 45 67')).toBe('41791234567');
    expect(normalisePhone('0041 79 123 45 67')).toBe('41791234567');
  });

  it.each([[''], ['   '], ['+'], [null], [undefined]])('is null for %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('normaliseService', () => {
  it.each([
    ['Imbiancatura', 'imbiancatura'],
    ['  Idraulico   Pronto\tIntervento ', 'idraulico pronto intervento'],
    ['Pulizia Caffè e Ristorante', 'pulizia caffe e ristorante'],
    ['RISTRUTTURAZIONE Città', 'ristrutturazione citta'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseService(raw)).toBe(expected);
  });
});
