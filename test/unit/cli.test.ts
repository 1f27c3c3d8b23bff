import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURES = path.join(ROOT, 'test/fixtures');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI', () => {
  before(() => assert.ok(fs.existsSync(CLI), 'dist/cli.js is built by `node esbuild.js` before the tests'));

  it('prints findings grouped by file, then score, level and weakest pillar', () => {
    const r = cli(['lint', 'test/fixtures/notebook-pilot']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /test\/fixtures\/notebook-pilot\/pipeline\.py\n\s+3:15\s+warning\s+Machine-local path/);
    assert.match(r.stdout, /cell 3, 4:13\s+warning/);
    assert.match(r.stdout, /Readiness \d+% · level Manual · weakest pillar: business-involvement/);
  });

  it('--format json follows the contract', () => {
    const r = cli(['lint', path.join(FIXTURES, 'notebook-pilot'), '--format', 'json']);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.roots.length, 1);
    const root = out.roots[0];
    assert.equal(root.root, '.');
    assert.deepEqual(Object.keys(root.score), ['total', 'level', 'pillars', 'weakest', 'evidence', 'next', 'improvements']);
    assert.ok(root.rules.every((r: { status: string }) => ['pass', 'fail', 'n/a'].includes(r.status)));
    assert.deepEqual(Object.keys(root.score.pillars).sort(), ['abstract-infrastructure', 'business-involvement', 'code-quality', 'failure-criteria', 'production-data']);
    const cellFinding = root.findings.find((f: any) => f.ruleId === 'local-path' && f.cell === 2);
    assert.deepEqual(cellFinding && Object.keys(cellFinding), ['ruleId', 'pillar', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'cell', 'message', 'data', 'fingerprint']);
    assert.equal(cellFinding.file, 'notebooks/churn_model.ipynb');
    const undeclared = root.findings.find((f: any) => f.ruleId === 'import-undeclared');
    assert.deepEqual([undeclared.file, undeclared.line, undeclared.column], ['report_plots.py', 3, 8]);
    assert.deepEqual(undeclared.data, { module: 'seaborn', distribution: 'seaborn', alternatives: [], requirementsFile: 'requirements.txt' });
    const repo = root.findings.find((f: any) => f.ruleId === 'manifest-missing');
    assert.equal(repo.file, undefined);
    assert.equal(repo.line, undefined);
  });

  it('--format sarif validates against the official SARIF 2.1.0 schema and names every rule', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The official schema has a pattern that is not valid under the `u` flag: read it as draft-04 tools do.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const r = cli(['lint', 'test/fixtures/notebook-pilot', '--format', 'sarif']);
    const log: any = JSON.parse(r.stdout);
    const valid = validate(JSON.parse(r.stdout));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((x: any) => x.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('local-path'));
    for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\/[a-z-]+\.md$/);
    // Code scanning needs a location on every result; repository findings sit on an anchor file.
    for (const res of run.results) {
      assert.ok(res.locations?.[0]?.physicalLocation?.artifactLocation?.uri, JSON.stringify(res));
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    }
    // Notebook findings point at the line of the .ipynb JSON that holds the cell's source line.
    const nb = run.results.find((x: any) => x.ruleId === 'local-path' && x.properties.cell === 2);
    assert.deepEqual(nb.locations[0].physicalLocation.region, { startLine: 48 });
    const py = run.results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'test/fixtures/notebook-pilot/pipeline.py');
    assert.deepEqual(py.locations[0].physicalLocation.region, { startLine: 3, startColumn: 15, endLine: 3, endColumn: 55 });
    // %SRCROOT% is the folder the paths are relative to (here the working directory), so a viewer resolves them.
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(ROOT).href + '/');
    assert.ok(fs.existsSync(fileURLToPath(new URL(py.locations[0].physicalLocation.artifactLocation.uri, run.originalUriBaseIds['%SRCROOT%'].uri))));
    // Linted from outside its folder, the paths are relative to the linted folder, and so is %SRCROOT%.
    const outside = JSON.parse(cli(['lint', path.join(ROOT, 'test/fixtures/notebook-pilot'), '--format', 'sarif'], os.tmpdir()).stdout).runs[0];
    const first = outside.results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'pipeline.py');
    assert.ok(first, 'paths relative to the linted folder');
    assert.ok(fs.existsSync(fileURLToPath(new URL('pipeline.py', outside.originalUriBaseIds['%SRCROOT%'].uri))));
  });

  it('--format sarif percent-encodes the paths (a space, #, % or braces in a folder name still resolve to the file)', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-uri-'));
    const folder = path.join(repo, 'my data', '{{cookiecutter.name}} #1 100%');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'load.py'), 'import pandas as pd\ndf = pd.read_csv("/home/alice/data.csv")\n');
    const run = JSON.parse(cli(['lint', '.', '--format', 'sarif'], repo).stdout).runs[0];
    const uris: string[] = run.results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('my%20data/%7B%7Bcookiecutter.name%7D%7D%20%231%20100%25/load.py'), uris.join('\n'));
    for (const uri of uris) assert.ok(fs.existsSync(fileURLToPath(new URL(uri, run.originalUriBaseIds['%SRCROOT%'].uri))), uri);
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('--format markdown is a pasteable report', () => {
    const r = cli(['lint', 'test/fixtures/production-ready', '--format', 'markdown']);
    assert.match(r.stdout, /^## PoC Readiness — `production-ready`: 99% · Pipelined/m);
    assert.match(r.stdout, /\| 🔵 \| \[data-requirements-open\]\(https:\/\/[^)]+\) \| `data-requirements\.yaml:12` \|/);
    // The number explained: points lost per pillar, the best changes, the level's evidence with places, n/a reasons.
    assert.match(r.stdout, /\| Use production data \(`production-data`\) \| 95% \| \[data-requirements-open\]\([^)]+\) −5 \|/);
    assert.match(r.stdout, /- \+1\.1 points: \[data-requirements-open\]/);
    assert.match(r.stdout, /- ✔ Pipelined: CI that runs the tests: github runs the tests \(\.github\/workflows\/ci\.yml:1\)/);
    assert.match(r.stdout, /- ✘ Continuous: scheduled or triggered retraining: not found/);
    assert.match(r.stdout, /- `model-card-missing`: risk_tier 2: a model card is required at tier 3/);
  });

  it('text explains the number: points lost, level evidence, the three best changes, not-applicable rules with reasons', () => {
    const r = cli(['lint', 'test/fixtures/notebook-pilot', '--no-color']);
    assert.match(r.stdout, /^Readiness \d+% · level Manual · weakest pillar: business-involvement \(0%\)$/m);
    assert.match(r.stdout, /^ {4}business-involvement 0: manifest-missing −100$/m);
    assert.match(r.stdout, /^ {4}- Scripted: importable modules or runnable scripts: not found$/m);
    assert.match(r.stdout, /^ {2}Raise the score most: \+20\.0 failure-criteria-missing — [^;]+; \+20\.0 manifest-missing — [^;]+; \+\d+\.\d [a-z-]+ — /m);
    assert.match(r.stdout, /^ {4}no poc\.yaml \(manifest-missing speaks\): owner-missing, success-criteria-missing, model-card-missing, decision-overdue$/m);
  });

  it('exit codes: 0 clean, 1 under --min-score or error findings, 2 usage and I/O errors', () => {
    assert.equal(cli(['lint', 'test/fixtures/traps']).code, 0);
    assert.equal(cli(['lint', 'test/fixtures/notebook-pilot', '--min-score', '90']).code, 1);
    assert.equal(cli(['lint', 'test/fixtures/production-ready', '--min-score', '90']).code, 0);
    assert.equal(cli(['lint', 'test/fixtures/notebook-pilot', '--rule', 'local-path=error']).code, 1);
    assert.equal(cli(['lint', 'no/such/folder']).code, 2);
    assert.equal(cli(['lint', '--format', 'xml']).code, 2);
    assert.equal(cli(['lint', '--min-score', 'abc']).code, 2);
    // --min-level gates on the maturity level like --min-score on the score.
    assert.equal(cli(['lint', 'test/fixtures/production-ready', '--min-level', 'pipelined']).code, 0);
    assert.equal(cli(['lint', 'test/fixtures/production-ready', '--min-level', 'continuous']).code, 1);
    assert.equal(cli(['lint', 'test/fixtures/notebook-pilot', '--min-level', 'scripted']).code, 1);
    assert.equal(cli(['lint', 'test/fixtures/production-ready', '--min-level', 'expert']).code, 2);
    assert.equal(cli(['lint', '--rule', 'no-such-rule=off']).code, 2);
    assert.equal(cli(['frobnicate']).code, 2);
    assert.equal(cli(['portfolio', 'test/fixtures/traps', '--min-score', 'abc']).code, 2);
    if (process.getuid?.() !== 0) {
      const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-locked-'));
      fs.chmodSync(locked, 0o000);
      try {
        assert.equal(cli(['lint', locked]).code, 2);
      } finally {
        fs.chmodSync(locked, 0o755);
      }
    }
  });

  it('--rule off removes a rule and its weight', () => {
    const base = JSON.parse(cli(['lint', 'test/fixtures/notebook-pilot', '-f', 'json']).stdout).roots[0];
    const off = JSON.parse(cli(['lint', 'test/fixtures/notebook-pilot', '-f', 'json', '--rule', 'local-path=off']).stdout).roots[0];
    assert.ok(base.findings.some((f: any) => f.ruleId === 'local-path'));
    assert.ok(!off.findings.some((f: any) => f.ruleId === 'local-path'));
    assert.ok(off.score.pillars['abstract-infrastructure'] > base.score.pillars['abstract-infrastructure']);
  });

  it('--help for every command', () => {
    for (const args of [['--help'], ['lint', '--help'], ['init', '--help'], ['portfolio', '--help'], ['rules', '--help']]) {
      const r = cli(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.match(r.stdout, /Usage: poc-readiness/);
    }
  });

  it('portfolio lists every PoC with score, level, weakest pillar and overdue decisions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-portfolio-'));
    fs.mkdirSync(path.join(dir, 'stale'));
    fs.writeFileSync(path.join(dir, 'stale/poc.yaml'), 'name: stale\nfailure_criteria:\n  - metric: auc\n    threshold: "< 0.7"\n    decide_by: 2024-01-31\n');
    const r = cli(['portfolio', 'test/fixtures/production-ready', 'test/fixtures/notebook-pilot', path.join(dir, 'stale'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout).pocs;
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((x: any) => x.score), [...rows.map((x: any) => x.score)].sort((a, b) => a - b), 'weakest PoC first');
    assert.equal(rows.filter((x: any) => x.overdue).length, 1);
    const stale = rows.find((x: any) => x.poc.endsWith('stale'));
    assert.equal(stale.overdue, true);
    const text = cli(['portfolio', 'test/fixtures/production-ready', path.join(dir, 'stale')]).stdout;
    assert.match(text, /OVERDUE/);
    assert.match(text, /production-ready\s+99%\s+Pipelined/);
  });
});

