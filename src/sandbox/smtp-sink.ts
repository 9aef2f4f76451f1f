/**
 * Sandbox: a local SMTP server that keeps the mail it receives, parsed, and can answer with planned reply
 * codes. Used by the demo and the inbound-email tests in place of a real mail server.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a local port (smtp-server, from the nodemailer project), for the demo and the
 * tests: it keeps what it receives, parsed, and answers each DATA with the next planned reply code
 * (250 once the plan runs out), so a test can have it say 451 then 250, or 550.
 */
export interface ReceivedMail {
  envelope: { from: string | undefined; to: string[] };
  parsed: ParsedMail;
  /** A header by lower-case name, as the message carried it. */
  header(name: string): string | undefined;
}

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Reply codes for the next DATA commands, in order (e.g. [451] then the default 250). */
  plan: number[];
  stop(): Promise<void>;
}

export async function startSmtpSink(options: { user?: string; pass?: string; port?: number } = {}): Promise<SmtpSink> {
  const user = options.user ?? 'sink';
  const pass = options.pass ?? 'sink-password';
  const received: ReceivedMail[] = [];
  const plan: number[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = plan.shift() ?? 250;
        if (code !== 250) {
          callback(
            Object.assign(new Error(code < 500 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: code }),
          );
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              parsed,
              header: (name) => {
                const value = parsed.headerLines.find((line) => line.key === name.toLowerCase())?.line;
                return value === undefined ? undefined : value.slice(value.indexOf(':') + 1).trim();
              },
            });
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    port,
    received,
    plan,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
