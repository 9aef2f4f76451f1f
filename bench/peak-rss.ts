// Preloaded into a process with `--import`: prints its peak resident memory on exit, to stderr.
process.on('exit', () => {
  process.stderr.write(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
});
