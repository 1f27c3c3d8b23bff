// The local-path quick fixes applied to a realistic notebook and modules, then checked by a real
// Python: every single fix leaves each module-level name bound before it is read, and after
// fix-all (or clicking every fix in turn) the code runs from where it is run, with stub data
// files where the fix says the data lives. Python runs isolated (-I, no network where `unshare`
// allows it) and only on the fixture code these tests generate.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../../src/core/engine';
import { applyEdits, importInsertionOffset, moduleLevelImportsOf, planPathFix, planPathFixAll, relativePath, siteOf, type FixSource } from '../../../src/core/fix/local-path';
import type { Finding } from '../../../src/core/types';
import { NodeFileSystem } from '../../../src/node/nodeFs';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/quick-fix/churn-poc');
const RUNNER = path.join(ROOT, 'test/helpers/python/run_fixed.py');
const STUBS = path.join(ROOT, 'test/helpers/python/stubs');
const FILES = ['notebooks/churn-eda.ipynb', 'src/churn/train.py', 'score.py'];

const withoutNetwork = spawnSync('unshare', ['-rn', 'true']).status === 0;

function python(args: string[], cwd: string): { ok: boolean; output: string } {
  const argv = ['-I', '-B', RUNNER, ...args];
  // Only PATH: no PYTHONPATH, no variables that would stand in for the defaults under test.
  const r = withoutNetwork
    ? spawnSync('unshare', ['-rn', 'python3', ...argv], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } })
    : spawnSync('python3', argv, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
  return { ok: r.status === 0 && /^ok$/m.test(r.stdout ?? ''), output };
}

/** A fresh copy of the fixture repository in a temp folder named like the PoC (`churn-poc`). */
function copyFixture(): string {
  const repo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poc-fix-')), 'churn-poc');
  fs.cpSync(FIXTURE, repo, { recursive: true });
  return repo;
}

async function localPathFindings(repo: string): Promise<Finding[]> {
  const result = await new Engine(new NodeFileSystem(), repo.split(path.sep).join('/'), { today: new Date('2026-11-23T12:00:00Z') }).lintWorkspace();
  return result.roots.flatMap((r) => r.findings.filter((f) => f.ruleId === 'local-path'));
}

function readSource(repo: string, file: string): FixSource {
  const text = fs.readFileSync(path.join(repo, file), 'utf8');
  if (!file.endsWith('.ipynb')) return { fileInRoot: file, notebook: false, units: [text] };
  const nb = JSON.parse(text);
  return {
    fileInRoot: file,
    notebook: true,
    units: nb.cells.map((c: { cell_type: string; source: string | string[] }) => (c.cell_type === 'code' ? [c.source].flat().join('') : null)),
  };
}

function writeSource(repo: string, file: string, units: ReadonlyArray<string | null>): void {
  const abs = path.join(repo, file);
  if (!file.endsWith('.ipynb')) return fs.writeFileSync(abs, units[0] ?? '');
  const nb = JSON.parse(fs.readFileSync(abs, 'utf8'));
  nb.cells.forEach((c: { source: string[] }, i: number) => {
    if (units[i] === null) return;
    const lines = units[i]!.split('\n');
    c.source = lines.map((l, k) => (k < lines.length - 1 ? l + '\n' : l)).filter((l) => l !== '');
  });
  fs.writeFileSync(abs, JSON.stringify(nb, null, 1));
}

/** Stub data where each fix says the data lives (relative to the PoC root); existing files stay. */
function createStubData(repo: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    const rel = f.data?.suggestion?.relativePath;
    if (!rel || f.data?.suggestion?.importPath) continue;
    const abs = path.join(repo, rel);
    if (fs.existsSync(abs)) continue;
    if (!/\.[a-z0-9]+$/i.test(rel)) {
      fs.mkdirSync(abs, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, rel.endsWith('.csv') ? 'customer_id,tenure\n1,12\n2,30\n' : rel.endsWith('.json') ? '{}' : 'stub');
  }
}

