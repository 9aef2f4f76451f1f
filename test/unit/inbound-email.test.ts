import { describe, expect, it } from 'vitest';
import {
  decideEmailReply,
  emailDedupeKey,
  parseRawHeaders,
  referencesFor,
  replySubject,
  type InboundEmail,
} from '../../src/domain/inbound-email.ts';

const email = (overrides: Partial<InboundEmail> = {}): InboundEmail => ({
  provider: 'generic',
  sender: 'mario@example.com',
  subject: 'Rimborso',
  messageId: '<a@x>',
  headers: {},
  envelopeFrom: undefined,
  ...overrides,
});
const OWN = 'rimborsi@support.example.com';

describe('decideEmailReply (RFC 3834)', () => {
  it.each<[string, Partial<InboundEmail>, string | null]>([
    ['a person writing', {}, null],
    ['Auto-Submitted: no', { headers: { 'auto-submitted': 'no' } }, null],
    ['Auto-Submitted: No (a comment)', { headers: { 'auto-submitted': 'No (by hand)' } }, null],
    ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }, 'auto_submitted'],
    ['Auto-Submitted: auto-notified', { headers: { 'auto-submitted': 'auto-notified' } }, 'auto_submitted'],
    ['Precedence: BULK', { headers: { precedence: 'BULK' } }, 'bulk_precedence'],
    ['Precedence: first-class', { headers: { precedence: 'first-class' } }, null],
    ['a List-Id, even empty', { headers: { 'list-id': '' } }, 'mailing_list'],
    ['Return-Path: <>', { headers: { 'return-path': '<>' } }, 'empty_return_path'],
    ['an envelope from of ""', { envelopeFrom: '' }, 'empty_return_path'],
    ['an envelope from of "<>"', { envelopeFrom: '<>' }, 'empty_return_path'],
    ['MAILER-DAEMON', { sender: 'mailer-daemon@mx.example.com' }, 'system_sender'],
    ['postmaster', { sender: 'postmaster@example.com' }, 'system_sender'],
    ['no-reply+tag', { sender: 'no-reply+abc@example.com' }, 'system_sender'],
    ['noreply', { sender: 'noreply@example.com' }, 'system_sender'],
    ['donotreply', { sender: 'donotreply@example.com' }, 'system_sender'],
    ['a person called noreplyson', { sender: 'noreplyson@example.com' }, null],
    ['ourselves', { sender: OWN }, 'own_address'],
    ['no sender', { sender: null }, 'no_sender'],
  ])('%s', (_case, overrides, reason) => {
    const decision = decideEmailReply(email(overrides), OWN);
    expect(decision).toEqual(reason === null ? { reply: true } : { reply: false, reason });
  });
});

describe('replySubject', () => {
  it.each([
    ['Rimborso cliente', 'Re: Rimborso cliente'],
    ['Re: Rimborso', 'Re: Rimborso'],
    ['RE: re: Re: Rimborso', 'Re: Rimborso'],
    ['R: I: Rimborso', 'Re: Rimborso'],
    ['Fwd: Re: Rimborso', 'Re: Rimborso'],
    ['', 'Re: Richiesta'],
    ['Re: ', 'Re: Richiesta'],
    ['Reso merce', 'Re: Reso merce'],
  ])('%j → %j', (subject, expected) => {
    expect(replySubject(subject, 'Richiesta')).toBe(expected);
  });
});

describe('referencesFor', () => {
  it('keeps the thread and adds the parent', () => {
    expect(referencesFor(email({ headers: { references: '<1@x> <2@x>' } }))).toEqual(['<1@x>', '<2@x>', '<a@x>']);
  });
  it('falls back on In-Reply-To, then on the parent alone', () => {
    expect(referencesFor(email({ headers: { 'in-reply-to': '<1@x>' } }))).toEqual(['<1@x>', '<a@x>']);
    expect(referencesFor(email())).toEqual(['<a@x>']);
    expect(referencesFor(email({ messageId: null }))).toEqual([]);
  });
});

describe('parseRawHeaders', () => {
  it('unfolds folded lines, lower-cases names and keeps the first of each', () => {
    const headers = parseRawHeaders(
      'Received: a\r\nSubject: one\r\n two\r\nReceived: b\r\nconstructor: x\r\n__proto__: y\r\nbroken line\r\n',
    );
    expect(headers).toEqual({ received: 'a', subject: 'one two', constructor: 'x' });
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });
});

describe('emailDedupeKey', () => {
  it('is the Message-ID, or the sender and the day without one', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(emailDedupeKey(email(), now)).toBe('email:<a@x>');
    expect(emailDedupeKey(email({ messageId: null }), now)).toBe('email:mario@example.com:2026-11-20');
  });
});
