#!/usr/bin/env node
import { run } from '../dist/cli/run.js';

// A reader that stops early (stampcheck … | head) closes the pipe: that is not an error worth a trace.
// The report is written as it is made, so the run stops there, its result unknown: exit as a Unix
// tool killed by SIGPIPE does (128 + 13), never 0, so `set -o pipefail` cannot mistake it for a pass.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 141);
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
