import { normaliseClientName } from '../domain/policy.ts';

/**
 * The forms a charge and a claim are matched on: the marketplace exports what the client typed, the
 * professional retypes it in the form, so case, accents, spacing and phone punctuation must not count.
 */

/** The same key the policy uses for duplicate claims, so a claim and its charge agree on the client. */
export function normaliseName(first: string, last: string): string {
  return normaliseClientName(first, last);
}

/**
 * Digits only, without Italy's country code: '+39 333 123 4567', '0039-333-1234567' and '333 1234567'
 * are one number. The code is only dropped after '+' or '00', because a bare leading 39 can be part of
 * an Italian number itself (mobile prefixes 390–393). Other countries keep their code ('0041 79…' and
 * '+41 79…' are both '4179…'). Null when there are no digits.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  // '00' is the international prefix, as '+' is (an Italian national number starts with a single 0).
  const compact = (raw ?? '').replace(/[^\d+]/g, '').replace(/^00/, '+');
  const national = compact.startsWith('+39') ? compact.slice(3) : compact;
  const digits = national.replace(/\D/g, '');
  return digits === '' ? null : digits;
}

/** Lower-case, accent-free, single-spaced and trimmed: 'Idraulico  Pronto Intervento' = 'idraulico pronto intervento'. */
export function normaliseService(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
