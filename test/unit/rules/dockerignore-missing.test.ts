import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'dockerignore-missing';
const DOCKERFILE = 'FROM python:3.11-slim\nCOPY . /app\nUSER 10001\n';

describe(RULE, () => {
  describe('fires', () => {
    it('on a Dockerfile without .dockerignore, at line 1 of the Dockerfile', async () => {
      const f = await findingsOf(RULE, { Dockerfile: DOCKERFILE, 'src/churn/serve.py': 'def main():\n    pass\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].severity, 'info');
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['Dockerfile', 1, 1]);
      assert.match(f[0].message, /No \.dockerignore/);
    });

    it('once per Dockerfile, in the PoC root that lacks one (monorepo)', async () => {
      const f = await findingsOf(RULE, {
        'pocs/churn/poc.yaml': 'name: churn\n',
        'pocs/churn/Dockerfile': DOCKERFILE,
        'pocs/churn/.dockerignore': '.git\ndata/\n',
        'pocs/fraud/poc.yaml': 'name: fraud\n',
        'pocs/fraud/Dockerfile': DOCKERFILE,
        'pocs/fraud/Containerfile': DOCKERFILE,
      });
      assert.deepEqual(f.map((x) => x.file), ['pocs/fraud/Containerfile', 'pocs/fraud/Dockerfile']);
    });
  });

  describe('stays quiet', () => {
    it('with a .dockerignore beside the Dockerfile', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.dockerignore': '.git\n.venv/\ndata/\n*.pkl\n' }), []);
    });

    it('with a .dockerignore at the root of the build context (docker/Dockerfile built from .)', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'docker/Dockerfile': DOCKERFILE, '.dockerignore': '.git\n' }), []);
    });

    it('with a per-Dockerfile ignore file, which is not itself a Dockerfile', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'docker/Dockerfile.gpu': DOCKERFILE, 'docker/Dockerfile.gpu.dockerignore': '.git\n' }), []);
    });

    it('for a .devcontainer Dockerfile and without any Dockerfile', async () => {
      assert.deepEqual(await findingsOf(RULE, { '.devcontainer/Dockerfile': DOCKERFILE }), []);
      assert.deepEqual(await findingsOf(RULE, { 'src/app.py': 'x = 1\n' }), []);
    });
  });
});
