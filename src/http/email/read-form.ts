/**
 * HTTP: reads a posted form (urlencoded or multipart) into its text fields for the inbound-email route, under a
 * byte limit. Attachments are drained, never kept.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { BodyTooLargeError } from '../read-body.ts';

export class MalformedFormError extends Error {
  override name = 'MalformedFormError';
}

/**
 * Reads a form-urlencoded or multipart/form-data body into its text fields. Attachments are drained
 * unread (an email's files are never kept); more than `limit` bytes in all is refused.
 */
export function readFormFields(req: IncomingMessage, limit: number): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fieldSize: limit, fields: 500, parts: 1000 },
        defParamCharset: 'utf8',
      });
    } catch (error) {
      reject(new MalformedFormError(error instanceof Error ? error.message : 'unreadable form'));
      return;
    }
    let size = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(new BodyTooLargeError(`body over ${limit} bytes`));
    });
    req.on('error', fail);
    parser.on('field', (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (_name, file) => file.resume());
    parser.on('error', (error) =>
      fail(new MalformedFormError(error instanceof Error ? error.message : 'unreadable form')),
    );
    parser.on('close', () => {
      if (!failed) resolve(fields);
    });
    req.pipe(parser);
  });
}
