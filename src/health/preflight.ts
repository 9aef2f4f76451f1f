/**
 * Health: start-up checks run by main.ts before anything is changed (before the migrations): the port is free, and
 * a database failure is described in one line naming the server (password hidden) and the fix.
 */
import { createServer } from 'node:net';

/**
 * Checks made before anything is changed (before the migrations), each failing with one line that
 * names the fix.
 */

/** Binds the port for a moment: a taken port is reported before the database is touched. */
export function verifyPortFree(port: number): Promise<{ ok: true } | { ok: false; problem: string }> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'is already in use'
          : error.code === 'EACCES'
            ? 'needs privileges this user lacks'
            : `cannot be used (${error.code ?? error.message})`;
      resolve({ ok: false, problem: `PORT ${port} ${why}: stop the process using it, or set PORT to a free port` });
    });
    probe.listen(port, () => probe.close(() => resolve({ ok: true })));
  });
}

/** The URL as it can be printed: the password replaced by ***. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** "Cannot reach the database at DATABASE_URL=…": which server, why, and what to check. */
export function describeDatabaseFailure(url: string, error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e.code ?? e.errors?.[0]?.code;
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused: is PostgreSQL running there?'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'unknown host'
        : code === '28P01' || code === '28000'
          ? 'authentication failed: check the user and password'
          : code === '3D000'
            ? 'no such database: create it first'
            : code === 'ETIMEDOUT'
              ? 'no answer: check the host, the port and the firewall'
              : (e.message ?? String(error)).split('\n')[0];
  return `Cannot reach the database at DATABASE_URL=${redactDatabaseUrl(url)} (${why}): fix DATABASE_URL or start the server`;
}
