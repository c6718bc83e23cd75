#!/usr/bin/env node
import { run } from '../dist/cli/run.js';

// A reader that stops early (stampcheck … | head) closes the pipe: that is not an error worth a trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
