import * as assert from 'node:assert/strict';
import { findingsOf, lintTree, notebook } from '../../helpers/memoryFs';

const RULE = 'invalid-file';

describe(RULE, () => {
  describe('fires', () => {
    it('on a notebook that is not JSON, at the parser position, without throwing', async () => {
      const f = await findingsOf(RULE, { 'notebooks/eda.ipynb': '{\n "cells": [\n  {"cell_type": "code",\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].severity, 'error');
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['notebooks/eda.ipynb', 4, 1, 2]);
      assert.match(f[0].message, /^notebook is not valid JSON/);
    });

    it('on JSON that is not a notebook', async () => {
      const f = await findingsOf(RULE, { 'a.ipynb': '{"metadata": {}}', 'b.ipynb': '[1, 2]' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.message]), [
        ['a.ipynb', 1, 1, 'notebook has no "cells" array'],
        ['b.ipynb', 1, 1, 'notebook has no "cells" array'],
      ]);
    });

    it('on broken CI YAML, at the error line', async () => {
      const f = await findingsOf(RULE, { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    steps:\n      - run: pytest\n     bad: [\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].file, '.github/workflows/ci.yml');
      assert.equal(f[0].line, 6);
      assert.match(f[0].message, /ci\.yml is not valid YAML: .*CI checks cannot read it/);
    });

    it('on a pyproject.toml that is not TOML', async () => {
      const f = await findingsOf(RULE, { 'pyproject.toml': '[project\nname = "churn"\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['pyproject.toml', 1, 1]]);
      assert.match(f[0].message, /^Dependency file cannot be parsed/);
    });
  });

  describe('stays quiet', () => {
    it('on a project template\'s files, which hold Jinja tags until rendered; not on a broken file beside them', async () => {
      const f = await findingsOf(RULE, {
        'cookiecutter.json': '{"project_name": "x"}\n',
        '{{cookiecutter.__directory_name}}/pyproject.toml': '{%- if cookiecutter.dependency_manager == "poetry" %}\n[tool.poetry]\nname = "{{ cookiecutter.project_slug }}"\n{%- endif %}\n',
        '{{cookiecutter.__directory_name}}/.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    {% if cookiecutter.ci %}runs-on: ubuntu-latest{% endif %}\n',
        '{{cookiecutter.__directory_name}}/requirements.txt': 'pandas==2.2.3\n',
        'tools/pyproject.toml': '[project\nname = 1\n',
      });
      assert.deepEqual(f.map((x) => x.file), ['tools/pyproject.toml']);
    });

    it("on an application's own YAML that does not parse, and on valid files", async () => {
      assert.deepEqual(await findingsOf(RULE, { 'config/app.yaml': 'features: [tenure\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { 'eda.ipynb': notebook(['x = 1']), '.gitlab-ci.yml': 'test:\n  script: [pytest]\n' }), []);
    });

    it('a binary .py file is skipped with a reason, never a crash', async () => {
      const result = await lintTree({ 'src/model.py': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), 'notebooks/x.ipynb': new Uint8Array([0, 1, 2]) });
      assert.deepEqual(result.skipped.map((s) => s.path).sort(), ['notebooks/x.ipynb', 'src/model.py']);
      assert.match(result.skipped[0].reason, /binary/);
      assert.deepEqual(result.roots.flatMap((r) => r.findings.filter((x) => x.ruleId === RULE)), []);
    });

    it('a non-UTF-8 (Latin-1) file is still linted, never a crash', async () => {
      const bytes = new Uint8Array([...Buffer.from('label = "caf'), 0xe9, ...Buffer.from('"\nurl = "http://localhost:5000"\n')]);
      const result = await lintTree({ 'src/churn/app.py': bytes });
      const findings = result.roots.flatMap((r) => r.findings);
      assert.deepEqual(findings.filter((x) => x.ruleId === RULE), []);
      assert.deepEqual(findings.filter((x) => x.ruleId === 'localhost-endpoint').map((x) => [x.file, x.line]), [['src/churn/app.py', 2]]);
    });
  });
});
