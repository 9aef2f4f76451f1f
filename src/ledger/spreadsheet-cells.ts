/**
 * Ledger (pure): reads one cell of a charges CSV as a spreadsheet (an Italian Excel) wrote it into the value
 * the JSON form would carry: dates as gg/mm/aaaa, decimal commas, phones forced to text. Called by charge-csv.ts.
 */
import { isIsoDate, romeInstant } from '../domain/rome-calendar.ts';

/**
 * A CSV cell as a spreadsheet writes it, read into what the JSON of POST /ledger/charges would carry.
 * An Italian Excel export writes dates as `gg/mm/aaaa` (times as Rome wall-clock time), whole numbers
 * with a decimal comma (`8,0`), and keeps a phone's `+` and leading zeros only when the cell is forced
 * to text: `'+39…` or the formula `="+39…"`. A phone Excel already turned into a number
 * (`3,93E+11`) has lost its digits: it is refused, saying how to export it.
 */
export type CellReading = { ok: true; value: string | number | undefined } | { ok: false; message: string };

export const SCIENTIFIC_PHONE_MESSAGE =
  'is in scientific notation: Excel turned the phone number into a number and lost its digits. ' +
  "Format the column as Text (Formato celle → Testo) and type the numbers again, or write them as '+39…, then export again";

const FORMULA_TEXT = /^="(.*)"$/s;
const ITALIAN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DECIMAL_NUMBER = /^\d+(?:[.,]\d+)?$/;
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/i;

const pad = (value: string) => value.padStart(2, '0');

/** `gg/mm/aaaa` → `aaaa-mm-gg` (midnight in Rome); with a time, that wall-clock time in Rome as an instant. */
export function readItalianDate(cell: string): string | null {
  const match = ITALIAN_DATE.exec(cell);
  if (!match) return null;
  const [, day = '', month = '', year = '', hour, minute, second] = match;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (!isIsoDate(date)) return null;
  if (hour === undefined) return date;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  const at = romeInstant(date, Number(hour)).getTime() + Number(minute) * 60_000 + Number(second ?? 0) * 1000;
  return new Date(at).toISOString();
}

function readCredits(cell: string): string | number {
  return DECIMAL_NUMBER.test(cell) ? Number(cell.replace(',', '.')) : cell;
}

function readPhone(cell: string): CellReading {
  const text = cell.startsWith("'") ? cell.slice(1).trim() : cell;
  if (SCIENTIFIC.test(text)) return { ok: false, message: SCIENTIFIC_PHONE_MESSAGE };
  return { ok: true, value: text === '' ? undefined : text };
}

/** One cell of a charges CSV under its column's name; an empty cell is an absent field. */
export function readChargeCell(column: string, raw: string): CellReading {
  const cell = (FORMULA_TEXT.exec(raw.trim())?.[1] ?? raw).trim();
  if (cell === '') return { ok: true, value: undefined };
  switch (column) {
    case 'credits':
      return { ok: true, value: readCredits(cell) };
    case 'lead_received_at':
    case 'charged_at':
      return { ok: true, value: readItalianDate(cell) ?? cell };
    case 'client_phone':
      return readPhone(cell);
    default:
      return { ok: true, value: cell };
  }
}
