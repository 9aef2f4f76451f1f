/**
 * Builder (pure): one exported claim as a record (with business days taken and whether it met its deadline; client
 * data only when asked for), and its CSV (RFC 4180, guarded against formula injection) or JSON Lines text, for the
 * export command.
 */
import type { ExportClaimRow } from '../db/export.repository.ts';
import { businessDaysBetween, type BusinessCalendar } from '../domain/business-days.ts';
import { romeDateOf } from '../domain/rome-calendar.ts';

/** One exported claim. Client data only when asked for (`--with-personal-data`). */
export type ExportRecord = Record<string, string | number | boolean | null>;

const COLUMNS = [
  'reference',
  'submitted_at',
  'answered_on',
  'received_on',
  'deadline',
  'professional',
  'service',
  'reason',
  'credits',
  'status',
  'decided_by',
  'decided_at',
  'business_days_taken',
  'within_deadline',
] as const;
const PERSONAL_COLUMNS = ['client_first_name', 'client_last_name', 'client_phone'] as const;

export function exportColumns(withPersonalData: boolean): readonly string[] {
  return withPersonalData ? [...COLUMNS, ...PERSONAL_COLUMNS] : COLUMNS;
}

export function toExportRecord(
  row: ExportClaimRow,
  calendar: BusinessCalendar,
  withPersonalData: boolean,
): ExportRecord {
  const decidedOn = row.decidedAt ? romeDateOf(row.decidedAt) : null;
  const record: ExportRecord = {
    reference: row.reference,
    submitted_at: row.submittedAt.toISOString(),
    answered_on: row.answeredOn,
    received_on: row.receivedOn,
    deadline: row.reviewDeadlineOn,
    professional: row.professionalId,
    service: row.service,
    reason: row.reason,
    credits: row.credits,
    status: row.status,
    decided_by: row.decidedBy,
    decided_at: row.decidedAt ? row.decidedAt.toISOString() : null,
    business_days_taken: decidedOn
      ? businessDaysBetween(romeDateOf(row.submittedAt), decidedOn, calendar.isBusinessDay)
      : null,
    within_deadline: decidedOn && row.reviewDeadlineOn ? decidedOn <= row.reviewDeadlineOn : null,
  };
  if (withPersonalData) {
    record.client_first_name = row.clientFirstName;
    record.client_last_name = row.clientLastName;
    record.client_phone = row.clientPhone;
  }
  return record;
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; a formula-looking text is prefixed with ' (CSV injection). */
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function formatRecord(record: ExportRecord, columns: readonly string[], format: 'csv' | 'jsonl'): string {
  return format === 'jsonl' ? `${JSON.stringify(record)}\n` : csvLine(columns.map((column) => record[column] ?? null));
}
