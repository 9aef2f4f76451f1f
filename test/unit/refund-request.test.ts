import { describe, expect, it } from 'vitest';
import { looksLikeRefundRequest } from '../../src/domain/refund-request.ts';

describe('looksLikeRefundRequest', () => {
  it.each([
    'Vorrei un rimborso per il cliente Rossi',
    'RIMBORSATEMI i crediti per favore',
    'potete restituire i crediti?',
    'rivoglio i miei crediti',
    'mi ridate i crediti del lavoro di ieri?',
    'I crediti mi devono tornare indietro',
    'Hi, I would like a refund',
    'can I get my credits back?',
    'Richiesta di rimborsò',
  ])('treats %j as a refund request', (text) => {
    expect(looksLikeRefundRequest(text)).toBe(true);
  });

  it.each([
    'Buongiorno a tutti',
    'Quanti crediti costa una risposta?',
    'Ho finito il lavoro a Milano',
    'The build is green',
    '',
  ])('leaves %j alone', (text) => {
    expect(looksLikeRefundRequest(text)).toBe(false);
  });
});
