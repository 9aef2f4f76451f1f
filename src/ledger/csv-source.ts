/**
 * Ledger: the low-level reading of a CSV file for charge-csv.ts: its encoding (UTF-8 or Windows-1252), its
 * delimiter (`;` or `,`), and the line where each record starts. It streams, so memory stays flat.
 */
import { createReadStream } from 'node:fs';

/**
 * The bytes of a CSV file as UTF-8, read a chunk at a time. Excel's "CSV UTF-8" starts with a BOM
 * (dropped here); its plain "CSV" on an Italian Windows is Windows-1252: a file that is not valid
 * UTF-8 is read as that.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252';

export async function detectEncoding(path: string): Promise<CsvEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export async function* utf8Chunks(path: string, encoding: CsvEncoding): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of createReadStream(path)) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

/** `;` when the header line has more semicolons than commas (Excel in Italy), `,` otherwise. */
export function detectDelimiter(headerLine: string): ';' | ',' {
  const count = (char: string) => headerLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * The line of the file where each record starts, from the byte offset where csv-parse says the record
 * ended (csv-parse counts a CRLF inside a quoted field as two lines). Fed the same chunks as the parser;
 * keeps only the bytes not yet counted, so memory stays flat.
 */
export class RecordLines {
  private chunks: Buffer[] = [];
  private chunksStart = 0;
  private offset = 0;
  private line = 1;

  feed(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  private byteAt(at: number): number | undefined {
    let base = this.chunksStart;
    for (const chunk of this.chunks) {
      if (at < base + chunk.length) return chunk[at - base];
      base += chunk.length;
    }
    return undefined;
  }

  private dropCounted(): void {
    while (this.chunks.length > 0 && this.chunksStart + (this.chunks[0] as Buffer).length <= this.offset) {
      this.chunksStart += (this.chunks.shift() as Buffer).length;
    }
  }

  /** Counts line breaks up to `end`; a CR whose next byte is not read yet waits for it (it may be a CRLF). */
  private advanceTo(end: number): void {
    while (this.offset < end) {
      const byte = this.byteAt(this.offset);
      if (byte === 0x0d) {
        const next = this.byteAt(this.offset + 1);
        if (next === undefined) break;
        if (next !== 0x0a) this.line++;
      } else if (byte === 0x0a) {
        this.line++;
      }
      this.offset++;
    }
    this.dropCounted();
  }

  /** The first line of the record that ends at byte `end`, skipping the blank lines before it. */
  startOf(end: number): number {
    for (let byte = this.byteAt(this.offset); byte === 0x0a || byte === 0x0d; byte = this.byteAt(this.offset)) {
      const before = this.offset;
      this.advanceTo(this.offset + 1);
      if (this.offset === before) break;
    }
    const start = this.line;
    this.advanceTo(end);
    return start;
  }
}
