import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'ci-no-tests';

const gha = (...steps: string[]) =>
  ['name: ci', 'on: [push, pull_request]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-python@v5', '        with: { python-version: "3.11" }', ...steps, ''].join('\n');

describe(RULE, () => {
  describe('fires', () => {
    it('when the only test step is `echo "pytest"`, at the CI file', async () => {
      const f = await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: pip install -r requirements.txt pytest', '      - run: echo "pytest"') });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['.github/workflows/ci.yml', 1, 1]);
      assert.match(f[0].message, /CI never runs the tests/);
    });

    it('when CI runs a script of the PoC that only formats, or one that exists nowhere', async () => {
      const formatOnly = await findingsOf(RULE, {
        '.github/workflows/code-formatting.yml': gha('      - run: bash scripts/format.sh'),
        'scripts/format.sh': '#!/bin/bash\nruff format .\nruff check --fix .\n',
        'app.py': 'def main():\n    pass\n',
      });
      assert.equal(formatOnly.length, 1);
      const missing = await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: bash scripts/missing.sh'), 'app.py': 'x = 1\n' });
      assert.equal(missing.length, 1);
    });

    it('when CI runs a tool through `uv run` (`uv run mda deploy`), which is no task of the PoC', async () => {
      const f = await findingsOf(RULE, { '.github/workflows/deploy.yml': gha('      - run: uv sync', '      - run: uv run mda deploy . --deployment-type prod'), 'pyproject.toml': '[project]\nname = "agent"\n', 'agent.py': 'x = 1\n' });
      assert.equal(f.length, 1);
    });

    it('follows the repository\'s own reusable workflows: fires when none runs the tests, quiet when one does', async () => {
      const caller = 'name: pr\non: pull_request\njobs:\n  format:\n    uses: ./.github/workflows/format.yml\n  docs:\n    uses: ./.github/workflows/docs.yml\n';
      const format = 'on: workflow_call\njobs:\n  f:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff format --check .\n';
      const docs = 'on: workflow_call\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mkdocs build\n';
      const tree = { '.github/workflows/pr.yml': caller, '.github/workflows/format.yml': format, '.github/workflows/docs.yml': docs, 'app.py': 'x = 1\n' };
      assert.equal((await findingsOf(RULE, tree)).length, 1);
      assert.deepEqual(await findingsOf(RULE, { ...tree, '.github/workflows/docs.yml': docs.replace('mkdocs build', 'python -m pytest -q') }), []);
    });

    it('but not for a make target whose Makefile sits above the PoC in a monorepo', async () => {
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: make ci'), Makefile: 'ci:\n\tpython -m pytest pocs\n', 'pocs/churn/poc.yaml': 'name: churn\n', 'pocs/churn/train.py': 'x = 1\n' }), []);
    });

    it('but not when the script runs the tests, is outside the PoC\'s files, or is not named', async () => {
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: bash scripts/check.sh'), 'scripts/check.sh': '#!/bin/bash\nset -e\npython -m pytest -q\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: ./run_checks'), 'app.py': 'x = 1\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: ./run_checks.py'), 'run_checks.py': 'import subprocess\nsubprocess.run(["pytest"])\n' }), []);
      // A followed script that hands work on in turn.
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: bash scripts/ci.sh'), 'scripts/ci.sh': '#!/bin/bash\nset -e\n./run_tests\n', 'app.py': 'x = 1\n' }), []);
      // A monorepo PoC whose CI calls a top-level script: the script is not among the PoC's files.
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: bash tools/ci.sh'), 'tools/ci.sh': '#!/bin/bash\npython -m pytest pocs\n', 'pocs/churn/poc.yaml': 'name: churn\n', 'pocs/churn/train.py': 'x = 1\n' }), []);
    });

    it('when the test step is commented out', async () => {
      const f = await findingsOf(RULE, { '.github/workflows/ci.yml': gha('      - run: pip install -r requirements.txt', '      # - run: pytest') });
      assert.equal(f.length, 1);
    });

    it('on a GitLab job that installs pytest and echoes', async () => {
      const f = await findingsOf(RULE, { '.gitlab-ci.yml': 'test:\n  image: python:3.11-slim\n  script:\n    - pip install -r requirements.txt pytest\n    - echo "pytest runs locally"\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['.gitlab-ci.yml', 1, 1]]);
    });

    it('on the workflow that runs on push or pull request, not on a docs workflow that sorts first', async () => {
      const docs = 'name: docs\non:\n  release:\n    types: [published]\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mkdocs build\n';
      const f = await findingsOf(RULE, { '.github/workflows/docs.yml': docs, '.github/workflows/main.yml': gha('      - run: pip install -r requirements.txt') });
      assert.deepEqual(f.map((x) => x.file), ['.github/workflows/main.yml']);
    });
  });

  describe('stays quiet', () => {
    it('when the tests run through a script CI calls', async () => {
      const f = await findingsOf(RULE, { 'scripts/ci.sh': '#!/bin/sh\nset -e\npython -m pytest -q\n', '.github/workflows/ci.yml': gha('      - run: sh scripts/ci.sh') });
      assert.deepEqual(f, []);
    });

    for (const cmd of ['python -m pytest', 'poetry run pytest', 'tox', 'make test', 'uv run pytest -q', 'python -m unittest discover -s tests']) {
      it(`on \`${cmd}\``, async () => assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha(`      - run: ${cmd}`) }), []));
    }

    it('on a Jenkinsfile sh step and an Azure script', async () => {
      assert.deepEqual(await findingsOf(RULE, { Jenkinsfile: "pipeline {\n  agent any\n  stages {\n    stage('Test') { steps { sh 'python -m pytest -q' } }\n  }\n}\n" }), []);
      assert.deepEqual(await findingsOf(RULE, { 'azure-pipelines.yml': 'steps:\n  - script: |\n      pip install -r requirements.txt\n      pytest --junitxml=report.xml\n' }), []);
    });

    it('when one of several workflows runs the tests', async () => {
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/release.yml': gha('      - run: echo release'), '.github/workflows/test.yml': gha('      - run: pytest') }), []);
    });

    it('without CI (ci-missing speaks) and with an unparsable CI file (invalid-file speaks)', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/app.py': 'x = 1\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { '.gitlab-ci.yml': 'test:\n  script: [echo\n' }), []);
    });
  });
});
