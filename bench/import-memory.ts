import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createDb, migrateToLatest } from '../src/db/database.ts';
import { readBenchEnv } from './env.ts';
import { openBenchServer } from './postgres.ts';

/**
 * `npm run bench:import`: the peak memory of `npm run import-charges` on an Italian Excel export of
 * 10,000 and of 100,000 rows (`;`, gg/mm/aaaa, `8,0`, `'+39…`). Streaming keeps it flat: the two peaks
 * should be close, and the import runs with its JavaScript heap capped at HEAP_CAP_MB (a file held in
 * memory would die there). Prints the figures; it asserts nothing and CI does not run it.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [10_000, 100_000];
const HEAP_CAP_MB = 64;
const HEADER =
  'charge_id;slack_user_id;marketplace_id;lead_id;client_first_name;client_last_name;client_phone;service;lead_received_at;charged_at;credits;trigger';

async function writeFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  };
  await write(HEADER);
  for (let i = 1; i <= rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const phone = `'+39 3${String(i).padStart(9, '0')}`;
    await write(
      `ch-${i};U${String(i % 500).padStart(6, '0')};;lead-${i};Niccolò;Pellè ${i};${phone};Imbiancatura, interni;${day}/11/2026;${day}/11/2026 10:15;${(i % 20) + 1},0;phone_answer`,
    );
  }
  out.end();
  await once(out, 'finish');
}

const server = await openBenchServer(readBenchEnv().databaseUrl);
const dir = await mkdtemp(join(tmpdir(), 'rimborso-import-bench-'));
try {
  console.log(`PostgreSQL: ${server.source} (${server.version}); the import's heap capped at ${HEAP_CAP_MB} MB`);
  for (const rows of SIZES) {
    const file = join(dir, `charges-${rows}.csv`);
    await writeFile(file, rows);
    const url = await server.createDatabase(`import_${rows}`);
    const db = createDb(url);
    await migrateToLatest(db);
    await db.destroy();
    // eslint-disable-next-line no-restricted-properties -- bench/ is a tool: the child gets only PATH and its database.
    const path = process.env.PATH ?? '';
    const run = spawnSync(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_CAP_MB}`,
        '--import',
        'tsx',
        '--import',
        './bench/peak-rss.ts',
        'src/ledger/import-charges-cli.ts',
        file,
      ],
      {
        cwd: ROOT,
        env: { PATH: path, DATABASE_URL: url },
        encoding: 'utf8',
      },
    );
    const peak = /peak RSS: (\d+) MB/.exec(run.stderr)?.[1] ?? '?';
    const size = Math.round((await stat(file)).size / 1024 / 1024);
    console.log(`${rows} rows (${size} MB file): exit ${run.status}, ${run.stdout.trim()}, peak RSS ${peak} MB`);
    if (run.status !== 0) console.log(run.stderr.split('\n').slice(0, 10).join('\n'));
  }
} finally {
  await server.dropAll();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
