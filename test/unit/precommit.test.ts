// The pre-commit hooks (.pre-commit-hooks.yaml) run by the real `pre-commit` (Debian package
// pre-commit, see .ci/run) with `try-repo` against a hook repository built the way a release
// is (scripts/release-tree.js: the committed tree plus the bundled dist/). pre-commit installs
// it with npm (language: node); the registry is made unreachable to show it needs no download.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function git(cwd: string, ...args: string[]): void {
  const r = run('git', args, cwd);
  assert.equal(r.code, 0, r.out);
}

describe('pre-commit hooks (real pre-commit, try-repo)', function () {
  // The first try-repo installs the hook environment with npm.
  this.timeout(300000);
  let tmp: string;
  let hooks: string;
  let project: string;
  let env: Record<string, string>;

  before(() => {
    assert.equal(run('pre-commit', ['--version'], ROOT).code, 0, 'pre-commit is installed (Debian package pre-commit, listed in .ci/run)');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-precommit-'));
    hooks = path.join(tmp, 'hooks');
    project = path.join(tmp, 'project');
    // An unreachable registry: the hook installs from the release tree alone (the bundles carry every dependency).
    env = { PRE_COMMIT_HOME: path.join(tmp, 'cache'), NO_COLOR: '1', npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' };
    const built = run(process.execPath, [path.join(ROOT, 'scripts/release-tree.js'), hooks], ROOT);
    assert.equal(built.code, 0, built.out);
    git(hooks, 'init', '-q', '-b', 'main');
    git(hooks, 'add', '-A');
    git(hooks, 'add', '-f', 'dist/cli.js', 'dist/action.js');
    git(hooks, '-c', 'user.email=ci@example.com', '-c', 'user.name=CI', 'commit', '-qm', 'release');

    fs.mkdirSync(project);
    git(project, 'init', '-q', '-b', 'main');
    // A team policy: local paths are errors, so the whole-repository gate fails on one too.
    fs.writeFileSync(path.join(project, 'poc.yaml'), 'name: churn\nlint:\n  rules: { local-path: error }\n');
    fs.writeFileSync(path.join(project, 'requirements.txt'), 'pandas==2.2.2\n');
    fs.writeFileSync(path.join(project, 'train.py'), 'import pandas as pd\n\ndf = pd.read_csv("/home/alice/data/churn.csv")\n');
    git(project, 'add', '-A');
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // try-repo installs into a fresh temporary store on every call (about 15 s of npm here): one
  // call runs every hook of the repository on the staged file.
  const tryRepo = () => run('pre-commit', ['try-repo', hooks, '--files', 'train.py'], project, env);

  it('both hooks fail on a planted local path, naming file and line', () => {
    const r = tryRepo();
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /PoC readiness \(staged files\)\.+Failed/);
    assert.match(r.out, /train\.py:3:19: error Machine-local path '\/home\/alice\/data\/churn\.csv'.*\[local-path\]/);
    assert.match(r.out, /PoC readiness \(whole repository\)\.+Failed/);
    assert.match(r.out, /3:19\s+error\s+Machine-local path/);
  });

  it('both hooks pass after the fix', () => {
    fs.writeFileSync(path.join(project, 'train.py'), 'import os\nimport pandas as pd\n\ndf = pd.read_csv(os.environ["CHURN_PATH"])\n');
    git(project, 'add', '-A');
    const r = tryRepo();
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /PoC readiness \(staged files\)\.+Passed/);
    assert.match(r.out, /PoC readiness \(whole repository\)\.+Passed/);
  });
});
