/**
 * A failed SMTP send, as the retry policy needs it: the server's reply code when it answered (4xx is
 * "try later", 5xx is "never"), or the network error when it did not.
 */
export class SmtpError extends Error {
  override name = 'SmtpError';
  constructor(
    readonly responseCode: number | undefined,
    readonly code: string | undefined,
  ) {
    super(responseCode ? `smtp ${responseCode}` : `smtp ${code ?? 'error'}`);
  }

  /** 5xx: the server refused for good (no such mailbox, policy, authentication). */
  get permanent(): boolean {
    return this.responseCode !== undefined && this.responseCode >= 500;
  }

  get reason(): string {
    return this.responseCode ? `smtp_${this.responseCode}` : `smtp_${(this.code ?? 'network').toLowerCase()}`;
  }
}

/** Nodemailer's errors carry `responseCode` (the SMTP reply) and `code` (ECONNECTION, ETIMEDOUT…). */
export function toSmtpError(error: unknown): SmtpError {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  return new SmtpError(responseCode, typeof e.code === 'string' ? e.code : undefined);
}
