// `poc-readiness history` over a generated repository of 220 commits whose readiness story is
// known (test/helpers/gitHistory.ts): the points, the sampling, incremental = full scan =
// `lint` of the same tree, and that nothing is checked out.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleCommits } from '../../src/core/history';
import { historyOfRepository } from '../../src/cli/history';
import { generateHistory, STORY, type GeneratedHistory } from '../helpers/gitHistory';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('history', function () {
  this.timeout(60_000);
  let tmp: string;
  let repo: GeneratedHistory;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-history-'));
    repo = generateHistory(path.join(tmp, 'repo'), 220, 12);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('sampleCommits keeps the last commit of each UTC day or Monday-start week', () => {
    const c = (commit: string, date: string) => ({ commit, date });
    const commits = [c('a', '2026-01-04T10:00:00Z'), c('b', '2026-01-05T09:00:00Z'), c('c', '2026-01-05T18:00:00Z'), c('d', '2026-01-11T23:00:00Z'), c('e', '2026-01-12T01:00:00Z')];
    assert.deepEqual(sampleCommits(commits, 'commit').map((x) => x.commit), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(sampleCommits(commits, 'day').map((x) => x.commit), ['a', 'c', 'd', 'e']);
    assert.deepEqual(sampleCommits(commits, 'week').map((x) => x.commit), ['a', 'd', 'e']);
  });

  it('--format json: one point per commit with the expected score and level along the story', () => {
    const r = cli(['history', repo.dir, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.equal(json.points.length, 220);
    const heads = execFileSync('git', ['rev-list', '--reverse', 'HEAD'], { cwd: repo.dir }).toString().trim().split('\n');
    assert.deepEqual(json.points.map((p: any) => p.commit), heads);
    assert.deepEqual(json.points.map((p: any) => p.date), repo.dates);
    for (const p of json.points) assert.deepEqual(Object.keys(p), ['commit', 'date', 'roots']);
    const levelAt = (i: number) => json.points[i].roots[0].level;
    const totalAt = (i: number) => json.points[i].roots[0].total;
    assert.deepEqual([levelAt(0), levelAt(STORY.MANIFEST), levelAt(STORY.MODULES - 1), levelAt(STORY.MODULES), levelAt(STORY.CI - 1), levelAt(STORY.CI), levelAt(219)], ['manual', 'manual', 'manual', 'scripted', 'scripted', 'pipelined', 'pipelined']);
    // The score moves only where the story does: constant in between.
    const changes = json.points.map((_: unknown, i: number) => i).filter((i: number) => i > 0 && totalAt(i) !== totalAt(i - 1));
    assert.deepEqual(changes, [STORY.MANIFEST, STORY.MODULES, STORY.CI]);
    assert.ok(totalAt(0) < totalAt(STORY.MANIFEST) && totalAt(STORY.MANIFEST) < totalAt(STORY.MODULES) && totalAt(STORY.MODULES) < totalAt(STORY.CI));
    assert.deepEqual(json.points[0].roots.map((r: any) => r.root), ['.']);
  });

  it('each point equals `lint` of that commit’s tree, and the incremental run equals a full scan per commit', async () => {
    const incremental = await historyOfRepository(repo.dir, { every: 'week' });
    const full = await historyOfRepository(repo.dir, { every: 'week', mode: 'full' });
    assert.deepEqual(incremental.points, full.points);
    assert.equal(incremental.points.length, 32);
    assert.ok(incremental.filesRead < full.filesRead / 3, `incremental reads ${incremental.filesRead} files, full scans ${full.filesRead}`);
    for (const i of [0, 6, 13, 21, 31]) {
      const p = incremental.points[i];
      const tree = path.join(tmp, `tree-${i}`);
      fs.mkdirSync(tree);
      execFileSync('sh', ['-c', `git archive ${p.commit} | tar -x -C "${tree}"`], { cwd: repo.dir });
      const lint = JSON.parse(cli(['lint', tree, '--format', 'json']).stdout);
      // lint judges decide-by dates against today, history against the commit's date: none is due in this story.
      assert.deepEqual(p.roots, lint.roots.map((r: any) => ({ root: r.root, total: r.score.total, level: r.score.level })), `point ${i}`);
    }
  });

  it('--since and --every week in text; the work tree is never touched', () => {
    const before = execFileSync('git', ['status', '--porcelain'], { cwd: repo.dir }).toString();
    const r = cli(['history', repo.dir, '--every', 'week', '--since', '2026-07-01']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^2026-07-05  [0-9a-f]{10}  \d+% Pipelined$/);
    assert.match(lines[lines.length - 1], /^7 points from 43 commits \(every week\); \d+ file reads\.$/);
    assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: repo.dir }).toString(), before);
    assert.equal(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo.dir }).toString().trim(), execFileSync('git', ['rev-parse', 'main'], { cwd: repo.dir }).toString().trim());
  });

  it('usage errors and a folder outside git are clear', () => {
    assert.equal(cli(['history', repo.dir, '--every', 'month']).status, 2);
    assert.equal(cli(['history', repo.dir, '--since', 'yesterday']).status, 2);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-nogit-'));
    const r = cli(['history', plain]);
    fs.rmSync(plain, { recursive: true, force: true });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read the git history/);
  });

  it('portfolio --trends and history files give each PoC its 30 / 90-day delta', () => {
    const h = path.join(tmp, 'history.json');
    fs.writeFileSync(h, cli(['history', repo.dir, '--format', 'json', '--every', 'day']).stdout);
    const today = repo.dates[219].slice(0, 10);
    const fromFile = JSON.parse(cli(['portfolio', repo.dir, h, '--format', 'json', '--today', today]).stdout);
    const fromTrends = JSON.parse(cli(['portfolio', repo.dir, '--trends', '--format', 'json', '--today', today]).stdout);
    const t = fromFile.pocs[0].trend;
    // 90 days before the last commit (219) is commit 129: scripted, before CI arrived at 150.
    assert.ok(t.delta90 > 0, JSON.stringify(t));
    assert.equal(t.delta30, 0);
    assert.deepEqual(t.daysToLevel, { manual: 0, scripted: STORY.MODULES, pipelined: STORY.CI, continuous: null });
    // Weekly samples (the last commit of each week): CI (day 150, a Thursday) shows on that Sunday.
    assert.equal(JSON.parse(fs.readFileSync(h, 'utf8')).firstCommitDate, repo.dates[0]);
    assert.deepEqual(fromTrends.pocs[0].trend.daysToLevel, { manual: 0, scripted: STORY.MODULES, pipelined: STORY.CI + 3, continuous: null });
  });
});
