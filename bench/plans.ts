import type { LogEvent } from 'kysely';
import pg from 'pg';

/** Statements Kysely sends while `capture` is set, with their parameters and round-trip times. */
export interface QueryLog {
  capture: ((event: LogEvent) => void) | undefined;
}

/** One statement as Kysely sent it: captured from its log, explained with the same parameters. */
export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

export interface ExplainedPlan {
  text: string;
  rows: number;
  /** Buffer accesses of the whole plan (shared hit + read), from its top node. */
  pages: number;
  executionMs: number;
  /** Only index scans (no sequential or bitmap heap scan). */
  indexScansOnly: boolean;
  tables: string[];
}

/** The same statement explained for two sizes of answer: does its cost follow the rows it returns? */
export interface PlanCheck {
  small: ExplainedPlan;
  large: ExplainedPlan;
  tablePages: number;
  followsRows: boolean;
  verdict: string;
}

const number = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a captured statement, inside a transaction rolled back afterwards, so
 * a SELECT … FOR UPDATE or an UPDATE leaves no lock and changes nothing.
 */
export async function explain(url: string, query: CapturedQuery): Promise<ExplainedPlan> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, [
      ...query.parameters,
    ]);
    const text = rows.map((row) => row['QUERY PLAN']).join('\n');
    // The first Buffers line is the top node's: the whole plan, planning excluded.
    const rootBuffers = /Buffers: shared[^\n]*/.exec(text)?.[0] ?? '';
    return {
      text,
      rows: number(text, /actual time=[\d.]+\.\.[\d.]+ rows=(\d+)/),
      pages: number(rootBuffers, /hit=(\d+)/) + number(rootBuffers, /read=(\d+)/),
      executionMs: number(text, /Execution Time: ([\d.]+) ms/),
      indexScansOnly: /Index (Only )?Scan/.test(text) && !/Seq Scan|Bitmap Heap Scan/.test(text),
      tables: [
        ...new Set(
          [...text.matchAll(/(?:Scan(?: Backward)? using \S+|Seq Scan|Bitmap Heap Scan) on (\w+)/g)].map(
            (m) => m[1] ?? '',
          ),
        ),
      ],
    };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}

async function pagesOf(url: string, tables: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pages: string | null }>(
      'SELECT sum(relpages) AS pages FROM pg_class WHERE relname = ANY($1)',
      [tables],
    );
    return Number(rows[0]?.pages ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * Cost follows the rows returned when the plan only uses index scans and, from the small answer to the
 * large one, its pages grow about as its rows do (between a third and one and a half times as fast).
 */
export async function checkPlan(url: string, small: CapturedQuery, large: CapturedQuery): Promise<PlanCheck> {
  const [a, b] = [await explain(url, small), await explain(url, large)];
  const tablePages = await pagesOf(url, [...new Set([...a.tables, ...b.tables])]);
  const rowsGrowth = b.rows / Math.max(1, a.rows);
  const pagesGrowth = b.pages / Math.max(1, a.pages);
  // Pages that grow with the rows, neither faster (work per row growing) nor hardly at all (a fixed large read).
  const followsRows =
    a.indexScansOnly &&
    b.indexScansOnly &&
    rowsGrowth > 1 &&
    pagesGrowth <= 1.5 * rowsGrowth &&
    pagesGrowth >= rowsGrowth / 3;
  const how =
    a.indexScansOnly && b.indexScansOnly
      ? 'index scans'
      : /Seq Scan/.test(a.text + b.text)
        ? 'a sequential scan'
        : 'a bitmap heap scan';
  const verdict =
    `${how}; ${a.pages} pages for ${a.rows} rows, ${b.pages} for ${b.rows} (rows ×${rowsGrowth.toFixed(1)}, pages ×${pagesGrowth.toFixed(1)}); ` +
    `the tables hold ${tablePages.toLocaleString('en')} pages`;
  return { small: a, large: b, tablePages, followsRows, verdict };
}
