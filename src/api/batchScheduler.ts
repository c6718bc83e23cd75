import { Worker } from 'node:worker_threads';
import type { FileCheck } from '../engine/checkProcedures.js';
import type { CorpusEntry, WorkerRequest } from './check.js';

/** One batch checked: its files' checks in order, and the debug lines written meanwhile. */
export interface CheckedBatch {
  checks: FileCheck[];
  logs: string[];
}

/** What the main thread sends a worker: a batch to check. */
export interface WorkerTask {
  index: number;
  entries: CorpusEntry[];
}

/** What a worker posts: ready once its rules are loaded, then each batch it was given. */
export type WorkerReply = { ready: true } | ({ index: number } & CheckedBatch);

/** Batches a worker holds at once, so it never waits for this thread to hand it the next. */
const WORKER_QUEUE = 2;
/**
 * A worker's garbage lives for one file: a young generation of 8 MiB instead of V8's default 32 is
 * collected as cheaply and keeps a second heap from doubling the process's memory.
 */
const WORKER_YOUNG_GENERATION_MB = 8;
/** How far past the batch due next any thread may check: bounds what waits in memory to be written. */
const LOOKAHEAD = 8;

/** Threads that can ever have work at once (this one, and workers holding WORKER_QUEUE batches each). */
export const MAX_THREADS = 1 + LOOKAHEAD / WORKER_QUEUE;

/**
 * Checks batches on this thread and on `workers` worker threads and yields them strictly in order, so
 * the output is byte for byte that of a single-thread run. Every thread takes the lowest batch nobody
 * has taken yet; this thread, which also writes the report, checks a batch itself when the one due
 * next is not taken, or while a worker still has it. No thread takes a batch LOOKAHEAD or more past
 * the one due, so few batches ever wait to be written.
 */
export async function* checkInOrder(
  batches: readonly CorpusEntry[][],
  workers: number,
  request: WorkerRequest,
  checkHere: (entries: readonly CorpusEntry[]) => CheckedBatch,
): AsyncGenerator<CheckedBatch> {
  const done = new Map<number, CheckedBatch>();
  let due = 0; // the batch to be written next
  let next = 0; // the lowest batch not taken by any thread
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const pool = Array.from({ length: workers }, () => {
    const thread = {
      worker: new Worker(new URL('./checkWorker.js', import.meta.url), {
        workerData: { request },
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      }),
      ready: false,
      outstanding: 0,
    };
    thread.worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        thread.ready = true;
      } else {
        thread.outstanding--;
        done.set(reply.index, { checks: reply.checks, logs: reply.logs });
      }
      refill();
      notify();
    });
    thread.worker.once('error', (error) => {
      failure ??= error;
      notify();
    });
    thread.worker.once('exit', (code) => {
      failure ??= new Error(`a worker thread stopped before the check was done (exit code ${code})`);
      notify();
    });
    // Workers keep the process alive only while this thread waits for one: a caller that stops
    // reading the stream without return() does not leave the process running.
    thread.worker.unref();
    return thread;
  });
  /** Hands ready workers batches up to their queue, never more than LOOKAHEAD past the one due. */
  function refill(): void {
    for (const thread of pool) {
      while (thread.ready && thread.outstanding < WORKER_QUEUE && next < batches.length && next < due + LOOKAHEAD) {
        thread.outstanding++;
        thread.worker.postMessage({ index: next, entries: batches[next++] } satisfies WorkerTask);
      }
    }
  }
  try {
    for (; due < batches.length; due++) {
      refill();
      // Let the workers' replies in (they arrive between event-loop turns, not between batches), and
      // events such as a closed stdout or a signal, even on one thread.
      await new Promise((turn) => setImmediate(turn));
      while (!done.has(due)) {
        if (failure) throw failure;
        if (next <= due || (next < batches.length && next < due + LOOKAHEAD)) {
          const index = next++;
          done.set(index, checkHere(batches[index]));
          if (pool.length > 0) await new Promise((turn) => setImmediate(turn));
        } else {
          for (const { worker } of pool) worker.ref();
          await new Promise<void>((resolve) => (wake = resolve));
          for (const { worker } of pool) worker.unref();
        }
      }
      const batch = done.get(due)!;
      done.delete(due);
      yield batch;
    }
  } finally {
    for (const { worker } of pool) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
}
