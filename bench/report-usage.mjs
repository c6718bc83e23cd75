// Preloaded into each measured process: prints its peak resident set size (all threads) at exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\n@@usage maxrss_kb=${process.resourceUsage().maxRSS}\n`);
});
