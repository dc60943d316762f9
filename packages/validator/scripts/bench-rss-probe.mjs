// Preloaded into benchmarked processes (node --import): records the process's peak RSS at exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.CHARTFORGE_BENCH_RSS) writeFileSync(process.env.CHARTFORGE_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
