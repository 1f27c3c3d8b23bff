import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'ci-missing';
const CODE = { 'src/churn/train.py': 'def train():\n    pass\n', 'requirements.txt': 'pandas==2.2.3\n' };

const PROVIDERS: Record<string, string> = {
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest\n',
  '.github/workflows/ci.yaml': 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
  '.gitlab-ci.yml': 'test:\n  image: python:3.11-slim\n  script:\n    - pytest\n',
  'azure-pipelines.yml': 'trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: python -m pytest\n',
  'Jenkinsfile': "pipeline {\n  agent any\n  stages {\n    stage('Test') { steps { sh 'pytest' } }\n  }\n}\n",
  '.circleci/config.yml': 'version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/python:3.11\n    steps:\n      - checkout\n      - run: pytest\n',
  'bitbucket-pipelines.yml': 'pipelines:\n  default:\n    - step:\n        script:\n          - pytest\n',
  '.travis.yml': 'language: python\npython: ["3.11"]\nscript: pytest\n',
  '.buildkite/pipeline.yml': 'steps:\n  - label: tests\n    command: pytest\n',
  'cloudbuild.yaml': 'steps:\n  - name: python:3.11\n    entrypoint: pytest\n',
};

describe(RULE, () => {
  describe('fires', () => {
    it('on a PoC without any CI config (repository finding)', async () => {
      const f = await findingsOf(RULE, CODE);
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, undefined);
      assert.match(f[0].message, /No CI configuration/);
      assert.equal(f[0].data?.scaffold, 'ci');
    });

    it('on YAML that only looks like a workflow, a Makefile or tox.ini', async () => {
      const f = await findingsOf(RULE, {
        ...CODE,
        '.github/ci.yml': PROVIDERS['.github/workflows/ci.yml'],
        'ci/workflow.yml': PROVIDERS['.github/workflows/ci.yml'],
        Makefile: 'test:\n\tpytest\n',
        'tox.ini': '[tox]\nenvlist = py311\n[testenv]\ncommands = pytest\n',
      });
      assert.equal(f.length, 1);
    });
  });

  describe('stays quiet', () => {
    for (const [path, content] of Object.entries(PROVIDERS)) {
      it(`with ${path}`, async () => assert.deepEqual(await findingsOf(RULE, { ...CODE, [path]: content }), []));
    }

    it('with a CI file that does not parse (invalid-file reports it)', async () => {
      assert.deepEqual(await findingsOf(RULE, { ...CODE, '.gitlab-ci.yml': 'test:\n  script: [pytest\n' }), []);
    });

    it('for a PoC below a repository whose CI sits at the top (monorepo)', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'pocs/churn/poc.yaml': 'name: churn\n', 'pocs/churn/train.py': 'x = 1\n', '.gitlab-ci.yml': PROVIDERS['.gitlab-ci.yml'] }), []);
    });
  });
});
