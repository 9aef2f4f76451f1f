/**
 * Logging: the app's structured logger, one JSON line per event, also handed to Bolt as its logger. Callers
 * log ids and references as fields, never claim contents, client phone numbers or tokens.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

/**
 * One JSON line per event, usable as Bolt's logger too. Callers pass ids and references as fields;
 * claim contents and client phone numbers are never logged, and tokens never reach a log call.
 */
export type Fields = Record<string, unknown>;
const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof ORDER;

export interface AppLogger extends BoltLogger {
  child(fields: Fields): AppLogger;
}

export function createLogger(
  level: Level = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  base: Fields = {},
): AppLogger {
  let current: Level = level;
  let name = '';
  const emit = (at: Level, args: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const fields: Fields = { ...base };
    const words: string[] = [];
    for (const arg of args) {
      if (arg instanceof Error) fields.error = { name: arg.name, message: arg.message, stack: arg.stack };
      else if (arg && typeof arg === 'object') Object.assign(fields, arg);
      else words.push(String(arg));
    }
    write(
      JSON.stringify({
        level: at,
        time: new Date().toISOString(),
        ...(name ? { name } : {}),
        msg: words.join(' '),
        ...fields,
      }),
    );
  };
  return {
    debug: (...args) => emit('debug', args),
    info: (...args) => emit('info', args),
    warn: (...args) => emit('warn', args),
    error: (...args) => emit('error', args),
    setLevel: (next: LogLevel) => {
      current = next as Level;
    },
    getLevel: () => current as LogLevel,
    setName: (next: string) => {
      name = next;
    },
    child: (fields) => createLogger(current, write, { ...base, ...fields }),
  };
}