describe('CLI: files outside every PoC root of a monorepo', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-outside-'));
    const files: Record<string, string> = {
      'pocs/churn/poc.yaml': 'name: churn\n',
      'pocs/churn/train.py': 'import pandas as pd\n',
      'pocs/churn/requirements.txt': 'pandas==2.2.2\n',
      'shared/storage.py': 'import os\nKEY = "AKIAIOSFODNN7EXAMPLF"\nDATA = "/home/dana/shared/events.csv"\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists their findings in every format, unscored, and an error there fails the gate until baselined', () => {
    const text = cli(['lint', dir]);
    assert.equal(text.code, 1, 'the hard-coded key is an error');
    assert.match(text.stdout, /shared\/storage\.py\n\s+2:8\s+error\s+Hard-coded credential/);
    assert.match(text.stdout, /Outside every PoC root: 2 findings in files no poc\.yaml covers \(1 errors, 1 warnings, 0 info\); not scored\./);
    assert.doesNotMatch(text.stdout, /AKIAIOSFODNN7EXAMPLF/);

    const json = JSON.parse(cli(['lint', dir, '-f', 'json']).stdout);
    assert.deepEqual(json.roots.map((r: any) => r.root), ['pocs/churn']);
    assert.ok(!json.roots[0].findings.some((f: any) => f.file === 'shared/storage.py'), 'not charged to the PoC');
    assert.deepEqual(json.outside.findings.map((f: any) => [f.ruleId, f.file, f.line]), [['hardcoded-secret', 'shared/storage.py', 2], ['local-path', 'shared/storage.py', 3]]);

    const sarif = JSON.parse(cli(['lint', dir, '-f', 'sarif']).stdout);
    const results = sarif.runs[0].results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'shared/storage.py');
    assert.deepEqual(results.map((r: any) => [r.ruleId, r.properties.outsideEveryRoot]), [['hardcoded-secret', true], ['local-path', true]]);

    const markdown = cli(['lint', dir, '-f', 'markdown']).stdout;
    assert.match(markdown, /## Outside every PoC root[\s\S]*\| 🔴 \| \[hardcoded-secret\]\([^)]*\) \| `shared\/storage\.py:2` \|/);

    assert.equal(cli(['baseline', dir]).code, 0);
    const again = cli(['lint', dir, '-f', 'json']);
    assert.equal(again.code, 0, 'baselined outside findings do not fail the run');
    assert.deepEqual(JSON.parse(again.stdout).outside.findings.map((f: any) => f.baselineState), ['unchanged', 'unchanged']);
  });
});

