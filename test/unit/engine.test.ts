import * as assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { lintTree, MemoryFileSystem, notebook } from '../helpers/memoryFs';

describe('engine', () => {
  describe('PoC roots in a monorepo', () => {
    const tree = {
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pytest\n      - run: docker build pocs/churn\n',
      'requirements.txt': 'pandas==2.2.2\n',
      'pocs/churn/poc.yaml': 'name: churn\n',
      'pocs/churn/src/model.py': 'def train():\n    return "/home/dana/churn.csv"\n',
      'pocs/churn/Dockerfile': 'FROM python:3.11-slim\nUSER app\n',
      'pocs/fraud/poc.yaml': 'name: fraud\nlint:\n  rules: { local-path: off }\n',
      'pocs/fraud/score.py': 'def score():\n    return "/home/ana/fraud.csv"\n',
      'shared/util.py': 'X = "/home/x/y.csv"\n',
    };

    it('gives every folder with a poc.yaml its own findings and score, and shares repository-level CI and dependencies', async () => {
      const result = await lintTree(tree);
      assert.deepEqual(result.roots.map((r) => r.root), ['pocs/churn', 'pocs/fraud']);
      const [churn, fraud] = result.roots;
      const ids = (r: typeof churn) => r.findings.map((f) => f.ruleId);
      assert.ok(ids(churn).includes('local-path'));
      assert.ok(!ids(fraud).includes('local-path'), 'lint.rules of its own poc.yaml');
      for (const r of [churn, fraud]) {
        assert.ok(!ids(r).includes('ci-missing'), `${r.root}: the top-level workflow counts`);
        assert.ok(!ids(r).includes('dependencies-undeclared'), `${r.root}: the top-level requirements count`);
      }
      assert.ok(ids(fraud).includes('container-missing') && !ids(churn).includes('container-missing'));
      assert.ok(!result.roots.some((r) => r.findings.some((f) => f.file === 'shared/util.py')), 'files outside every root belong to no PoC');
      assert.equal(churn.anchor, 'pocs/churn/poc.yaml');
      // ... but what is found in them is reported, outside the scores.
      assert.deepEqual(result.outside?.map((f) => [f.ruleId, f.file, f.line]), [['local-path', 'shared/util.py', 1]]);
    });

    it('reports a secret in a folder no poc.yaml covers, and charges a sibling folder\'s requirements to no PoC', async () => {
      const result = await lintTree({
        'a/poc.yaml': 'name: a\n',
        'a/m.py': 'import pandas\n',
        'a/requirements.txt': 'pandas==2.2.2\n',
        'b/poc.yaml': 'name: b\n',
        'b/m.py': 'import pandas\n',
        'b/requirements.txt': 'pandas==2.2.2\n',
        'orphan/app.py': 'import requests\nTOKEN = "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"\n',
        'orphan/requirements.txt': 'requests\n',
        'requirements-dev.txt': 'pytest\n',
      });
      assert.deepEqual(result.outside?.map((f) => [f.ruleId, f.file, f.line]), [['hardcoded-secret', 'orphan/app.py', 2]]);
      assert.doesNotMatch(JSON.stringify(result.outside), /hf_abcdefghijklmnopqrstuvwxyzABCDEFGH/, 'masked like every finding');
      for (const root of result.roots) {
        const unpinned = root.findings.filter((f) => f.ruleId === 'unpinned-dependency').map((f) => f.file);
        // The top-level file serves every PoC below it; orphan/requirements.txt serves none.
        assert.deepEqual(unpinned, ['requirements-dev.txt'], root.root);
      }
    });

    it('keeps the outside findings in step with edits: a keystroke outside, a keystroke in a PoC, a new poc.yaml', async () => {
      const engine = new Engine(new MemoryFileSystem({ 'a/poc.yaml': 'name: a\n', 'a/m.py': 'import os\n', 'tools/x.py': 'P = "/home/dana/x.csv"\n' }), '/ws');
      const first = await engine.lintWorkspace();
      assert.deepEqual(first.outside?.map((f) => [f.file, f.line]), [['tools/x.py', 1]]);
      // A keystroke in the PoC: the outside findings are the same, not computed again.
      engine.updateFile('a/m.py', 'import os\nX = 1\n');
      assert.equal(engine.evaluate().outside, first.outside);
      engine.updateFile('tools/x.py', 'P = "/home/dana/x.csv"\nQ = "/home/dana/y.csv"\n');
      assert.deepEqual(engine.evaluate().outside?.map((f) => [f.file, f.line]), [['tools/x.py', 1], ['tools/x.py', 2]]);
      engine.updateFile('tools/x.py', 'P = 1\n');
      assert.equal(engine.evaluate().outside, undefined);
      // tools/ becomes a PoC: its findings move into its root.
      engine.updateFile('tools/x.py', 'P = "/home/dana/x.csv"\n');
      engine.updateFile('tools/poc.yaml', 'name: tools\n');
      await engine.settled();
      const moved = engine.evaluate();
      assert.equal(moved.outside, undefined);
      assert.deepEqual(moved.roots.map((r) => r.root), ['a', 'tools']);
      assert.ok(moved.roots[1].findings.some((f) => f.ruleId === 'local-path' && f.file === 'tools/x.py'));
    });

    it('honours the workspace\'s own settings outside every root: severities, lint.ignore, inline ignores', async () => {
      const result = await lintTree({
        'a/poc.yaml': 'name: a\n',
        'pyproject.toml': '[tool.poc-readiness]\nignore = ["vendor/**"]\n[tool.poc-readiness.rules]\nlocal-path = "info"\n',
        'tools/x.py': 'P = "/home/dana/x.csv"\nQ = "/home/dana/y.csv"  # poc-readiness-ignore local-path\n',
        'vendor/y.py': 'P = "/home/dana/z.csv"\n',
      });
      assert.deepEqual(result.outside?.map((f) => [f.ruleId, f.file, f.line, f.severity]), [['local-path', 'tools/x.py', 1, 'info']]);
    });

    it('without any poc.yaml the workspace is the one root', async () => {
      const result = await lintTree({ 'a.py': 'x = 1\n' });
      assert.deepEqual(result.roots.map((r) => r.root), ['.']);
    });
  });

  describe('state after sequences of edits (regressions)', () => {
    const ids = (r: { roots: Array<{ root: string; findings: Array<{ ruleId: string }> }> }) => r.roots.flatMap((x) => x.findings.map((f) => `${x.root}:${f.ruleId}`));

    it('a checklist named in a new poc.yaml counts, and stops counting when the name is dropped', async () => {
      const engine = new Engine(new MemoryFileSystem({ 'docs/checks.yaml': 'items:\n  - id: volume\n    status: done\n', 'a.py': 'x = 1\n' }), '/ws');
      await engine.lintWorkspace();
      engine.updateFile('poc.yaml', 'name: x\ndata_requirements: docs/checks.yaml\n');
      await engine.settled();
      assert.ok(!ids(engine.evaluate()).includes('.:data-requirements-missing'));
      engine.updateFile('poc.yaml', 'name: x\n');
      await engine.settled();
      assert.ok(ids(engine.evaluate()).includes('.:data-requirements-missing'));
    });

    it('removing a poc.yaml takes its named checklist with it', async () => {
      const engine = new Engine(new MemoryFileSystem({ 'sub/poc.yaml': 'name: s\ndata_requirements: docs/checks.yaml\n', 'sub/docs/checks.yaml': 'items:\n  - id: volume\n    status: open\n' }), '/ws');
      await engine.lintWorkspace();
      engine.removeFile('sub/poc.yaml');
      await engine.settled();
      const after = ids(engine.evaluate());
      assert.ok(after.includes('.:data-requirements-missing') && !after.some((i) => i.endsWith('data-requirements-open')), after.join(' '));
    });

    it('a background re-read never overwrites newer editor text', async () => {
      const engine = new Engine(new MemoryFileSystem({ 'sub/a.py': 'x = 1\n' }), '/ws');
      await engine.lintWorkspace();
      engine.updateFile('sub/poc.yaml', 'name: s\n'); // moves sub/a.py to a new root: re-read in the background
      engine.updateFile('sub/a.py', 'P = "/home/dana/x.csv"\n');
      await engine.settled();
      assert.ok(ids(engine.evaluate()).includes('sub:local-path'));
    });

    it('a file that grows past the size limit is skipped on refresh, and removal clears its skip', async () => {
      const fs = new MemoryFileSystem({ 'a.py': 'P = "/home/dana/x.csv"\n' });
      const engine = new Engine(fs, '/ws', { maxFileSize: 1000 });
      await engine.lintWorkspace();
      (fs as unknown as { files: Map<string, string> }).files.set('/ws/a.py', 'P = "/home/dana/x.csv"\n' + '#'.repeat(2000));
      await engine.refreshFile('a.py');
      const result = engine.evaluate();
      assert.ok(!ids(result).includes('.:local-path'));
      assert.match(result.skipped.find((s) => s.path === 'a.py')?.reason ?? '', /oversized/);
      // Judged by its name and size only: not linted, and an editor's text of it is not linted either.
      assert.equal(result.filesLinted, 0);
      assert.equal(engine.isKnown('a.py'), true, 'a disk change still reaches it (it may shrink)');
      assert.equal(engine.lintsText('a.py'), false);
      (fs as unknown as { files: Map<string, string> }).files.set('/ws/a.py', 'P = "/home/dana/x.csv"\n');
      await engine.refreshFile('a.py');
      assert.ok(ids(engine.evaluate()).includes('.:local-path'), 'shrunk: read and linted again');
      assert.equal(engine.lintsText('a.py'), true);
      engine.removeFile('a.py');
      assert.deepEqual(engine.evaluate().skipped, []);
    });
  });

  it('a file the file system refuses to read is skipped with the reason, the rest is linted', async () => {
    class Refusing extends MemoryFileSystem {
      override async readFile(path: string): Promise<Uint8Array> {
        if (path.endsWith('secret.py')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return super.readFile(path);
      }
    }
    const result = await new Engine(new Refusing({ 'secret.py': 'x = 1\n', 'a.py': 'P = "/home/dana/x.csv"\n' }), '/ws').lintWorkspace();
    assert.match(result.skipped.find((s) => s.path === 'secret.py')?.reason ?? '', /unreadable: EACCES/);
    assert.ok(result.roots[0].findings.some((f) => f.file === 'a.py' && f.ruleId === 'local-path'));
  });

  describe('incremental updates (the keystroke path)', () => {
    it('updateFile re-lints unsaved text without touching the disk, and evaluate re-scores', async () => {
      const engine = new Engine(new MemoryFileSystem({ 'a.py': 'DATA = "data/x.csv"\n', 'n.ipynb': notebook(['x = 1']) }), '/ws');
      const first = await engine.lintWorkspace();
      assert.ok(!first.roots[0].findings.some((f) => f.ruleId === 'local-path'));
      engine.updateFile('a.py', 'DATA = "/home/dana/x.csv"\n');
      const second = engine.evaluate();
      const lp = second.roots[0].findings.filter((f) => f.ruleId === 'local-path');
      assert.deepEqual(lp.map((f) => [f.file, f.line, f.column]), [['a.py', 1, 9]]);
      assert.ok(second.roots[0].score.pillars['abstract-infrastructure'] < first.roots[0].score.pillars['abstract-infrastructure']);
      engine.updateFile('n.ipynb', notebook(['df = pd.read_csv("C:/Users/dana/x.csv")']));
      assert.ok(engine.evaluate().roots[0].findings.some((f) => f.file === 'n.ipynb' && f.cell === 0));
    });

    it('a new poc.yaml creates a root; reconfigure() applies settings without a rescan', async () => {
      const engine = new Engine(new MemoryFileSystem({ 'a.py': 'P = "/mnt/shared/x.csv"\nQ = "/home/dana/x.csv"\n' }), '/ws');
      await engine.lintWorkspace();
      engine.updateFile('poc.yaml', 'name: x\n');
      assert.ok(!engine.evaluate().roots[0].findings.some((f) => f.ruleId === 'manifest-missing'));
      engine.reconfigure({ localPathAllow: ['/home/dana'] });
      const lines = engine.evaluate().roots[0].findings.filter((f) => f.ruleId === 'local-path').map((f) => f.line);
      assert.deepEqual(lines, [1]);
      engine.reconfigure({ rules: { 'local-path': 'off' } });
      assert.ok(!engine.evaluate().roots[0].findings.some((f) => f.ruleId === 'local-path'));
    });
  });
});
