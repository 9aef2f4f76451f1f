/**
 * Parser toolkit (pure): safe readers of Slack's `view.state.values` and the `Field` result type (a value or the
 * problem to show under the input), used by the refund form's parsers and text-request-modal.ts. Nothing here
 * throws or trusts the payload's shape.
 */
import { z } from 'zod';
import type { IsoDate } from '../../domain/claim.ts';
import { daysBetween, isIsoDate } from '../../domain/rome-calendar.ts';
import type { MessageKey, MessageParams } from '../../i18n/messages.ts';

/**
 * Reading Slack's `view.state.values` without trusting its shape: every reader returns a `Field`,
 * either a value or the problem to show under the input. A missing block reads as "not given";
 * a block of the wrong shape reads as a required field left empty. Nothing here throws.
 */

export interface Problem {
  key: MessageKey;
  params?: MessageParams;
}
export type Field<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Where an input lives in `view.state.values`. */
export interface InputRef {
  blockId: string;
  actionId: string;
}

export function valid<T>(value: T): Field<T> {
  return { ok: true, value };
}

export function invalid(key: MessageKey, params?: MessageParams): Field<never> {
  return { ok: false, problem: params === undefined ? { key } : { key, params } };
}

/** Runs `check` on a valid value; a problem passes through. */
export function andThen<T, U>(field: Field<T>, check: (value: T) => Field<U>): Field<U> {
  return field.ok ? check(field.value) : field;
}

/** Runs `check` on a value that was given; problems and nulls pass through. */
export function ifGiven<T, U>(field: Field<T | null>, check: (value: T) => Field<U>): Field<U | null> {
  if (!field.ok || field.value === null) return field as Field<null>;
  return check(field.value);
}

export function required<T>(field: Field<T | null>): Field<T> {
  if (field.ok && field.value === null) return invalid('field.required');
  return field as Field<T>;
}

// Slack's shapes: plain_text_input and number_input `{value}`, datepicker `{selected_date}`,
// static_select `{selected_option}`; each may be null when the user left the input empty.
const textState = z.object({ value: z.string().nullish() });
const dateState = z.object({ selected_date: z.string().nullish() });
const selectState = z.object({ selected_option: z.object({ value: z.string() }).nullish() });

function ownProperty(source: unknown, key: string): unknown {
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, key)) return undefined;
  return (source as Record<string, unknown>)[key];
}

function readState<T>(values: unknown, ref: InputRef, schema: z.ZodType<T>): Field<T | null> {
  const state = ownProperty(ownProperty(values, ref.blockId), ref.actionId);
  if (state === undefined) return valid(null);
  const parsed = schema.safeParse(state);
  return parsed.success ? valid(parsed.data) : invalid('field.required');
}

// The ASCII control characters, less tab and newline, which cleanText handles first.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\x00-\x08\x0B-\x1F\x7F]/g;

/** Trimmed, without ASCII control characters; newlines are kept only in multiline text. */
export function cleanText(raw: string, multiline: boolean): string {
  const unixLines = raw.replace(/\r\n?/g, '\n');
  const lines = multiline ? unixLines : unixLines.replace(/\n/g, ' ');
  return lines.replace(/\t/g, ' ').replace(CONTROL_CHARACTERS, '').trim();
}

/** Length in characters (code points), as the user and PostgreSQL count them. */
export function countCharacters(text: string): number {
  return [...text].length;
}

/** A text (or number) input's cleaned value; null when absent or blank. */
export function readText(
  values: unknown,
  ref: InputRef,
  options: { max?: number; multiline?: boolean } = {},
): Field<string | null> {
  return ifGiven(readState(values, ref, textState), (state) => {
    const text = cleanText(state.value ?? '', options.multiline ?? false);
    if (text === '') return valid(null);
    if (options.max !== undefined && countCharacters(text) > options.max) {
      return invalid('field.too_long', { max: options.max });
    }
    return valid(text);
  });
}

/** A datepicker's date: a real calendar date, not after `today`; null when not picked. */
export function readPastDate(values: unknown, ref: InputRef, today: IsoDate): Field<IsoDate | null> {
  return ifGiven(readState(values, ref, dateState), (state) => {
    const date = (state.selected_date ?? '').trim();
    if (date === '') return valid(null);
    if (!isIsoDate(date)) return invalid('field.date_invalid');
    if (daysBetween(today, date) > 0) return invalid('field.date_future');
    return valid(date);
  });
}

/** A static_select's selected value; null when nothing is selected. */
export function readSelectedValue(values: unknown, ref: InputRef): Field<string | null> {
  return ifGiven(readState(values, ref, selectState), (state) => valid(state.selected_option?.value ?? null));
}

type FieldValues<T> = { [K in keyof T]: T[K] extends Field<infer V> ? V : never };

/** All values when every field is valid, otherwise every field's problem at once. */
export function collectFields<T extends Record<string, Field<unknown>>>(
  fields: T,
): { ok: true; values: FieldValues<T> } | { ok: false; problems: Partial<Record<keyof T & string, Problem>> } {
  const problems: Partial<Record<keyof T & string, Problem>> = {};
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields) as [keyof T & string, Field<unknown>][]) {
    if (field.ok) values[name] = field.value;
    else problems[name] = field.problem;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, values: values as FieldValues<T> };
}
