// The GitHub Action's entry (dist/action.js) run the way the runner runs it: `node` with
// INPUT_* variables, GITHUB_* paths and an event payload, in a git checkout with a base and a
// head commit.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summaryMarkdown } from '../../src/action/main';

const ROOT = path.resolve(__dirname, '../../..');
const ACTION = path.join(ROOT, 'dist/action.js');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

interface Run {
  code: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

function runAction(workspace: string, inputs: Record<string, string>, event?: { name: string; payload: object }): Run {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-action-runner-'));
  const summaryFile = path.join(tmp, 'summary.md');
  const outputFile = path.join(tmp, 'output');
  fs.writeFileSync(summaryFile, '');
  fs.writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, GITHUB_EVENT_NAME: event?.name ?? 'push' };
  if (event) {
    env.GITHUB_EVENT_PATH = path.join(tmp, 'event.json');
    fs.writeFileSync(env.GITHUB_EVENT_PATH, JSON.stringify(event.payload));
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [ACTION], { cwd: workspace, env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(outputFile, 'utf8').split('\n')) if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  const summary = fs.readFileSync(summaryFile, 'utf8');
  fs.rmSync(tmp, { recursive: true, force: true });
  return { code: r.status, stdout: r.stdout + r.stderr, summary, outputs };
}

describe('GitHub Action (dist/action.js)', function () {
  this.timeout(60000);
  let repo: string;
  let base: string;

  before(() => {
    assert.ok(fs.existsSync(ACTION), 'dist/action.js is built by `node esbuild.js`');
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-action-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'ci@example.com');
    git(repo, 'config', 'user.name', 'CI');
    write(repo, {
      'churn/__init__.py': '',
      'churn/load.py': 'import pandas as pd\n\ndef load():\n    return pd.read_csv("/home/alice/churn.csv")\n',
    });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
    base = git(repo, 'rev-parse', 'HEAD');
    // The pull request declares the dependencies (Manual → Scripted), adds tests and fixes the local path.
    write(repo, {
      'requirements.txt': 'pandas==2.2.2\n',
      'churn/load.py': 'import os\nimport pandas as pd\n\ndef load():\n    return pd.read_csv(os.environ["CHURN_PATH"])\n',
      'tests/test_load.py': 'from churn.load import load\n\ndef test_load():\n    assert callable(load)\n',
    });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'head');
  });

  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('on a pull request: summary with score, level, pillars, top three changes and the delta against the base commit', () => {
    const r = runAction(repo, { path: '.', 'min-score': '', 'min-level': '', 'sarif-file': 'out/poc.sarif', 'report-file': 'out/poc.json' }, { name: 'pull_request', payload: { pull_request: { base: { sha: base }, head: { sha: git(repo, 'rev-parse', 'HEAD') } } } });
    assert.equal(r.code, 0, r.stdout);
    const report = JSON.parse(fs.readFileSync(path.join(repo, 'out/poc.json'), 'utf8'));
    const score = report.roots[0].score;
    assert.equal(r.outputs.score, String(score.total));
    assert.equal(r.outputs.level, score.level);
    assert.equal(JSON.parse(fs.readFileSync(path.join(repo, 'out/poc.sarif'), 'utf8')).version, '2.1.0');
    assert.match(r.summary, new RegExp(`### Repository: ${score.total}% · Scripted \\(\\+\\d+ vs base\\)`));
    assert.match(r.summary, /Level: Manual → Scripted/);
    assert.match(r.summary, /\| Don't compromise on code quality \| \d+ \| \+\d+ \|/);
    assert.match(r.summary, /\| Abstract infrastructure \| \d+ \| \+\d+ \|/);
    const changes = r.summary.split('**The three changes that raise the score most**')[1].split('\n\n')[1].split('\n');
    assert.equal(changes.length, 3);
    for (const [i, line] of changes.entries()) assert.match(line, new RegExp(`^${i + 1}\\. \`[a-z-]+\`: .+`));
    const [, fixed] = /Findings: \d+ \(0 new, (\d+) fixed in this pull request\)/.exec(r.summary) ?? [];
    assert.ok(Number(fixed) >= 3, `local-path, dependencies-undeclared and tests-missing fixed: ${r.summary}`);
    assert.match(r.summary, /Next level, Pipelined, needs: CI that runs the tests/);
    assert.match(r.summary, new RegExp(`Compared with base commit \`${base.slice(0, 12)}\``));
    assert.match(r.summary, /\*\*Gate passed\.\*\*/);
    assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=no'), '', 'the checkout is untouched');
  });

  it('gates on min-score and min-level: exit 1 with an error annotation', () => {
    const r = runAction(repo, { 'min-score': '99', 'min-level': 'pipelined' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /::error title=poc-readiness gate::score \d+ < min-score 99/);
    assert.match(r.stdout, /::error title=poc-readiness gate::level scripted below min-level pipelined/);
    assert.match(r.summary, /\*\*Gate failed:\*\*/);
    assert.doesNotMatch(r.summary, /vs base/, 'a push has no base to compare with');
  });

  it('a base commit missing from the checkout is named, not fatal; bad inputs fail clearly', () => {
    const missing = 'f'.repeat(40);
    const r = runAction(repo, {}, { name: 'pull_request', payload: { pull_request: { base: { sha: missing } } } });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.summary, /No comparison with the base commit: base commit ffffffffffff is not in the checkout \(use actions\/checkout with fetch-depth: 0\)/);
    const bad = runAction(repo, { 'min-level': 'production' });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /::error title=poc-readiness::min-level must be one of manual, scripted, pipelined, continuous/);
  });
});

describe('GitHub Action summary (summaryMarkdown)', () => {
  const root = (findings: Array<{ ruleId: string; file?: string; fingerprint?: string }>) => ({
    root: 'pocs/churn',
    score: { total: 40, level: 'scripted', pillars: { 'production-data': 40, 'code-quality': 40, 'abstract-infrastructure': 40, 'business-involvement': 40, 'failure-criteria': 40 } },
    findings: findings.map((f) => ({ severity: 'warning' as const, message: 'm', ...f })),
  });

  it('counts the findings outside every PoC root, and what the pull request added or fixed there', () => {
    const secret = { ruleId: 'hardcoded-secret', file: 'shared/io.py', fingerprint: 'a1' };
    const path = { ruleId: 'local-path', file: 'shared/io.py', fingerprint: 'b2' };
    const head = { roots: [root([])], outside: { findings: [secret, path].map((f) => ({ severity: 'warning' as const, message: 'm', ...f })) } };
    const base = { roots: [root([])], outside: { findings: [path, { ruleId: 'local-path', file: 'shared/old.py', fingerprint: 'c3' }].map((f) => ({ severity: 'warning' as const, message: 'm', ...f })) } };
    const md = summaryMarkdown(head, { report: base, sha: 'abc1234' }, []);
    assert.match(md, /Outside every PoC root: 2 finding\(s\) in files no poc\.yaml covers, not scored \(1 new, 1 fixed in this pull request\)\./);
    assert.match(md, /Findings: 0 \(0 new, 0 fixed in this pull request\)/);
    // Nothing outside, before or after: no line about it.
    assert.doesNotMatch(summaryMarkdown({ roots: [root([])] }, undefined, []), /Outside every PoC root/);
  });
});
