import { fork, type ChildProcess } from 'node:child_process';

/**
 * A bench process of its own (TypeScript through tsx, like `npm start`), spoken to over fork's IPC.
 * Its output is kept (last lines) for a failure's report; a child that does not answer is killed.
 */
export interface BenchChild {
  process: ChildProcess;
  /** Sends a message and waits for the first answer of `type` (or a `failed` message, or the exit). */
  ask<T extends { type: string }>(message: unknown, type: T['type'], timeoutMs: number): Promise<T>;
  output(): string;
  /** Waits up to `graceMs` for the process to exit, then kills it. */
  end(graceMs: number): Promise<void>;
}

export function forkBenchChild(entry: string, execArgv: readonly string[] = []): BenchChild {
  const child = fork(entry, [], { execArgv: ['--import', 'tsx', ...execArgv], silent: true });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A send to a child that already died fails (EPIPE) as an 'error' event: ask() reports it instead.
  child.on('error', () => {});

  function ask<T extends { type: string }>(message: unknown, type: T['type'], timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no '${type}' from ${entry} within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (answer: { type: string; error?: string }) => {
        if (answer.type === 'failed') finish(new Error(`${entry} failed: ${answer.error ?? ''}`));
        else if (answer.type === type) finish(undefined, answer as T);
      };
      const onExit = (code: number | null) => finish(new Error(`${entry} exited (code ${code}) before '${type}'`));
      function finish(error: Error | undefined, answer?: T) {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) reject(new Error(`${error.message}\n${lines.join('\n')}`));
        else resolve(answer as T);
      }
      child.on('message', onMessage);
      child.on('exit', onExit);
      if (!child.connected) finish(new Error(`${entry} is no longer running`));
      else child.send(message as object, (error) => error && finish(new Error(`${entry}: ${error.message}`)));
    });
  }

  return {
    process: child,
    ask,
    output: () => lines.join('\n'),
    async end(graceMs) {
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
