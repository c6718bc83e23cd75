import { parentPort, workerData } from 'node:worker_threads';
import { loadRules } from '../config/loadRules.js';
import { checkPaths, WORKER_BATCH } from './check.js';
import type { WorkerMessage, WorkerRequest } from './check.js';

/**
 * One worker thread: checks a contiguous chunk of the corpus and posts the results back in order,
 * a batch at a time, so neither thread holds a whole chunk's results twice.
 */
const { paths, request } = workerData as { paths: string[]; request: WorkerRequest };
const rules = loadRules(request.rules, request.cwd);
for (let start = 0; start < paths.length; start += WORKER_BATCH) {
  const logs: string[] = [];
  const checks = checkPaths(paths.slice(start, start + WORKER_BATCH), rules, request, request.debug ? (line) => logs.push(line) : undefined);
  parentPort!.postMessage({ checks, logs, done: start + WORKER_BATCH >= paths.length } satisfies WorkerMessage);
}
if (paths.length === 0) parentPort!.postMessage({ checks: [], logs: [], done: true } satisfies WorkerMessage);
