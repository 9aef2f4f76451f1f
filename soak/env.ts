/**
 * The soak run is a fault-injection tool beside the app, not part of it: it reads only its own knobs,
 * never the app's configuration (the apps it starts get theirs from the environment it builds for them).
 */

/** The soak run's knobs (npm run soak): how long, where to write the figures, and the PATH its apps get. */
export function readSoakEnv(): { seconds: number; resultsFile: string | undefined; path: string } {
  // eslint-disable-next-line no-restricted-properties -- soak/ is a tool, not the app.
  const env = process.env;
  return { seconds: Number(env.SOAK_SECONDS ?? 180), resultsFile: env.SOAK_RESULTS || undefined, path: env.PATH ?? '' };
}
