// The worker pool shares a full scan with the main thread: the result must be exactly the one
// the main thread alone computes, whichever thread analysed which file, and a worker that dies
// must cost nothing but time (its files are analysed on the main thread).

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from '../../bench/generate';
import { Engine } from '../../src/core/engine';
import { AnalyzePool } from '../../src/node/analyzePool';
import { absolutePosix, NodeFileSystem } from '../../src/node/nodeFs';

const WORKER_SCRIPT = path.resolve(__dirname, '../../src/node/analyzeWorker.js');

describe('analysis worker pool', function () {
  this.timeout(120_000);
  let root: string;
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-pool-'));
    // Above the engine's threshold for starting workers, with notebooks, planted local paths
    // and a binary and an oversized file among them.
    root = generate(path.join(tmp, 'tree'), { files: 1500, seed: 7 }).root;
    fs.writeFileSync(path.join(root, 'projects', 'binary.py'), Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x6f]));
    fs.writeFileSync(path.join(root, 'projects', 'huge.py'), `x = "${'a'.repeat(3 * 1024 * 1024)}"\n`);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const lint = async (pool?: AnalyzePool) => new Engine(new NodeFileSystem(), absolutePosix(root), pool ? { offload: pool } : {}).lintWorkspace();

  it('gives the same findings, skips, facts-driven scores and levels as the main thread alone', async () => {
    const alone = await lint();
    const pool = new AnalyzePool(WORKER_SCRIPT, 1);
    let queued = 0;
    const share = pool.share.bind(pool);
    pool.share = (jobs, onResult) => {
      queued = jobs.length;
      return share(jobs, onResult);
    };
    try {
      const shared = await lint(pool);
      assert.ok(queued > 1000, 'the Python files and notebooks went on the shared queue');
      assert.ok(pool.analysed > 0, 'the worker took part');
      assert.ok(pool.analysed < queued, 'and the main thread did its share of the queue');
      assert.equal(pool.stopped, 0);
      assert.deepEqual(shared, alone);
      assert.ok(alone.skipped.some((s) => s.path === 'projects/huge.py' && /^oversized/.test(s.reason)));
      assert.ok(alone.skipped.some((s) => s.path === 'projects/binary.py' && /binary/.test(s.reason)));
      assert.ok(alone.roots.some((r) => r.findings.some((f) => f.ruleId === 'local-path')), 'the tree has findings to compare');
    } finally {
      await pool.close();
    }
  });

  it('analyses on the main thread what a worker that died was holding', async () => {
    const alone = await lint();
    const dying = path.join(tmp, 'dying-worker.js');
    // On the shared queue: claims four jobs (one without recording it), delivers the first, and exits.
    fs.writeFileSync(
      dying,
      `const { parentPort } = require('worker_threads');
// The real worker's module, for its analyzeJob, without it serving this worker's queue itself.
require('worker_threads').workerData.role = 'dying-worker';
const { analyzeJob } = require(${JSON.stringify(WORKER_SCRIPT)});
parentPort.on('message', (m) => {
  const claimed = [];
  for (let k = 0; k < 3; k++) { const i = Atomics.add(m.next, 0, 1); Atomics.store(m.owner, i, m.worker); claimed.push(i); }
  // And one more claimed, as if it stopped before it could record itself.
  Atomics.add(m.next, 0, 1);
  // The real worker's analysis of one job: whichever file the claim lands on (the binary one,
  // when the main thread got to the queue first), it is judged as the real worker would.
  parentPort.postMessage({ batch: m.batch, results: [[claimed[0], analyzeJob(m.jobs[claimed[0]])]] });
  setTimeout(() => process.exit(3), 20);
});
`,
    );
    const pool = new AnalyzePool(dying, 1);
    try {
      assert.deepEqual(await lint(pool), alone);
      assert.equal(pool.stopped, 1, 'the worker did stop');
      assert.equal(pool.analysed, 1, 'what it delivered counts, what it held was analysed again');
    } finally {
      await pool.close();
    }
  });

  it('one file at a time to a worker that dies (the cache path): the same report', async () => {
    const alone = await lint();
    const dying = path.join(tmp, 'dying-per-file.js');
    // Takes requests one by one and exits on the third, with two unanswered.
    fs.writeFileSync(dying, "const { parentPort } = require('worker_threads'); let n = 0; parentPort.on('message', () => { if (++n === 3) process.exit(3); });\n");
    const pool = new AnalyzePool(dying, 1);
    const misses: string[] = [];
    const cache = { keyOf: (bytes: Uint8Array) => String(bytes.length), get: () => undefined, set: (p: string) => void misses.push(p) };
    try {
      const result = await new Engine(new NodeFileSystem(), absolutePosix(root), { offload: pool, cache }).lintWorkspace();
      assert.deepEqual(result, alone);
      assert.equal(pool.stopped, 1, 'the worker did stop');
      assert.ok(misses.length > 1000, 'every analysed file went to the cache');
    } finally {
      await pool.close();
    }
  });

  it('the CLI bundle is its own worker script: the same JSON report with and without a worker', () => {
    const cli = path.resolve(__dirname, '../../../dist/cli.js');
    const run = (workers: string) => {
      const r = spawnSync(process.execPath, [cli, 'lint', root, '--format', 'json', '--verbose'], { encoding: 'utf8', env: { ...process.env, POC_READINESS_WORKERS: workers }, maxBuffer: 64 * 1024 * 1024 });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      return { report: { ...JSON.parse(r.stdout), generatedAt: undefined }, byWorkers: Number(/worker threads analysed (\d+) of/.exec(r.stderr)?.[1] ?? 0) };
    };
    const withWorker = run('1');
    const alone = run('0');
    assert.ok(withWorker.byWorkers > 0, 'the bundle served as a worker');
    assert.equal(alone.byWorkers, 0);
    assert.deepEqual(withWorker.report, alone.report);
  });

  it('with nothing in flight, turn() resolves at once seven times and yields to the event loop on the eighth', async () => {
    const pool = new AnalyzePool(WORKER_SCRIPT, 1);
    let yielded = false;
    setImmediate(() => (yielded = true));
    for (let i = 0; i < 7; i++) await pool.turn();
    assert.equal(yielded, false, 'seven idle turns take no turn of the event loop');
    await pool.turn();
    assert.equal(yielded, true, 'the eighth lets a cancellation or a request in');
    await pool.close();
  });

  it('starts no worker when the machine has one core or the setting turns it off', () => {
    const before = process.env.POC_READINESS_WORKERS;
    try {
      process.env.POC_READINESS_WORKERS = '0';
      assert.equal(new AnalyzePool(WORKER_SCRIPT).analyze({ abs: '/x', path: 'x.py', kind: 'python', limit: 1, options: { localPathAllow: [], rootName: '.' } }), undefined);
    } finally {
      if (before === undefined) delete process.env.POC_READINESS_WORKERS;
      else process.env.POC_READINESS_WORKERS = before;
    }
  });
  it('a rescan reads every file but analyses only what changed, on the main thread, and reports what a fresh engine does', async () => {
    const pool = new AnalyzePool(WORKER_SCRIPT, 1);
    const engine = new Engine(new NodeFileSystem(), absolutePosix(root), { offload: pool });
    const analyses = (engine as unknown as { files: Map<string, object> }).files;
    try {
      await engine.lintWorkspace();
      assert.ok(pool.analysed > 0, 'the first scan was shared');
      const kept = [...analyses.entries()].find(([, a]) => (a as { kind: string }).kind === 'python')![0];
      const edited = path.posix.join(path.posix.dirname(kept), 'edited.py');
      const keptBefore = analyses.get(kept);
      // A new file and a changed one (new size and time): the rest is as the first scan left it.
      fs.writeFileSync(path.join(root, edited), 'import pandas as pd\ndf = pd.read_csv("/home/dana/new.csv")\n');
      const share = pool.share.bind(pool);
      let queued: string[] = [];
      pool.share = (jobs, onResult) => {
        queued = jobs.map((j) => j.path).sort();
        return share(jobs, onResult);
      };
      const rescanned = await engine.lintWorkspace();
      // Only files without an analysis go on the queue: the new one (the one too large to read keeps
      // its name-only analysis, and this thread finds it oversized again with one fstat).
      assert.deepEqual(queued, [edited]);
      assert.equal(analyses.get(kept), keptBefore, `${kept} kept its analysis`);
      assert.ok(rescanned.roots.some((r) => r.findings.some((f) => f.ruleId === 'local-path' && f.file === edited)));
      const appended = path.join(root, edited);
      fs.writeFileSync(appended, fs.readFileSync(appended, 'utf8') + 'df2 = pd.read_csv("/home/dana/other.csv")\n');
      const again = await engine.lintWorkspace();
      assert.equal(again.roots.flatMap((r) => r.findings).filter((f) => f.ruleId === 'local-path' && f.file === edited).length, 2, 'the changed file was analysed again');
      assert.deepEqual(again, await lint());
    } finally {
      await pool.close();
      for (const f of fs.readdirSync(root, { recursive: true }) as string[]) if (path.basename(f) === 'edited.py') fs.rmSync(path.join(root, f));
    }
  });
});
