// The bench scripts' command lines: --help prints the usage, a wrong option is one line and exit 2 (no stack trace).
import { parseArgs } from 'node:util';

export function benchArgs(usage, config) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`usage: ${usage}`);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    console.error(`${error.message}\nusage: ${usage}`);
    process.exit(2);
  }
}
