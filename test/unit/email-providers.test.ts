import { describe, expect, it } from 'vitest';
import { checkMailgunSignature, authorizationMatches, signMailgun } from '../../src/http/email/email-auth.ts';
import { readForm, readJson } from '../../src/http/email/providers.ts';
import { buildEmailReply } from '../../src/delivery/email-reply-message.ts';
import { genericJson, mailgunFields, postmarkJson } from '../fixtures/email/provider-payloads.ts';

const spec = {
  from: 'mario@example.com',
  fromName: 'Mario Bianchi',
  subject: 'Rimborso',
  messageId: '<m1@mail.example.net>',
  headers: { 'Auto-Submitted': 'no', References: '<r0@x>' },
};

describe('reading each provider', () => {
  it('Mailgun: sender from `from`, the envelope from `sender`, headers from message-headers', () => {
    const fields = mailgunFields({ ...spec, envelopeFrom: 'bounces@example.com' });
    const email = readForm(fields);
    expect(email).toMatchObject({
      provider: 'mailgun',
      sender: 'mario@example.com',
      messageId: '<m1@mail.example.net>',
      envelopeFrom: 'bounces@example.com',
    });
    expect(email.headers['auto-submitted']).toBe('no');
  });

  it('Postmark: the Message-ID header, never Postmark’s MessageID', () => {
    const email = readJson(postmarkJson(spec));
    expect(email).toMatchObject({
      provider: 'postmark',
      sender: 'mario@example.com',
      messageId: '<m1@mail.example.net>',
    });
    expect(readJson({ ...postmarkJson(spec), Headers: [] }).messageId).toBeNull();
  });

  it('our JSON: message_id and a headers object', () => {
    expect(readJson(genericJson(spec))).toMatchObject({
      provider: 'generic',
      sender: 'mario@example.com',
      messageId: '<m1@mail.example.net>',
    });
  });

  it('garbage in any field is absent, not a crash', () => {
    expect(readJson({ FromFull: 'x', Headers: [null, 1, { Name: 5 }], Subject: 7 })).toMatchObject({
      sender: null,
      subject: '',
      messageId: null,
    });
    expect(readForm({ signature: 'x', 'message-headers': '{broken', from: '<<>>' })).toMatchObject({
      sender: null,
      messageId: null,
    });
  });
});

describe('credentials', () => {
  const TOKEN = 'inbound-email-token-0123456789';
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`Basic ${Buffer.from(`anyone:${TOKEN}`).toString('base64')}`, true],
    [`Basic ${Buffer.from(`:${TOKEN}`).toString('base64')}`, true],
    [`Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`, false],
    [`Basic ${Buffer.from(TOKEN).toString('base64')}`, false],
    ['Bearer wrong', false],
    [undefined, false],
  ])('%s → %s', (header, ok) => {
    expect(authorizationMatches(header, TOKEN)).toBe(ok);
  });

  it('Mailgun: HMAC-SHA256 of timestamp + token, within five minutes', () => {
    const key = 'key-0123456789abcdef';
    const now = new Date('2026-11-20T10:00:00Z');
    const ts = now.getTime() / 1000;
    expect(checkMailgunSignature(signMailgun(key, ts, 'tok'), key, now)).toEqual({ ok: true, token: 'tok' });
    expect(checkMailgunSignature(signMailgun(key, ts - 301, 'tok'), key, now)).toEqual({ ok: false, why: 'stale' });
    expect(checkMailgunSignature(signMailgun('other-key-0123456789', ts, 'tok'), key, now)).toEqual({
      ok: false,
      why: 'bad_signature',
    });
    expect(checkMailgunSignature({ ...signMailgun(key, ts, 'tok'), token: 'tok2' }, key, now)).toEqual({
      ok: false,
      why: 'bad_signature',
    });
    expect(checkMailgunSignature({ timestamp: 'soon', token: 't', signature: 's' }, key, now)).toEqual({
      ok: false,
      why: 'missing',
    });
  });
});

describe('buildEmailReply', () => {
  it('answers in the thread, marked auto-replied, with a Message-ID of its own that a resend would repeat', () => {
    const input = {
      from: 'Supporto <rimborsi@support.example.com>',
      to: 'mario@example.com',
      subject: 'R: Rimborso',
      inReplyTo: '<m1@x>',
      references: ['<r0@x>', '<m1@x>'],
      dedupeKey: 'email:<m1@x>',
    };
    const reply = buildEmailReply(input);
    expect(reply).toMatchObject({
      subject: 'Re: Rimborso',
      inReplyTo: '<m1@x>',
      references: ['<r0@x>', '<m1@x>'],
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(reply.messageId).toMatch(/^<refusal-[0-9a-f]{32}@support\.example\.com>$/);
    expect(buildEmailReply(input).messageId).toBe(reply.messageId);
    expect(reply.text.indexOf('solo tramite il modulo')).toBeLessThan(reply.text.indexOf('only through the form'));
  });
});
