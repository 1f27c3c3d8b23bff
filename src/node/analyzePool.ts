// Worker threads that share a full scan with the main thread. The main thread keeps analysing
// files itself and hands a file to a worker only while one has room, so the pool never makes
// a scan wait on a queue: on two cores it is the main thread plus one worker, on one core no
// pool at all. Workers read with synchronous calls of their own, so they do not compete with
// the main thread for libuv's thread pool (what made an earlier attempt slower on two cores).

import * as os from 'os';
import { Worker } from 'worker_threads';
import type { AnalysisJob, Offload, OffloadedAnalysis, SharedJobs } from '../core/engine';
import { ANALYZE_WORKER_ROLE, type AnalyzeRequest, type AnalyzeResponse, type BatchRequest, type BatchResponse } from './analyzeWorker';

/** Heap limits of a worker (MB), measured on the bench tree: see docs/architecture.md. */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 };

/** Requests a worker holds at once: enough to keep it busy between the main thread's turns. */
const IN_FLIGHT_PER_WORKER = 4;

interface PoolWorker {
  worker: Worker;
  /** Its number in a shared queue's `owner` array (1, 2, …; the main thread is 0). */
  number: number;
  inFlight: number;
  broken: boolean;
  /** Ended by close(): its exit is no failure. */
  closing?: boolean;
}

/** With nothing in flight, `turn()` yields to the event loop on every this many calls. */
const IDLE_TURN_EVERY = 8;

/** `owner` of a job no one has claimed. */
const UNCLAIMED = -1;
const MAIN_THREAD = 0;

/** A shared queue in progress (see `share`). */
interface Batch {
  jobs: number;
  next: Int32Array;
  owner: Int32Array;
  delivered: Uint8Array;
  onResult: (index: number, outcome: OffloadedAnalysis) => void;
  /** Workers still claiming or analysing. */
  busy: Set<PoolWorker>;
  settle: () => void;
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
  private readonly batches = new Map<number, Batch>();
  private nextId = 1;
  private idleTurns = 0;
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

  /** Workers are started on the first file offered, or by prepare() when a walk finds a big tree: a small repository never pays for them. */
  private start(): void {
    this.started = true;
    for (let i = 0; i < this.size; i++) {
      // A small heap: a worker holds one file's tokens at a time (files above WORKER_MAX_BYTES
      // stay on the main thread), and the memory bar is for the whole process.
      const worker = new Worker(this.script, { workerData: { role: ANALYZE_WORKER_ROLE }, argv: [], resourceLimits: WORKER_HEAP });
      const entry: PoolWorker = { worker, number: i + 1, inFlight: 0, broken: false };
      // An idle worker never keeps the process alive; close() ends them when the scan is done.
      worker.unref();
      worker.on('message', (response: AnalyzeResponse | BatchResponse) => {
        if ('batch' in response) return this.batchResponse(entry, response);
        const pending = this.waiting.get(response.id);
        if (!pending) return;
        this.waiting.delete(response.id);
        entry.inFlight--;
        if (!response.outcome.retry) this.analysed++;
        pending.resolve(response.outcome);
      });
      const fail = (err: unknown) => {
        if (!entry.broken && !entry.closing) this.stopped++;
        entry.broken = true;
        // Files it held are analysed again on the main thread.
        for (const [id, pending] of this.waiting) {
          if (pending.from !== entry) continue;
          this.waiting.delete(id);
          pending.resolve({ size: -1, retry: `worker stopped: ${err instanceof Error ? err.message : String(err)}` });
        }
        for (const batch of this.batches.values()) this.leave(batch, entry);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
      this.workers.push(entry);
    }
  }

  prepare(): void {
    if (this.size > 0 && !this.started) this.start();
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

  share(jobs: readonly AnalysisJob[], onResult: (index: number, outcome: OffloadedAnalysis) => void): SharedJobs | undefined {
    if (this.size <= 0 || !jobs.length) return undefined;
    if (!this.started) this.start();
    const live = this.workers.filter((w) => !w.broken);
    if (!live.length) return undefined;
    const id = this.nextId++;
    const next = new Int32Array(new SharedArrayBuffer(4));
    const owner = new Int32Array(new SharedArrayBuffer(4 * jobs.length)).fill(UNCLAIMED);
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const batch: Batch = { jobs: jobs.length, next, owner, delivered: new Uint8Array(jobs.length), onResult, busy: new Set(live), settle };
    this.batches.set(id, batch);
    for (const w of live) {
      const request: BatchRequest = { batch: id, jobs, next, owner, worker: w.number };
      w.worker.postMessage(request);
    }
    return {
      claim: () => {
        const i = Atomics.add(next, 0, 1);
        if (i >= jobs.length) return -1;
        Atomics.store(owner, i, MAIN_THREAD);
        return i;
      },
      stop: () => Atomics.store(next, 0, jobs.length),
      settled: settled.then(() => {
        this.batches.delete(id);
      }),
    };
  }

  private batchResponse(from: PoolWorker, response: BatchResponse): void {
    const batch = this.batches.get(response.batch);
    if (!batch) return;
    for (const [index, outcome] of response.results) {
      if (batch.delivered[index]) continue;
      batch.delivered[index] = 1;
      if (!outcome.retry) this.analysed++;
      batch.onResult(index, outcome);
    }
    if (response.idle) this.leave(batch, from);
  }

  /**
   * A worker is done with a queue (nothing left to claim, or it stopped). With the last one,
   * whatever a worker claimed and did not deliver (it stopped mid-job) comes back as a retry.
   */
  private leave(batch: Batch, worker: PoolWorker): void {
    if (!batch.busy.delete(worker) || batch.busy.size) return;
    for (let i = 0; i < batch.jobs; i++) {
      const owner = Atomics.load(batch.owner, i);
      // The main thread's own jobs are its business. An unclaimed one past the counter is left
      // for it to claim; one before it was claimed by a worker that stopped before it could
      // record itself (the main thread records its claims in the same synchronous step).
      if (batch.delivered[i] || owner === MAIN_THREAD || (owner === UNCLAIMED && i >= Atomics.load(batch.next, 0))) continue;
      batch.delivered[i] = 1;
      batch.onResult(i, { size: -1, retry: 'worker stopped before it finished' });
    }
    batch.settle();
  }

  turn(): Promise<void> {
    // Nothing in flight, nothing to take in: one real turn in eight still lets a cancellation or
    // a language-server request in during a long local run (a rescan, cache hits), and the other
    // seven save ~8 µs each (0.15 s over the bench tree's cache hits).
    if (!this.waiting.size && !this.batches.size && ++this.idleTurns % IDLE_TURN_EVERY !== 0) return Promise.resolve();
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Ends the workers; the next job starts new ones (the language server closes the pool between scans). */
  async close(): Promise<void> {
    const all = this.workers.splice(0);
    this.started = false;
    for (const w of all) w.closing = true;
    await Promise.all(all.map((w) => w.worker.terminate().catch(() => undefined)));
  }
}
