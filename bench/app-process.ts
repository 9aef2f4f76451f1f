import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import { instrumentProcess } from './instrument.ts';
import type { ChildMessage, ParentMessage, StartRequest } from './protocol.ts';

/**
 * One app under test, in its own process so the load generator never shares its event loop. Started
 * with fork(): it waits for a start message, answers `ready` with its port, a `window` of its own
 * measurements whenever asked, and its peak RSS when told to stop. Each app's modules are imported
 * only when chosen, so the bare Bolt process carries none of the real app's code.
 */
const send = (message: ChildMessage) => process.send?.(message);
let stopApp: (() => Promise<void>) | undefined;
let instrument: Awaited<ReturnType<typeof instrumentProcess>> | undefined;
let startedRssMb = 0;
const MB = 2 ** 20;

async function start(request: StartRequest) {
  instrument = await instrumentProcess({ poolWait: request.kind === 'rimborso' });
  const started =
    request.kind === 'rimborso'
      ? await (await import('./rimborso-app.ts')).startRimborso(request)
      : await (await import('./bare-bolt.ts')).startBareBolt(request);
  stopApp = started.stop;
  startedRssMb = process.memoryUsage.rss() / MB;
  send({ type: 'ready', port: (started.server.address() as AddressInfo).port, pid: process.pid });
}

async function stop() {
  const stopping = stopApp;
  stopApp = undefined;
  await stopping?.();
  const usage = process.resourceUsage();
  // Started with --expose-gc by the bench: a full collection shows how much of the peak was garbage.
  (globalThis as { gc?: () => void }).gc?.();
  send({
    type: 'stopped',
    stats: {
      peakRssMb: usage.maxRSS / 1024,
      startedRssMb,
      liveHeapMb: process.memoryUsage().heapUsed / MB,
      rssAfterGcMb: process.memoryUsage.rss() / MB,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    },
  });
  process.disconnect?.();
}

/** V8's sampling profiler, only around the level the bench profiles (never while it measures latency). */
const inspector = new Session();
async function startProfile() {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  send({ type: 'profiling' });
}
async function stopProfile() {
  const { profile } = await inspector.post('Profiler.stop');
  inspector.disconnect();
  send({ type: 'profile', profile });
}

async function handle(message: ParentMessage) {
  if (message.type === 'start') return start(message);
  if (message.type === 'stop') return stop();
  if (message.type === 'profile-start') return startProfile();
  if (message.type === 'profile-stop') return stopProfile();
  if (instrument) send({ type: 'window', stats: instrument.takeWindow() });
}

process.on('message', (message: ParentMessage) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exitCode = 1;
    process.disconnect?.();
  });
});
// The benchmark died or let go: nothing is left to serve.
process.on('disconnect', () => {
  setTimeout(() => process.exit(), 2_000).unref();
  void (stopApp?.() ?? Promise.resolve()).finally(() => process.exit());
});