describe('CLI into a pipe that closes early (`lint … | head`)', () => {
  // A real shell pipeline: `head -c 0` exits before the CLI writes, so every write meets a
  // closed pipe (EPIPE). The CLI must end with its usual exit code and nothing on stderr.
  const piped = (args: string, reader: string) => {
    const r = spawnSync('bash', ['-c', `"$NODE" "$CLI" ${args} 2>"$ERR" | ${reader}; echo "$\{PIPESTATUS[0]}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE: process.execPath, CLI, ERR: errFile, NO_COLOR: '1' },
    });
    return { status: Number(r.stdout.trim().split('\n').pop()), stderr: fs.readFileSync(errFile, 'utf8') };
  };
  const errFile = path.join(os.tmpdir(), `poc-cli-epipe-${process.pid}.txt`);
  after(() => fs.rmSync(errFile, { force: true }));

  for (const [args, reader] of [
    ['lint test/fixtures/notebook-pilot', 'head -c 0'],
    ['lint test/fixtures/notebook-pilot --format json', 'head -c 0'],
    ['lint test/fixtures/notebook-pilot', 'head -n 1 >/dev/null'],
    ['rules', 'head -c 0'],
  ]) {
    it(`${args} | ${reader}: quiet, with the command's own exit code`, () => {
      const alone = cli(args.split(' '));
      const r = piped(args, reader);
      assert.equal(r.stderr, '', 'no stack trace');
      assert.equal(r.status, alone.code);
    });
  }
});
