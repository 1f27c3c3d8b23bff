import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LEAK = 'import pandas as pd\ndf = pd.read_csv("/home/alice/data/churn.csv")\n';
const STRICT = 'name: churn\nlint:\n  rules: { local-path: error }\n';

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-adopt-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('CLI: baseline, --files, gitlab, config', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const d = repo(files);
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('baseline writes the file; lint then passes on known findings and fails on a new one', () => {
    const dir = make({ 'poc.yaml': STRICT, 'train.py': LEAK });
    assert.equal(cli(['lint', '.'], dir).code, 1, 'the error finding fails before the baseline');
    const written = cli(['baseline'], dir);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /wrote \.poc-readiness-baseline\.json: \d+ finding/);
    const clean = cli(['lint', '.'], dir);
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /local-path \(baselined\)/);
    assert.match(clean.stdout, /\d+ baselined/);
    assert.equal(cli(['lint', '.', '--no-baseline'], dir).code, 1);
    fs.appendFileSync(path.join(dir, 'train.py'), 'other = pd.read_csv("C:\\\\Users\\\\bob\\\\x.csv")\n');
    const fresh = cli(['lint', '.', '--format', 'json'], dir);
    assert.equal(fresh.code, 1);
    const report = JSON.parse(fresh.stdout);
    assert.deepEqual(report.baseline.file, '.poc-readiness-baseline.json');
    assert.equal(report.baseline.new, 1);
    const states = report.roots[0].findings.filter((f: any) => f.ruleId === 'local-path').map((f: any) => [f.line, f.baselineState]);
    assert.deepEqual(states, [[2, 'unchanged'], [3, 'new']]);
  });

  it('baseline --prune drops fixed entries only; --baseline names another file; a broken one is a usage error', () => {
    const dir = make({ 'poc.yaml': STRICT, 'train.py': LEAK });
    cli(['baseline', '-o', 'debt.json'], dir);
    fs.writeFileSync(path.join(dir, 'train.py'), 'import os\ndf = os.environ["CHURN_PATH"]\nx = "/home/bob/y.csv"\n');
    const pruned = cli(['baseline', '--prune', '-o', 'debt.json'], dir);
    assert.equal(pruned.code, 0, pruned.stderr);
    const debt = JSON.parse(fs.readFileSync(path.join(dir, 'debt.json'), 'utf8'));
    assert.equal(debt.findings['train.py'], undefined, 'the fixed line left, the new one was not added');
    assert.equal(cli(['lint', '.', '--baseline', 'debt.json'], dir).code, 1, 'the new finding fails');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"version": 1');
    const broken = cli(['lint', '.', '--baseline', 'broken.json'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /baseline 'broken\.json' is unusable: not valid JSON/);
    assert.equal(cli(['lint', '.', '--baseline', 'missing.json'], dir).code, 2);
  });

  it('SARIF results carry baselineState and stay valid SARIF 2.1.0', () => {
    const dir = make({ 'poc.yaml': STRICT, 'train.py': LEAK });
    cli(['baseline'], dir);
    fs.appendFileSync(path.join(dir, 'train.py'), 'y = "/Users/carol/z.csv"\n');
    const log: any = JSON.parse(cli(['lint', '.', '--format', 'sarif'], dir).stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false }).compile(schema);
    const valid = validate(structuredClone(log));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 3)));
    const local = log.runs[0].results.filter((r: any) => r.ruleId === 'local-path').map((r: any) => [r.locations[0].physicalLocation.region.startLine, r.baselineState]);
    assert.deepEqual(local, [[2, 'unchanged'], [3, 'new']]);
  });

  it('--files reports only file findings of the named files, and --fail-on warning fails on them', () => {
    const dir = make({ 'train.py': LEAK, 'other.py': 'x = "/home/bob/y.csv"\n' });
    const r = cli(['lint', '--fail-on', 'warning', '--files', 'train.py'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "train.py:2:19: warning Machine-local path '/home/alice/data/churn.csv' (Linux home folder) will not exist on another machine, in CI or in a container: read it from the CHURN_PATH environment variable or a config file, or use a path relative to the repository. [local-path]\n");
    fs.writeFileSync(path.join(dir, 'train.py'), 'import os\ndf = os.environ["CHURN_PATH"]\n');
    const fixed = cli(['lint', '--fail-on', 'warning', '--files', 'train.py'], dir);
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.equal(fixed.stdout, '');
    assert.equal(cli(['lint', '--fail-on', 'fatal'], dir).code, 2);
  });

  it('--format gitlab: Code Quality issues with fingerprints stable across line moves', () => {
    const dir = make({ 'train.py': LEAK, 'key.py': 'token = "ghp_' + 'R8x2mQ4vT7kL1pZ9wN3bY6cF0hJ5dS8aE2uG"\n' });
    const first = JSON.parse(cli(['lint', '.', '--format', 'gitlab'], dir).stdout);
    const issue = first.find((i: any) => i.check_name === 'local-path');
    assert.deepEqual(Object.keys(issue), ['description', 'check_name', 'fingerprint', 'severity', 'location']);
    assert.deepEqual(issue.location, { path: 'train.py', lines: { begin: 2 } });
    assert.equal(issue.severity, 'minor');
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    const secret = first.find((i: any) => i.check_name === 'hardcoded-secret');
    assert.equal(secret?.severity, 'critical');
    const repoIssue = first.find((i: any) => i.check_name === 'ci-missing');
    assert.equal(repoIssue.location.lines.begin, 1);
    assert.equal(new Set(first.map((i: any) => i.fingerprint)).size, first.length, 'fingerprints are unique');
    fs.writeFileSync(path.join(dir, 'train.py'), '# moved down\n\n' + LEAK);
    const moved = JSON.parse(cli(['lint', '.', '--format', 'gitlab'], dir).stdout).find((i: any) => i.check_name === 'local-path');
    assert.equal(moved.location.lines.begin, 4);
    assert.equal(moved.fingerprint, issue.fingerprint);
    cli(['baseline'], dir);
    const known = JSON.parse(cli(['lint', '.', '--format', 'gitlab'], dir).stdout).find((i: any) => i.check_name === 'local-path');
    assert.equal(known.fingerprint, issue.fingerprint, 'a baseline does not change the fingerprint');
    assert.match(known.description, /\(baselined\)$/);
  });

  it('config shows each value with its source, in precedence order', () => {
    const dir = make({
      'policy.yaml': 'rules: { sample-data: error }\nallow_inline_ignore: false\n',
      'pyproject.toml': '[tool.poc-readiness]\nrules = { tests-missing = "info" }\nlocal-path-allow = ["/opt/ml/"]\n',
      'poc.yaml': 'name: churn\nlint:\n  extends: policy.yaml\n  ignore: [ "legacy/**" ]\n',
    });
    const text = cli(['config', '.', '--rule', 'ci-missing=off'], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /sources \(lowest precedence first\): policy policy\.yaml < pyproject\.toml < poc\.yaml < command line/);
    assert.match(text.stdout, /sample-data\s+error\s+from policy policy\.yaml/);
    assert.match(text.stdout, /ci-missing\s+off\s+from command line/);
    assert.match(text.stdout, /legacy\/\*\*\s+from poc\.yaml/);
    assert.match(text.stdout, /inline poc-readiness-ignore: reported, not honoured \(policy policy\.yaml\)/);
    const json = JSON.parse(cli(['config', '.', '--format', 'json'], dir).stdout);
    assert.deepEqual(json.roots[0].effective.rules['tests-missing'], { severity: 'info', source: 'pyproject.toml' });
    assert.deepEqual(json.roots[0].effective.rules['local-path'], { severity: 'warning', source: 'default' });
    assert.deepEqual(json.roots[0].effective.localPathAllow, [{ prefix: '/opt/ml/', source: 'pyproject.toml' }]);
  });
});
