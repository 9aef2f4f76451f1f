/**
 * The forms a charge and a claim are matched on: the marketplace exports what the client typed, the
 * professional retypes it in the form, so case, accents, spacing and phone punctuation must not count.
 * One implementation, the policy's: the keys stored with a charge are the ones the matcher computes.
 */
export { normaliseClientName as normaliseName, normalisePhone, normaliseService } from '../domain/ledger-match.ts';
