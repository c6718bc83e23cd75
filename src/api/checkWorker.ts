import { parentPort, workerData } from 'node:worker_threads';
import { loadRules } from '../config/loadRules.js';
import { checkEntries } from './check.js';
import type { WorkerRequest } from './check.js';
import type { WorkerReply, WorkerTask } from './batchScheduler.js';

/**
 * One worker thread: loads the rules, says it is ready, then checks each batch it is handed and posts
 * the result back. It holds nothing between batches but the rules and the memoised texts.
 */
const { request } = workerData as { request: WorkerRequest };
const rules = loadRules(request.rules, request.cwd);
parentPort!.on('message', ({ index, entries }: WorkerTask) => {
  parentPort!.postMessage({ index, ...checkEntries(entries, rules, request) } satisfies WorkerReply);
});
parentPort!.postMessage({ ready: true } satisfies WorkerReply);
