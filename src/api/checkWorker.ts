import { parentPort, workerData } from 'node:worker_threads';
import { loadRules } from '../config/loadRules.js';
import { checkPaths } from './check.js';
import type { WorkerRequest } from './check.js';

/** One worker thread: checks a contiguous chunk of the corpus and posts the results back in order. */
const { paths, request } = workerData as { paths: string[]; request: WorkerRequest };
const rules = loadRules(request.rules, request.cwd);
const logs: string[] = [];
const checks = checkPaths(paths, rules, request, request.debug ? (line) => logs.push(line) : undefined);
parentPort!.postMessage({ checks, logs });