/** Runs the notebook from its folder (as Jupyter does) and the modules from an unrelated folder. */
function runAll(repo: string): void {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-cwd-'));
  const runs: Array<[string, string[], string]> = [
    ['notebook', ['notebook', path.join(repo, 'notebooks/churn-eda.ipynb'), STUBS], path.join(repo, 'notebooks')],
    ['train.py', ['module', path.join(repo, 'src/churn/train.py'), STUBS], elsewhere],
    ['score.py', ['module', path.join(repo, 'score.py'), STUBS], elsewhere],
  ];
  for (const [name, args, cwd] of runs) {
    const r = python(args, cwd);
    assert.ok(r.ok, `${name} did not run after the fixes:\n${r.output}`);
  }
  assert.ok(fs.existsSync(path.join(repo, 'reports/summary.txt')), 'the notebook wrote its report inside the repository');
  assert.ok(fs.existsSync(path.join(repo, 'models/model.pkl')), 'train.py wrote the model inside the repository');
}

describe('local-path quick fixes, applied and run', function () {
  this.timeout(60000);

  it('finds the fixture paths the tests fix (and the fixture fails to run as committed)', async () => {
    const repo = copyFixture();
    const findings = await localPathFindings(repo);
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.cell ?? '-'}:${f.line}`),
      ['notebooks/churn-eda.ipynb:1:3', 'notebooks/churn-eda.ipynb:2:2', 'notebooks/churn-eda.ipynb:3:2', 'notebooks/churn-eda.ipynb:5:1', 'notebooks/churn-eda.ipynb:6:1', 'score.py:-:4', 'src/churn/train.py:-:11', 'src/churn/train.py:-:12', 'src/churn/train.py:-:20'],
    );
    createStubData(repo, findings);
    const r = python(['notebook', path.join(repo, 'notebooks/churn-eda.ipynb'), STUBS], path.join(repo, 'notebooks'));
    assert.equal(r.ok, false);
    assert.match(r.output, /ModuleNotFoundError: No module named 'features'|FileNotFoundError/);
  });

  it('the bound-before-use check catches the NameError an import further down causes', () => {
    const repo = copyFixture();
    const src = readSource(repo, 'notebooks/churn-eda.ipynb');
    // What the fix used to write: os.environ.get in cell 2 while `import os` sits below it.
    const broken = src.units.map((u, i) => (i === 2 ? u!.replace('"/Users/alice/projects/churn-poc/data/raw/customers.csv"', 'os.environ.get("X", "x.csv")') : u));
    writeSource(repo, 'notebooks/churn-eda.ipynb', broken);
    const r = python(['bound', path.join(repo, 'notebooks/churn-eda.ipynb')], repo);
    assert.equal(r.ok, false);
    assert.match(r.output, /read before bound: line 2: os/);
  });

  it('every single quick fix leaves each name bound before it is read', async () => {
    const repo = copyFixture();
    const findings = await localPathFindings(repo);
    let checked = 0;
    for (const finding of findings) {
      const site = siteOf(finding);
      assert.ok(site, `a fix for ${finding.file}:${finding.line}`);
      const source = readSource(repo, finding.file!);
      const plan = planPathFix(source, site);
      assert.ok(plan, `a plan for ${finding.file}:${finding.line}`);
      const scratch = copyFixture();
      writeSource(scratch, finding.file!, applyEdits(source.units, plan.edits));
      const r = python(['bound', path.join(scratch, finding.file!)], scratch);
      assert.ok(r.ok, `${plan.title} in ${finding.file}:${finding.line}:\n${r.output}`);
      checked++;
    }
    assert.equal(checked, 9);
  });

  it('after fix-all the notebook runs from its folder and the modules from anywhere', async () => {
    const repo = copyFixture();
    const findings = await localPathFindings(repo);
    for (const file of FILES) {
      const source = readSource(repo, file);
      const plan = planPathFixAll(source, findings.filter((f) => f.file === file).map((f) => siteOf(f)!));
      assert.ok(plan, file);
      writeSource(repo, file, applyEdits(source.units, plan.edits));
    }
    assert.deepEqual(await localPathFindings(repo), [], 'no machine-local path left');
    createStubData(repo, findings);
    runAll(repo);
  });

  it('clicking every quick fix in turn (relinting in between) gives code that runs', async () => {
    const repo = copyFixture();
    const original = await localPathFindings(repo);
    for (let clicks = 0; ; clicks++) {
      const [finding] = await localPathFindings(repo);
      if (!finding) break;
      assert.ok(clicks < 20, 'the fixes converge');
      const source = readSource(repo, finding.file!);
      writeSource(repo, finding.file!, applyEdits(source.units, planPathFix(source, siteOf(finding)!)!.edits));
    }
    createStubData(repo, original);
    runAll(repo);
  });

  it('writes defaults relative to the notebook folder and anchors modules to __file__', async () => {
    const repo = copyFixture();
    const findings = await localPathFindings(repo);
    const titles = findings.map((f) => planPathFix(readSource(repo, f.file!), siteOf(f)!)!.title);
    assert.deepEqual(titles, [
      "Put '../py_scripts' (relative to this notebook's folder) on sys.path instead",
      "Read the path from CUSTOMERS_PATH (default '../data/raw/customers.csv', relative to this notebook's folder)",
      "Read the path from EVENTS_PATH (default '../data/events.parquet', relative to this notebook's folder)",
      "Read the path from LABELS_PATH (default '../data/labels.csv', relative to this notebook's folder)",
      "Read the path from REPORT_DIR (default '../reports', relative to this notebook's folder)",
      "Read the path from MODEL_PATH (default 'models/model.pkl', relative to this file)",
      "Read the path from TRAIN_CSV_PATH (default '../../data/processed/train.csv', relative to this file)",
      "Read the path from MODEL_DIR (default '../../models', relative to this file)",
      "Read the path from PARAMS_PATH (default '../../configs/params.json', relative to this file)",
    ]);
    const train = readSource(repo, 'src/churn/train.py');
    const fixed = applyEdits(train.units, planPathFix(train, siteOf(findings[6])!)!.edits)[0]!;
    assert.match(fixed, /TRAIN_CSV = os\.environ\.get\("TRAIN_CSV_PATH", os\.path\.join\(os\.path\.dirname\(os\.path\.abspath\(__file__\)\), "\.\.\/\.\.\/data\/processed\/train\.csv"\)\)/);
    // After the docstring and `from __future__`, not inside main() where an `import os` already is.
    assert.match(fixed, /from __future__ import annotations\nimport os\n\nimport json/);
  });

  it('offers nothing for an f-string or a path inside a command', async () => {
    const source: FixSource = { fileInRoot: 'run.py', notebook: false, units: ['p = f"/home/dana/runs/{run_id}"\nos.system("cp /home/dana/a.csv data/")\n'] };
    const suggestion = { envVar: 'P', relativePath: 'runs', literal: true };
    assert.equal(planPathFix(source, { unit: 0, start: { line: 0, character: 6 }, end: { line: 0, character: 22 }, suggestion }), undefined);
    assert.equal(planPathFix(source, { unit: 1 - 1, start: { line: 1, character: 14 }, end: { line: 1, character: 31 }, suggestion }), undefined);
  });

  it('keeps the trailing separator of a folder literal, which the code concatenates onto', async () => {
    const source: FixSource = { fileInRoot: 'kaggle.ipynb', notebook: true, units: ["DATA_DIR = '/kaggle/input/titanic/'\ntest = pd.read_csv(DATA_DIR + 'test.csv')\n"] };
    const suggestion = { envVar: 'DATA_DIR', relativePath: 'data/titanic', literal: true };
    const plan = planPathFix(source, { unit: 0, start: { line: 0, character: 12 }, end: { line: 0, character: 34 }, suggestion })!;
    assert.equal(plan.title, "Read the path from DATA_DIR (default 'data/titanic/', relative to this notebook's folder)");
    assert.match(applyEdits(source.units, plan.edits)[0]!, /^DATA_DIR = os\.environ\.get\("DATA_DIR", "data\/titanic\/"\)$/m);
  });

  it('offers no Python edit in a cell whose body is not Python, nor in a case pattern', () => {
    const suggestion = { envVar: 'P', relativePath: 'data/x.csv', literal: true };
    const site = (line: number, character: number, length: number) => ({ unit: 0, start: { line, character }, end: { line, character: character + length }, suggestion });
    for (const cell of ['%%writefile conf.json\n{"p": "/home/dana/x.csv"}\n', '%%bash\ncp "/home/dana/x.csv" .\n'])
      assert.equal(planPathFix({ fileInRoot: 'nb.ipynb', notebook: true, units: [cell] }, site(1, cell.split('\n')[1].indexOf('/home'), 16)), undefined, cell);
    assert.ok(planPathFix({ fileInRoot: 'nb.ipynb', notebook: true, units: ['%%time\np = "/home/dana/x.csv"\n'] }, site(1, 5, 16)));
    const match = 'match p:\n    case "/home/dana/x.csv":\n        pass\n';
    assert.equal(planPathFix({ fileInRoot: 'm.py', notebook: false, units: [match] }, site(1, 10, 16)), undefined);
    // `case` as a name, assigned: an ordinary expression.
    assert.ok(planPathFix({ fileInRoot: 'm.py', notebook: false, units: ['case = "/home/dana/x.csv"\n'] }, site(0, 8, 16)));
  });
});

describe('local-path fix: where `import os` goes and what counts as one', () => {
  it('counts only module-level imports that bind the name os', () => {
    const binds = (text: string) => moduleLevelImportsOf(text).flatMap((i) => i.binds);
    assert.deepEqual(binds('import os\n'), ['os']);
    assert.deepEqual(binds('import numpy as np, os.path\n'), ['np', 'os']);
    assert.deepEqual(binds('import os as operating_system\n'), ['operating_system']);
    assert.deepEqual(binds('from os import environ\n'), []);
    assert.deepEqual(binds('def f():\n    import os\n'), []);
    assert.deepEqual(binds('if True:\n    import os\n'), []);
    assert.deepEqual(binds('import sys; import os\n'), ['sys', 'os']);
    assert.deepEqual(binds('s = """\nimport os\n"""\n'), []);
  });

  it('keeps shebang, encoding, docstring, `from __future__` and a cell magic first', () => {
    const at = (text: string) => text.slice(importInsertionOffset(text));
    assert.equal(at('x = 1\n'), 'x = 1\n');
    assert.equal(at('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nx = 1\n'), 'x = 1\n');
    assert.equal(at('"""Doc\nstring."""\nfrom __future__ import (\n    annotations,\n)\nx = 1\n'), 'x = 1\n');
    assert.equal(at('%%time\nx = 1\n'), 'x = 1\n');
    assert.equal(at('# licence header\nx = 1\n'), '# licence header\nx = 1\n');
  });

  it('keeps the CRLF line ends of a file', () => {
    const add = (text: string) => {
      const source: FixSource = { fileInRoot: 'a.py', notebook: false, units: [text] };
      const line = text.split(/\r?\n/).findIndex((l) => l.includes('/home'));
      const col = text.split(/\r?\n/)[line].indexOf('/home');
      const plan = planPathFix(source, { unit: 0, start: { line, character: col }, end: { line, character: col + '/home/dana/a.csv'.length }, suggestion: { envVar: 'A_PATH', relativePath: 'data/a.csv', literal: true } });
      return applyEdits(source.units, plan!.edits)[0];
    };
    assert.equal(add('"""Doc."""\r\nA = "/home/dana/a.csv"\r\n'), '"""Doc."""\r\nimport os\r\nA = os.environ.get("A_PATH", os.path.join(os.path.dirname(os.path.abspath(__file__)), "data/a.csv"))\r\n');
  });

  it('writes a path relative to a folder of the PoC', () => {
    assert.equal(relativePath('notebooks', 'data/x.csv'), '../data/x.csv');
    assert.equal(relativePath('.', 'data/x.csv'), 'data/x.csv');
    assert.equal(relativePath('data/raw', 'data/x.csv'), '../x.csv');
    assert.equal(relativePath('notebooks/eda', 'notebooks/eda/x.csv'), 'x.csv');
  });
});
