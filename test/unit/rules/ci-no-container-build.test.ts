import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'ci-no-container-build';
const DOCKERFILE = 'FROM python:3.11-slim\nCOPY . /app\nUSER 10001\nCMD ["python", "-m", "churn.serve"]\n';

const gha = (...steps: string[]) =>
  ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: pytest', ...steps, ''].join('\n');

describe(RULE, () => {
  describe('fires', () => {
    it('on `echo docker build`, at the CI file', async () => {
      const f = await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      - run: echo docker build -t churn .') });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['.github/workflows/ci.yml', 1, 1]);
      assert.match(f[0].message, /never builds the container image/);
    });

    it('when CI runs a script that builds nothing; not when the script (or a make target) builds the image', async () => {
      const f = await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      - run: bash scripts/format.sh'), 'scripts/format.sh': '#!/bin/bash\nruff format .\n' });
      assert.equal(f.length, 1);
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      - run: bash scripts/image.sh'), 'scripts/image.sh': '#!/bin/bash\ndocker build -t churn .\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      - run: make image'), Makefile: 'image:\n\tdocker build -t churn .\n' }), []);
    });

    it('on a commented-out build, docker pull and docker run', async () => {
      const f = await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      # - run: docker build -t churn .', '      - run: docker pull python:3.11', '      - run: docker run --rm python:3.11 python -V') });
      assert.equal(f.length, 1);
    });

    it('on an Azure Docker@2 task that only pushes, and a Cloud Build docker push', async () => {
      assert.equal((await findingsOf(RULE, { Dockerfile: DOCKERFILE, 'azure-pipelines.yml': 'steps:\n  - script: pytest\n  - task: Docker@2\n    inputs:\n      command: push\n      repository: churn\n' })).length, 1);
      assert.equal((await findingsOf(RULE, { Dockerfile: DOCKERFILE, 'cloudbuild.yaml': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["push", "gcr.io/$PROJECT_ID/churn"]\n' })).length, 1);
    });
  });

  describe('stays quiet', () => {
    it('on docker build', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      - run: docker build -t churn:${{ github.sha }} .') }), []);
    });

    it('on docker/build-push-action', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.github/workflows/ci.yml': gha('      - uses: docker/build-push-action@v6', '        with:', '          context: .', '          push: false') }), []);
    });

    it('on Azure Docker@2 build and buildAndPush', async () => {
      for (const command of ['build', 'buildAndPush']) {
        const azure = `trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: python -m pytest\n  - task: Docker@2\n    inputs:\n      command: ${command}\n      Dockerfile: Dockerfile\n      repository: churn\n`;
        assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, 'azure-pipelines.yml': azure }), [], command);
      }
    });

    it('on a Cloud Build docker builder with args [build …]', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, 'cloudbuild.yaml': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["build", "-t", "gcr.io/$PROJECT_ID/churn", "."]\nimages: ["gcr.io/$PROJECT_ID/churn"]\n' }), []);
    });

    it('on a Jenkinsfile docker.build(', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, Jenkinsfile: "pipeline {\n  agent any\n  stages {\n    stage('Image') { steps { script { docker.build(\"churn:${env.BUILD_ID}\") } } }\n  }\n}\n" }), []);
    });

    it('on GitLab kaniko and podman builds', async () => {
      assert.deepEqual(await findingsOf(RULE, { Containerfile: DOCKERFILE, '.gitlab-ci.yml': 'image:\n  script:\n    - podman build -t churn .\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE, '.gitlab-ci.yml': 'build:\n  image:\n    name: gcr.io/kaniko-project/executor:debug\n    entrypoint: [""]\n  script:\n    - /kaniko/executor --context . --no-push\n' }), []);
    });

    it('without a Dockerfile or without CI', async () => {
      assert.deepEqual(await findingsOf(RULE, { '.github/workflows/ci.yml': gha() }), []);
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: DOCKERFILE }), []);
      assert.deepEqual(await findingsOf(RULE, { '.devcontainer/Dockerfile': DOCKERFILE, '.github/workflows/ci.yml': gha() }), []);
    });
  });
});
