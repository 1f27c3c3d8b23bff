// Worker threads that share a full scan with the main thread. The main thread keeps analysing
// files itself and hands a file to a worker only while one has room, so the pool never makes
// a scan wait on a queue: on two cores it is the main thread plus one worker, on one core no
// pool at all. Workers read with synchronous calls of their own, so they do not compete with
// the main thread for libuv's thread pool (what made an earlier attempt slower on two cores).

import * as os from 'os';
import { Worker } from 'worker_threads';
import type { AnalysisJob, Offload, OffloadedAnalysis } from '../core/engine';
import { ANALYZE_WORKER_ROLE, type AnalyzeRequest, type AnalyzeResponse } from './analyzeWorker';

/** Heap limits of a worker (MB), measured on the bench tree: see docs/architecture.md. */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 };

/** Requests a worker holds at once: enough to keep it busy between the main thread's turns. */
const IN_FLIGHT_PER_WORKER = 4;

interface PoolWorker {
  worker: Worker;
  inFlight: number;
  broken: boolean;
}

/**
 * Worker count for this machine: `POC_READINESS_WORKERS` when set (0 turns the pool off), else
 * one fewer than the cores the process may use (the main thread is the other), at most 7.
 */
export function defaultWorkerCount(): number {
  const fromEnv = process.env.POC_READINESS_WORKERS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Math.min(Number(fromEnv), 16);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(cores - 1, 7));
}

export class AnalyzePool implements Offload {
  private readonly workers: PoolWorker[] = [];
  private readonly waiting = new Map<number, { resolve: (o: OffloadedAnalysis) => void; from: PoolWorker }>();
  private nextId = 1;
  private started = false;
  /** Files the workers analysed, and workers that stopped (for --verbose and the tests). */
  analysed = 0;
  stopped = 0;

  /**
   * @param script the worker's script: a file that calls `serveAnalysisIfWorker()` when it
   *   loads (dist/cli.js in the bundle, out/src/node/analyzeWorker.js under test).
   */
  constructor(
    private readonly script: string,
    private readonly size = defaultWorkerCount(),
  ) {}

  /** Workers are started on the first file offered, so a small repository never pays for them. */
  private start(): void {
    this.started = true;
    for (let i = 0; i < this.size; i++) {
      // A small heap: a worker holds one file's tokens at a time (files above WORKER_MAX_BYTES
      // stay on the main thread), and the memory bar is for the whole process.
      const worker = new Worker(this.script, { workerData: { role: ANALYZE_WORKER_ROLE }, argv: [], resourceLimits: WORKER_HEAP });
      const entry: PoolWorker = { worker, inFlight: 0, broken: false };
      // An idle worker never keeps the process alive; close() ends them when the scan is done.
      worker.unref();
      worker.on('message', (response: AnalyzeResponse) => {
        const pending = this.waiting.get(response.id);
        if (!pending) return;
        this.waiting.delete(response.id);
        entry.inFlight--;
        if (!response.outcome.retry) this.analysed++;
        pending.resolve(response.outcome);
      });
      const fail = (err: unknown) => {
        if (!entry.broken) this.stopped++;
        entry.broken = true;
        // Files it held are analysed again on the main thread.
        for (const [id, pending] of this.waiting) {
          if (pending.from !== entry) continue;
          this.waiting.delete(id);
          pending.resolve({ size: -1, retry: `worker stopped: ${err instanceof Error ? err.message : String(err)}` });
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
      this.workers.push(entry);
    }
  }

  analyze(job: AnalysisJob): Promise<OffloadedAnalysis> | undefined {
    if (this.size <= 0) return undefined;
    if (!this.started) this.start();
    let best: PoolWorker | undefined;
    for (const w of this.workers) if (!w.broken && w.inFlight < IN_FLIGHT_PER_WORKER && (!best || w.inFlight < best.inFlight)) best = w;
    if (!best) return undefined;
    const chosen = best;
    const id = this.nextId++;
    chosen.inFlight++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, from: chosen });
      const request: AnalyzeRequest = { id, job };
      chosen.worker.postMessage(request);
    });
  }

  turn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((w) => w.worker.terminate().catch(() => undefined)));
  }
}
