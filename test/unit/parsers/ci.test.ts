import * as assert from 'node:assert/strict';
import { analyzeCi, ciProvider, classifyCommand, splitCommands } from '../../../src/core/parsers/ci';

describe('parsers/ci', () => {
  describe('ciProvider', () => {
    const cases: Array<[string, string | undefined]> = [
      ['.github/workflows/ci.yml', 'github'],
      ['.github/workflows/train.yaml', 'github'],
      ['.gitlab-ci.yml', 'gitlab'],
      ['azure-pipelines.yml', 'azure'],
      ['azure-pipelines.yaml', 'azure'],
      ['Jenkinsfile', 'jenkins'],
      ['.circleci/config.yml', 'circleci'],
      ['bitbucket-pipelines.yml', 'bitbucket'],
      ['.travis.yml', 'travis'],
      ['.buildkite/pipeline.yml', 'buildkite'],
      ['cloudbuild.yaml', 'cloudbuild'],
      ['cloudbuild.yml', 'cloudbuild'],
      ['.github/ci.yml', undefined],
      ['ci/workflow.yml', undefined],
      ['.github/workflows/README.md', undefined],
      ['tox.ini', undefined],
    ];
    for (const [path, provider] of cases) it(`${path} → ${provider ?? 'none'}`, () => assert.equal(ciProvider(path), provider));
  });

  describe('splitCommands / classifyCommand', () => {
    it('splits lines, &&, || and ; and drops comments and line continuations', () => {
      assert.deepEqual(splitCommands('pip install -r requirements.txt && pytest -q\n# pytest\npython \\\n  -m pytest; echo done'), [
        'pip install -r requirements.txt',
        'pytest -q',
        'python    -m pytest',
        'echo done',
      ]);
    });

    it('classifies test runners through wrappers', () => {
      for (const cmd of ['pytest -q', 'python -m pytest', 'python3.11 -m pytest tests/', 'poetry run pytest', 'uv run pytest', 'python -m unittest discover', 'tox -e py311', 'nox -s tests', 'make test', 'coverage run -m pytest', 'PYTHONPATH=src pytest', 'conda run -n churn pytest']) {
        assert.equal(classifyCommand(cmd), 'test', cmd);
      }
    });

    it('does not count echo, install or unrelated commands as tests', () => {
      assert.equal(classifyCommand('echo "pytest"'), 'echo');
      assert.equal(classifyCommand('pip install pytest'), 'other');
      assert.equal(classifyCommand('make lint'), 'other');
    });

    it('classifies image builds and the readiness gate', () => {
      for (const cmd of ['docker build -t churn .', 'docker buildx build --load .', 'podman build .', 'docker compose build', '/kaniko/executor --context .', 'gcloud builds submit --tag gcr.io/p/churn']) {
        assert.equal(classifyCommand(cmd), 'build', cmd);
      }
      assert.equal(classifyCommand('docker pull python:3.11'), 'other');
      assert.equal(classifyCommand('docker run --rm churn'), 'other');
      assert.equal(classifyCommand('echo docker build .'), 'echo');
      assert.equal(classifyCommand('npx poc-readiness lint --min-score 70'), 'gate');
    });
  });

  describe('analyzeCi', () => {
    it('ignores files that are not CI configs', () => {
      assert.equal(analyzeCi('config/pipeline.yml', 'steps:\n  - run: pytest\n'), undefined);
    });

    it('GitHub Actions: multi-line run, build-push-action, schedule and training', () => {
      const facts = analyzeCi('.github/workflows/ci.yml', [
        'on:',
        '  push:',
        '  schedule:',
        '    - cron: "0 3 * * 1"',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: |',
        '          pip install -r requirements.txt',
        '          python -m pytest -q',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          push: false',
        '      - run: python train.py',
        '',
      ].join('\n'));
      const { provider, runsTests, buildsImage, scheduled, trains, gates, delegates, onChange } = facts!;
      assert.deepEqual({ provider, runsTests, buildsImage, scheduled, trains, gates, delegates, onChange }, { provider: 'github', runsTests: true, buildsImage: true, scheduled: true, trains: true, gates: false, delegates: false, onChange: true });
    });

    it('GitHub Actions: echo and commented-out steps do not count', () => {
      const facts = analyzeCi('.github/workflows/ci.yml', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install pytest\n      - run: echo "pytest"\n      # - run: pytest\n      - run: echo docker build -t churn .\n');
      assert.equal(facts?.runsTests, false);
      assert.equal(facts?.buildsImage, false);
    });

    it('GitLab CI: tox and kaniko', () => {
      const facts = analyzeCi('.gitlab-ci.yml', 'test:\n  image: python:3.11\n  script:\n    - pip install tox\n    - tox -e py311\nimage:\n  image:\n    name: gcr.io/kaniko-project/executor:debug\n    entrypoint: [""]\n  script:\n    - /kaniko/executor --context . --dockerfile Dockerfile --no-push\n');
      assert.equal(facts?.provider, 'gitlab');
      assert.equal(facts?.runsTests, true);
      assert.equal(facts?.buildsImage, true);
    });

    it('Azure Pipelines: Docker@2 builds with build / buildAndPush / default, not with push or login', () => {
      const build = (command?: string) => analyzeCi('azure-pipelines.yml', `trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: python -m pytest\n  - task: Docker@2\n    inputs:\n${command ? `      command: ${command}\n` : ''}      repository: churn\n`);
      assert.equal(build('build')?.buildsImage, true);
      assert.equal(build('buildAndPush')?.buildsImage, true);
      assert.equal(build()?.buildsImage, true);
      assert.equal(build('push')?.buildsImage, false);
      assert.equal(build('login')?.buildsImage, false);
      assert.equal(build('build')?.runsTests, true);
    });

    it('Cloud Build: the docker builder with args [build …] builds; push does not; bash -c scripts run', () => {
      const facts = analyzeCi('cloudbuild.yaml', 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["build", "-t", "gcr.io/$PROJECT_ID/churn", "."]\n  - name: python:3.11\n    entrypoint: bash\n    args: ["-c", "pip install -r requirements.txt && pytest -q"]\n');
      assert.equal(facts?.buildsImage, true);
      assert.equal(facts?.runsTests, true);
      const push = analyzeCi('cloudbuild.yaml', 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["push", "gcr.io/$PROJECT_ID/churn"]\n');
      assert.equal(push?.buildsImage, false);
      assert.equal(push?.runsTests, false);
    });

    it('Jenkinsfile: sh steps and docker.build(), ignoring // comments and echo', () => {
      const facts = analyzeCi('Jenkinsfile', "pipeline {\n  agent any\n  triggers { cron('H 3 * * 1') }\n  stages {\n    stage('Test') { steps { sh 'python -m pytest -q' } }\n    stage('Image') { steps { script { docker.build(\"churn:${env.BUILD_ID}\") } } }\n  }\n}\n");
      assert.deepEqual([facts?.provider, facts?.runsTests, facts?.buildsImage, facts?.scheduled], ['jenkins', true, true, true]);
      const quiet = analyzeCi('Jenkinsfile', "pipeline {\n  stages {\n    stage('Test') { steps { sh 'echo pytest' } }\n    // stage('Image') { steps { sh 'docker build .' } }\n  }\n}\n");
      assert.deepEqual([quiet?.runsTests, quiet?.buildsImage], [false, false]);
    });

    it('CircleCI: run maps with command', () => {
      const facts = analyzeCi('.circleci/config.yml', 'version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/python:3.11\n    steps:\n      - checkout\n      - run:\n          name: Tests\n          command: poetry run pytest\n      - setup_remote_docker\n      - run: docker build -t churn .\n');
      assert.deepEqual([facts?.runsTests, facts?.buildsImage], [true, true]);
    });

    it('Bitbucket, Travis and Buildkite scripts', () => {
      assert.equal(analyzeCi('bitbucket-pipelines.yml', 'pipelines:\n  default:\n    - step:\n        script:\n          - pytest\n')?.runsTests, true);
      assert.equal(analyzeCi('.travis.yml', 'language: python\nscript: pytest\n')?.runsTests, true);
      assert.equal(analyzeCi('.buildkite/pipeline.yml', 'steps:\n  - command: "make test"\n')?.runsTests, true);
    });

    it('the readiness gate', () => {
      assert.equal(analyzeCi('.gitlab-ci.yml', 'readiness:\n  script:\n    - npx poc-readiness lint --min-score 70\n')?.gates, true);
    });

    it('broken YAML gives an error with a position instead of throwing', () => {
      const facts = analyzeCi('.github/workflows/ci.yml', 'jobs:\n  t:\n    steps:\n      - run: pytest\n     bad: [\n');
      assert.ok(facts?.error);
      assert.match(facts!.error!.message, /ci\.yml is not valid YAML/);
      assert.equal(facts!.error!.line, 5);
      assert.equal(facts!.runsTests, false);
    });
  });
});
