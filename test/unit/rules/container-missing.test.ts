import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'container-missing';
const DOCKERFILE = 'FROM python:3.11-slim\nCOPY . /app\nUSER 10001\n';

describe(RULE, () => {
  describe('fires', () => {
    it('on a PoC with code but no container definition (repository finding)', async () => {
      const f = await findingsOf(RULE, { 'src/churn/train.py': 'def train():\n    pass\n', 'requirements.txt': 'pandas==2.2.3\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, undefined);
      assert.equal(f[0].line, undefined);
      assert.match(f[0].message, /No Dockerfile, Containerfile or compose build/);
      assert.equal(f[0].data?.scaffold, 'dockerfile');
    });

    it('when the only Dockerfile is a .devcontainer one', async () => {
      const f = await findingsOf(RULE, {
        '.devcontainer/Dockerfile': DOCKERFILE,
        '.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "Dockerfile" } }\n',
        '.devcontainer/docker-compose.yml': 'services:\n  dev:\n    build: .\n',
      });
      assert.equal(f.length, 1);
    });

    it('when compose only pulls images, or a Dockerfile only appears in Markdown', async () => {
      const f = await findingsOf(RULE, {
        'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  mlflow:\n    image: ghcr.io/mlflow/mlflow:v2.16.0\n',
        'README.md': '```dockerfile\nFROM python:3.11-slim\n```\n',
      });
      assert.equal(f.length, 1);
    });

    it('for the PoC root without a container in a monorepo', async () => {
      const f = await findingsOf(RULE, {
        'pocs/churn/poc.yaml': 'name: churn\n',
        'pocs/churn/Dockerfile': DOCKERFILE,
        'pocs/fraud/poc.yaml': 'name: fraud\n',
      });
      assert.equal(f.length, 1);
    });
  });

  describe('stays quiet', () => {
    it('with a Dockerfile, a Containerfile or a suffixed Dockerfile', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE }), []);
      assert.deepEqual(await findingsOf(RULE, { Containerfile: DOCKERFILE }), []);
      assert.deepEqual(await findingsOf(RULE, { 'docker/Dockerfile.gpu': DOCKERFILE }), []);
    });

    it('with a compose service that builds', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    ports: ["8080:8080"]\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { 'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/api.Dockerfile\n' }), []);
    });
  });
});
