import { createServer, connect, type Server } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts round trips by reading the client's protocol: a
 * simple Query ('Q') or an extended-protocol Sync ('S') each wait for the server (a Parse, a Bind are
 * read only to recognise the lock). Statements are
 * grouped by transaction per connection, and a transaction that takes a professional's lock
 * (`claims:` advisory lock) is a submission's ack: its round trips are what the ack waited for.
 */
export interface SqlCounter {
  port: number;
  /** Round trips in every ack transaction seen since the last reset, and how many acks. */
  take(): { acks: number; roundTrips: number; all: number };
  stop(): Promise<void>;
}

export async function startSqlCounter(target: { host: string; port: number }): Promise<SqlCounter> {
  let acks = 0;
  let ackRoundTrips = 0;
  let all = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    client.pipe(upstream).on('error', () => undefined);
    upstream.pipe(client).on('error', () => undefined);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    let buffer = Buffer.alloc(0);
    let started = false;
    let inTransaction = { trips: 0, lock: false };
    const lockStatements = new Set<string>();
    client.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 4) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          // SSLRequest (80877103) is answered 'N' and followed by the real startup message.
          if (length !== 8 || buffer.readInt32BE(4) !== 80877103) started = true;
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0] ?? 0);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const text = 'QPB'.includes(type) ? buffer.subarray(5, 1 + length).toString('latin1') : '';
        buffer = buffer.subarray(1 + length);
        const takesLock = (sql: string) => sql.includes('claims:') || sql.includes('pg_advisory_xact_lock');
        // A named statement (the app prepares its queries) is parsed once per connection and then only
        // bound by name: the lock is recognised by the name its Parse gave it.
        if (type === 'P') {
          const [name = '', sql = ''] = text.split('\0');
          if (takesLock(sql)) {
            inTransaction.lock = true;
            if (name) lockStatements.add(name);
          }
        } else if (type === 'B') {
          if (lockStatements.has(text.split('\0')[1] ?? '')) inTransaction.lock = true;
        } else if (takesLock(text)) inTransaction.lock = true;
        if (type !== 'Q' && type !== 'S') continue;
        all += 1;
        inTransaction.trips += 1;
        const sql = text.replace(/\0/g, ' ').trim().toLowerCase();
        if (type === 'Q' && sql.startsWith('begin')) inTransaction = { trips: 1, lock: false };
        if (type === 'Q' && (sql.startsWith('commit') || sql.startsWith('rollback'))) {
          if (inTransaction.lock) {
            acks += 1;
            ackRoundTrips += inTransaction.trips;
          }
          inTransaction = { trips: 0, lock: false };
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    take() {
      const taken = { acks, roundTrips: ackRoundTrips, all };
      acks = 0;
      ackRoundTrips = 0;
      all = 0;
      return taken;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
