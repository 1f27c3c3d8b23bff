// `lint --cache`: a second run reuses the analyses of unchanged files and reports exactly what
// an uncached run reports; a changed file is analysed again; a damaged or foreign cache is
// ignored, never trusted; the cache folder is never linted nor committed.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serialize } from 'node:v8';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/notebook-pilot');

function lint(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', root, '--format', 'json', '--verbose', ...args], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const report = JSON.parse(r.stdout);
  delete report.generatedAt;
  const reuse = /cache \S+: (\d+) files reused, (\d+) analysed/.exec(r.stderr);
  return { report, stderr: r.stderr, reused: reuse ? Number(reuse[1]) : undefined, analysed: reuse ? Number(reuse[2]) : undefined };
}

describe('lint --cache', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poc-cache-')), 'notebook-pilot');
    fs.cpSync(FIXTURE, root, { recursive: true });
  });
  afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

  it('reuses every unchanged file on the second run and reports the same as without a cache', () => {
    const uncached = lint(root);
    const first = lint(root, '--cache');
    assert.equal(first.reused, 0);
    assert.ok(first.analysed! > 3, first.stderr);
    const second = lint(root, '--cache');
    assert.equal(second.analysed, 0);
    assert.equal(second.reused, first.analysed);
    assert.deepEqual(second.report, uncached.report);
    assert.deepEqual(first.report, uncached.report);
    // Never committed, never linted: the folder ignores itself.
    assert.equal(fs.readFileSync(path.join(root, '.poc-readiness-cache', '.gitignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).join(), '*');
    assert.ok(!JSON.stringify(second.report).includes('.poc-readiness-cache'));
  });

  it('leaves the cache file alone when a run changed nothing, and drops a deleted file from it', () => {
    const first = lint(root, '--cache');
    const cacheFile = path.join(root, '.poc-readiness-cache', 'analyses.v8');
    // Whole seconds: every file system keeps them exactly.
    const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    fs.utimesSync(cacheFile, past, past);
    assert.equal(lint(root, '--cache').analysed, 0);
    assert.equal(Math.round(fs.statSync(cacheFile).mtimeMs), past.getTime(), 'an all-hits run does not rewrite the cache');
    fs.rmSync(path.join(root, 'pipeline.py'));
    const afterDelete = lint(root, '--cache');
    assert.equal(afterDelete.analysed, 0);
    assert.notEqual(Math.round(fs.statSync(cacheFile).mtimeMs), past.getTime(), 'a run that used fewer entries writes them');
    assert.equal(lint(root, '--cache').reused, first.analysed! - 1);
  });

  it('analyses a changed file again: content, not modification time, decides', () => {
    lint(root, '--cache');
    const file = path.join(root, 'pipeline.py');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('/home/dana/projects/churn/data/train.csv', 'data/train.csv'));
    const after = lint(root, '--cache');
    assert.equal(after.analysed, 1);
    assert.deepEqual(after.report, lint(root).report);
    assert.ok(!after.report.roots[0].findings.some((f: { ruleId: string; file?: string }) => f.ruleId === 'local-path' && f.file === 'pipeline.py'));
    // Touched but unchanged: still a hit (a fresh CI checkout has new times, same content).
    const t = new Date(Date.now() + 60_000);
    fs.utimesSync(file, t, t);
    assert.equal(lint(root, '--cache').analysed, 0);
  });

  it('ignores a damaged cache or one another build wrote, and says so with --verbose', () => {
    const dir = path.join(root, 'cache-dir');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'analyses.v8'), 'not a v8 serialization');
    const damaged = lint(root, '--cache-location', dir);
    assert.match(damaged.stderr, /cache .* not used: unreadable/);
    assert.deepEqual(damaged.report, lint(root).report);
    // A forged cache of another build that would hide every finding is not read.
    fs.writeFileSync(path.join(dir, 'analyses.v8'), serialize({ build: '0.0.0:forged', entries: new Map() }));
    const foreign = lint(root, '--cache-location', dir);
    assert.match(foreign.stderr, /not used: written by another build/);
    assert.equal(foreign.reused, 0);
  });
});
