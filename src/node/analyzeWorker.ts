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

export interface AnalyzeRequest {
  id: number;
  job: AnalysisJob;
}

export interface AnalyzeResponse {
  id: number;
  outcome: OffloadedAnalysis;
}

/** Larger files are left to the main thread (`retry`), so a worker's heap stays small. */
export const WORKER_MAX_BYTES = 1024 * 1024;

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
  port.on('message', (request: AnalyzeRequest) => {
    const response: AnalyzeResponse = { id: request.id, outcome: analyzeJob(request.job) };
    port.postMessage(response);
  });
  return true;
}

// Loaded as a script of its own (the compiled tests and the bench start it by path).
serveAnalysisIfWorker();
