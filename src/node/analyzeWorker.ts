// A worker thread that analyses files for the engine of the main thread: it reads each file
// itself (synchronous system calls, within the size limit), decodes it and runs the pure
// per-file analysis (`analyzeText`), and posts back plain data (findings and facts). The
// repository rules, the score and every decision about what to read stay on the main thread.

import { closeSync, fstatSync, openSync } from 'fs';
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { analyzeText, type AnalysisJob, type OffloadedAnalysis } from '../core/engine';
import { decodeText } from '../core/fs';
import { readOpenFile } from './nodeFs';

/** `workerData.role` of our analysis workers (the CLI bundle is also the worker's script). */
export const ANALYZE_WORKER_ROLE = 'poc-readiness-analyze';

/** One file to analyse. */
export interface AnalyzeRequest {
  id: number;
  job: AnalysisJob;
}

/**
 * A queue shared with the main thread and the other workers: each claims the next index from
 * `next` (an atomic counter) and records itself in `owner`, so the pool knows whose jobs a
 * stopped worker took.
 */
export interface BatchRequest {
  batch: number;
  jobs: readonly AnalysisJob[];
  next: Int32Array;
  owner: Int32Array;
  /** What this worker writes into `owner` (the main thread writes 0). */
  worker: number;
}

export interface AnalyzeResponse {
  id: number;
  outcome: OffloadedAnalysis;
}

/** Outcomes of claimed jobs, a few per message; `idle` on the last one, when nothing is left to claim. */
export interface BatchResponse {
  batch: number;
  results: Array<[index: number, outcome: OffloadedAnalysis]>;
  idle?: true;
}

/** Larger files are left to the main thread (`retry`), so a worker's heap stays small. */
export const WORKER_MAX_BYTES = 1024 * 1024;

/** Outcomes posted together: fewer messages, and the main thread still sees progress. */
const RESULTS_PER_MESSAGE = 16;

/** Reads and analyses one file; never throws (what fails becomes the outcome's reason). */
export function analyzeJob(job: AnalysisJob): OffloadedAnalysis {
  if (job.text !== undefined) return { size: job.text.length, analysis: analyzeText(job.path, job.kind, job.text, job.options) };
  let data: Buffer;
  let size: number;
  let mtime: number | undefined;
  try {
    const fd = openSync(job.abs, 'r');
    try {
      const st = fstatSync(fd);
      mtime = st.mtimeMs;
      if (st.size > job.limit) return { size: st.size, mtime, oversized: true };
      if (st.size > WORKER_MAX_BYTES) return { size: st.size, retry: 'large file: analysed on the main thread' };
      data = readOpenFile(fd, st.size);
      size = data.length;
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { size: -1, unreadable: (err as Error).message };
  }
  const decoded = decodeText(data);
  if (!decoded) return { size, mtime, binary: true };
  return { size, mtime, analysis: analyzeText(job.path, job.kind, decoded.text, job.options) };
}

/** Claims and analyses jobs of a shared queue until none is left. */
function serveBatch(request: BatchRequest, post: (response: BatchResponse) => void): void {
  const { batch, jobs, next, owner, worker } = request;
  let results: BatchResponse['results'] = [];
  for (let i = Atomics.add(next, 0, 1); i < jobs.length; i = Atomics.add(next, 0, 1)) {
    Atomics.store(owner, i, worker);
    results.push([i, analyzeJob(jobs[i])]);
    if (results.length === RESULTS_PER_MESSAGE) {
      post({ batch, results });
      results = [];
    }
  }
  post({ batch, results, idle: true });
}

let serving = false;

/**
 * In one of our workers: serve analysis requests (once) and return true; elsewhere return
 * false. The CLI calls it before anything else, because its bundle is the workers' script.
 */
export function serveAnalysisIfWorker(): boolean {
  if (serving) return true;
  if (isMainThread || !parentPort || (workerData as { role?: string } | undefined)?.role !== ANALYZE_WORKER_ROLE) return false;
  serving = true;
  const port = parentPort;
  port.on('message', (request: AnalyzeRequest | BatchRequest) => {
    if ('batch' in request) return serveBatch(request, (response) => port.postMessage(response));
    const response: AnalyzeResponse = { id: request.id, outcome: analyzeJob(request.job) };
    port.postMessage(response);
  });
  return true;
}

// Loaded as a script of its own (the compiled tests and the bench start it by path).
serveAnalysisIfWorker();
