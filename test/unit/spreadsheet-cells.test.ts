import { describe, expect, it } from 'vitest';
import { detectDelimiter, RecordLines } from '../../src/ledger/csv-source.ts';
import { readChargeCell, SCIENTIFIC_PHONE_MESSAGE } from '../../src/ledger/spreadsheet-cells.ts';

describe('readChargeCell: a cell as an Italian spreadsheet writes it', () => {
  it.each([
    ['credits', '8', 8],
    ['credits', '8,0', 8],
    ['credits', '12,00', 12],
    ['credits', '8.0', 8],
    ['credits', '8,5', 8.5],
    ['credits', 'otto', 'otto'],
    ['charged_at', '27/11/2026', '2026-11-27'],
    ['charged_at', '1/2/2026', '2026-02-01'],
    ['charged_at', '27/11/2026 10:15', '2026-11-27T09:15:00.000Z'],
    ['charged_at', '27/07/2026 10:15:30', '2026-07-27T08:15:30.000Z'],
    ['charged_at', '31/02/2026', '31/02/2026'],
    ['charged_at', '27/11/2026 24:00', '27/11/2026 24:00'],
    ['charged_at', '2026-11-27T10:15:00+01:00', '2026-11-27T10:15:00+01:00'],
    ['client_phone', "'+39 333 1234567", '+39 333 1234567'],
    ['client_phone', '="+39 333 1234567"', '+39 333 1234567'],
    ['client_phone', '0039 333 1234567', '0039 333 1234567'],
    ['lead_id', '="00123"', '00123'],
    ['client_last_name', "D'Angelo", "D'Angelo"],
    ['service', '  Pulizie  ', 'Pulizie'],
    ['client_phone', "'", undefined],
    ['credits', '', undefined],
  ])('%s %j reads as %j', (column, cell, value) => {
    expect(readChargeCell(column, cell)).toEqual({ ok: true, value });
  });

  it.each(['3,93E+11', '3.93343E+11', "'3,93E+11", '="3,93E+11"', '3,9E11'])(
    'refuses the phone %j in scientific notation, saying how to export it',
    (cell) => {
      expect(readChargeCell('client_phone', cell)).toEqual({ ok: false, message: SCIENTIFIC_PHONE_MESSAGE });
    },
  );
});

describe('detectDelimiter', () => {
  it.each([
    ['charge_id;slack_user_id;lead_id', ';'],
    ['charge_id,slack_user_id,lead_id', ','],
    ['charge_id', ','],
  ])('%j → %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});

describe('RecordLines: the line where each record starts, the file fed in chunks', () => {
  // Three records: "a\r\n", blank line, "b\r\n" then a record spanning two lines, then "d".
  const text = 'a\r\n\r\nb\r\n"c\r\nc"\r\nd\n';
  const ends = [3, 8, 16, 18];
  it.each([1, 2, 3, 4, 7])(
    'gives 1, 3, 4, 6 with chunks of %i bytes (a CRLF may be split between two chunks)',
    (size) => {
      const bytes = Buffer.from(text);
      const lines = new RecordLines();
      const starts: number[] = [];
      let fed = 0;
      for (const end of ends) {
        // The parser emits a record once its bytes (and the next one, for a CR) have been fed.
        while (fed < Math.min(bytes.length, end + 1)) {
          lines.feed(bytes.subarray(fed, fed + size));
          fed += size;
        }
        starts.push(lines.startOf(end));
      }
      expect(starts).toEqual([1, 3, 4, 6]);
    },
  );
});
