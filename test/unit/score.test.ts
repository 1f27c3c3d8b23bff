import * as assert from 'node:assert/strict';
import { RULES } from '../../src/core/rules';
import { levelOf } from '../../src/core/level';
import type { LintResult, RootResult } from '../../src/core/types';
import { lintTree, notebook } from '../helpers/memoryFs';

const root = (r: LintResult): RootResult => r.roots[0];
const outcome = (r: RootResult, id: string) => r.rules.find((o) => o.id === id)!;

const PIPELINE_CI = 'on: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n      - run: ruff check src\n      - run: python -m pytest -q\n      - run: docker build -t churn .\n';

/** Notebook-only pilot: local paths, sampled CSV, !pip install, no manifest. */
const LAPTOP_PILOT = {
  'notebooks/churn.ipynb': notebook([
    '!pip install xgboost',
    'import pandas as pd\ndf = pd.read_csv("/home/dana/data/customers.csv", nrows=1000)',
    { code: 'import xgboost as xgb\nmodel = xgb.XGBClassifier().fit(df.drop(columns=["churned"]), df["churned"])', count: 3 },
  ]),
  'requirements.txt': 'pandas\nxgboost\n',
};

/** An engineering-complete MLOps repository: package, entry point, tests, pins, container, CI, pipeline, validation, managed data. */
const MLOPS_REPO = {
  'src/churn/__init__.py': '',
  'src/churn/features.py': 'import os\nimport pandas as pd\nimport pandera as pa\n\nSCHEMA = pa.DataFrameSchema({"customer_id": pa.Column(int)})\nWAREHOUSE_URL = os.environ["WAREHOUSE_URL"]\n\ndef load(engine):\n    return SCHEMA.validate(pd.read_sql("SELECT * FROM crm.customers", engine))\n',
  'src/churn/train.py': 'import argparse\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.parse_args()\n\nif __name__ == "__main__":\n    main()\n',
  'tests/test_features.py': 'from churn.features import load\n\ndef test_load():\n    assert load is not None\n',
  'requirements.txt': 'pandas==2.2.2\npandera==0.20.4\nSQLAlchemy==2.0.31\n',
  'pyproject.toml': '[tool.ruff]\nline-length = 100\n',
  Dockerfile: 'FROM python:3.11-slim\nCOPY . /app\nUSER 10001\n',
  '.dockerignore': 'data/\n',
  'dvc.yaml': 'stages:\n  train:\n    cmd: python -m churn.train\n',
  '.github/workflows/ci.yml': PIPELINE_CI,
};

const CHARTER = {
  'poc.yaml': [
    'name: churn',
    'problem: Cut voluntary churn with targeted retention offers.',
    'risk_tier: 2',
    'business_owner: { name: Dana Lee, unit: Consumer Marketing }',
    'sponsor: { name: Sam Ortiz, role: VP Customer }',
    'success_criteria:',
    '  - { kpi: churn rate, baseline: 0.082, target: 0.07 }',
    'failure_criteria:',
    '  - { metric: recall, threshold: "< 0.60", decide_by: 2027-02-15 }',
    'data_requirements: data-requirements.yaml',
    '',
  ].join('\n'),
  'data-requirements.yaml': 'items:\n  - { id: sources, requirement: CRM from the warehouse, status: done, evidence: crm.* }\n',
};

const TODAY = new Date('2026-12-01T12:00:00Z');

describe('score', () => {
  it('default weights per pillar are the documented ones (19 / 29 / 25 / 13 / 7)', () => {
    const w: Record<string, number> = {};
    for (const r of RULES) w[r.pillar] = (w[r.pillar] ?? 0) + r.weight;
    assert.deepEqual(w, { 'production-data': 19, 'code-quality': 29, 'abstract-infrastructure': 25, 'business-involvement': 13, 'failure-criteria': 7 });
  });

  describe('calibration bands (docs/score.md)', () => {
    it('a notebook-only pilot with local paths and no manifest lands at 0–25', async () => {
      const r = root(await lintTree(LAPTOP_PILOT, { today: TODAY }));
      assert.ok(r.score.total >= 0 && r.score.total <= 25, `total ${r.score.total}`);
      assert.equal(r.score.level, 'manual');
    });

    it('an engineering-complete MLOps repository without a manifest lands at 45–65', async () => {
      const r = root(await lintTree(MLOPS_REPO, { today: TODAY }));
      assert.ok(r.score.total >= 45 && r.score.total <= 65, `total ${r.score.total}`);
      assert.equal(r.score.total, 51, 'the figure docs/score.md quotes');
      assert.equal(r.score.pillars['business-involvement'], 0);
      assert.equal(r.score.pillars['failure-criteria'], 0);
      assert.equal(r.score.level, 'pipelined');
    });

    it('the same with a complete poc.yaml and a met checklist lands at 90+', async () => {
      const r = root(await lintTree({ ...MLOPS_REPO, ...CHARTER }, { today: TODAY }));
      assert.ok(r.score.total >= 90, `total ${r.score.total}`);
      // What is left are the Continuous-rung hints (monitoring, a registry), at info severity.
      assert.deepEqual(r.findings.map((f) => `${f.ruleId}:${f.severity}`), ['model-registry-missing:info', 'monitoring-missing:info']);
    });
  });

  describe('pass, fail, not applicable', () => {
    it('rules whose subject does not exist are n/a with a reason and leave both sums', async () => {
      const r = root(await lintTree(LAPTOP_PILOT, { today: TODAY }));
      for (const [id, reason] of [
        ['dockerfile-root-user', /no Dockerfile/],
        ['dockerfile-unpinned-base', /no Dockerfile/],
        ['dockerignore-missing', /no Dockerfile/],
        ['ci-no-tests', /no CI/],
        ['ci-no-container-build', /no Dockerfile/],
        ['data-requirements-open', /checklist/],
        ['owner-missing', /no poc\.yaml/],
        ['success-criteria-missing', /no poc\.yaml/],
        ['decision-overdue', /no poc\.yaml/],
        ['model-card-missing', /no poc\.yaml/],
      ] as const) {
        const o = outcome(r, id);
        assert.equal(o.status, 'n/a', id);
        assert.match(o.reason, reason, id);
        assert.equal(o.weight, 0, id);
      }
      // Without a poc.yaml, manifest-missing is the one business finding; the kill criteria still fail.
      assert.deepEqual(r.findings.filter((f) => f.pillar === 'business-involvement').map((f) => f.ruleId), ['manifest-missing']);
      assert.equal(outcome(r, 'failure-criteria-missing').status, 'fail');
      assert.equal(r.score.pillars['business-involvement'], 0);
      assert.equal(r.score.pillars['failure-criteria'], 0);
    });

    it('positive evidence passes with what it saw, and fails without it', async () => {
      const r = root(await lintTree(MLOPS_REPO, { today: TODAY }));
      assert.equal(outcome(r, 'data-validation-missing').status, 'pass');
      assert.match(outcome(r, 'data-validation-missing').reason, /src\/churn\/features\.py:3/);
      assert.equal(outcome(r, 'data-versioning-missing').status, 'pass');
      assert.equal(outcome(r, 'linter-missing').status, 'pass');
      const pilot = root(await lintTree(LAPTOP_PILOT, { today: TODAY }));
      for (const id of ['data-validation-missing', 'data-versioning-missing', 'linter-missing']) assert.equal(outcome(pilot, id).status, 'fail', id);
    });

    it('a valid checklist without a poc.yaml is no business evidence; a broken one still reports', async () => {
      const valid = root(await lintTree({ ...LAPTOP_PILOT, 'data-requirements.yaml': 'items:\n  - { id: sources, requirement: CRM, status: done, evidence: crm.* }\n' }, { today: TODAY }));
      assert.equal(outcome(valid, 'manifest-invalid').status, 'n/a');
      assert.equal(valid.score.pillars['business-involvement'], 0);
      const broken = root(await lintTree({ ...LAPTOP_PILOT, 'data-requirements.yaml': 'items:\n  - { id: sources, status: maybe }\n' }, { today: TODAY }));
      assert.equal(outcome(broken, 'manifest-invalid').status, 'fail');
      assert.ok(broken.findings.some((f) => f.ruleId === 'manifest-invalid' && f.file === 'data-requirements.yaml'));
    });

    it('a switched-off rule is n/a and says so', async () => {
      const r = root(await lintTree({ ...LAPTOP_PILOT, 'poc.yaml': 'name: churn\nlint:\n  rules: { sample-data: off }\n' }, { today: TODAY }));
      assert.deepEqual({ status: outcome(r, 'sample-data').status, reason: outcome(r, 'sample-data').reason }, { status: 'n/a', reason: 'switched off in the configuration' });
    });

    it('unpinned-dependency loses the share of lines that float (2 of 20 lose a tenth of its weight)', async () => {
      const pinned = Array.from({ length: 18 }, (_, i) => `pkg${i}==1.0`).join('\n');
      const r = root(await lintTree({ ...MLOPS_REPO, 'requirements.txt': `${pinned}\nshap>=0.45\nmlflow\n` }, { today: TODAY }));
      const o = outcome(r, 'unpinned-dependency');
      assert.equal(o.status, 'fail');
      assert.equal(o.lost, 0.2);
    });

    it('info findings lose half the weight', async () => {
      const r = root(await lintTree({ ...MLOPS_REPO, ...CHARTER, 'data-requirements.yaml': 'items:\n  - { id: sources, requirement: CRM, status: open }\n' }, { today: TODAY }));
      const o = outcome(r, 'data-requirements-open');
      assert.deepEqual([o.status, o.lost], ['fail', 1]);
    });
  });

  describe('explaining the number', () => {
    it('names the three changes that raise the score most, with the points each gains', async () => {
      const r = root(await lintTree(LAPTOP_PILOT, { today: TODAY }));
      const ids = r.score.improvements.map((i) => i.ruleId);
      assert.equal(ids.length, 3);
      // Each of the business and failure pillars is a fifth of the total and has one failing rule.
      assert.deepEqual(ids.slice(0, 2).sort(), ['failure-criteria-missing', 'manifest-missing']);
      assert.equal(r.score.improvements[0].points, 20);
      assert.ok(r.score.improvements[2].points > 0 && r.score.improvements[2].points <= r.score.improvements[1].points);
    });

    it('a file rule with nothing to read says which files are missing', async () => {
      const r = root(await lintTree({ 'train.py': 'import os\n' }));
      assert.equal(outcome(r, 'requirement-invalid').reason, 'no requirements files in this PoC');
      assert.equal(outcome(r, 'notebook-only').reason, 'no notebooks in this PoC');
    });

    it('the weakest pillar is the lowest applicable one', async () => {
      const r = root(await lintTree(MLOPS_REPO, { today: TODAY }));
      assert.equal(r.score.weakest, 'business-involvement');
    });
  });
});

describe('maturity level', () => {
  const present = (r: RootResult) => r.score.evidence.filter((e) => e.present).map((e) => e.item);

  it('notebooks with declared dependencies are Manual: nothing reproduces the work without a person', async () => {
    const r = root(await lintTree({ ...LAPTOP_PILOT, 'utils/__init__.py': '', 'utils/prep.py': 'def clean(df):\n    return df\n' }));
    assert.equal(r.score.level, 'manual');
    assert.deepEqual(r.score.next, { level: 'scripted', missing: ['importable modules or runnable scripts'] });
  });

  it('a runnable script and declared dependencies are Scripted, without pins or tests', async () => {
    const r = root(await lintTree({ 'train.py': 'import sys\n\nif __name__ == "__main__":\n    print(sys.argv)\n', 'requirements.txt': 'pandas\nxgboost>=1.7\n' }));
    assert.equal(r.score.level, 'scripted');
    const code = r.score.evidence.find((e) => e.item === 'code')!;
    assert.deepEqual([code.file, code.line], ['train.py', 3]);
  });

  it('a package with console scripts is Scripted; a package without an entry point beside notebooks is not', async () => {
    const scripted = root(await lintTree({ 'pyproject.toml': '[project]\nname = "churn"\ndependencies = ["pandas==2.2.2"]\n\n[project.scripts]\nchurn = "churn.cli:main"\n' }));
    assert.equal(scripted.score.level, 'scripted');
    assert.equal(scripted.score.evidence.find((e) => e.item === 'code')!.line, 5);
    const library = { 'src/churn/__init__.py': '', 'src/churn/features.py': 'def tenure(df):\n    return df\n', 'requirements.txt': 'pandas==2.2.2\n' };
    assert.equal(root(await lintTree(library)).score.level, 'scripted', 'a package alone reproduces the work');
    const besideNotebooks = root(await lintTree({ ...library, 'notebooks/train.ipynb': notebook(['from churn.features import tenure']) }));
    assert.equal(besideNotebooks.score.level, 'manual', 'the notebooks still run it by hand');
  });

  it('CI words are not training: tests, installs and folders named train; a github-script body is not a command', async () => {
    const base = { 'train.py': 'if __name__ == "__main__":\n    pass\n', 'requirements.txt': 'pandas==2.2.2\n' };
    const nightly = (...runs: string[]) => `on:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  n:\n    runs-on: ubuntu-latest\n    steps:\n${runs.map((r) => `      - run: ${r}\n`).join('')}`;
    const r = root(await lintTree({ ...base, '.github/workflows/nightly.yml': nightly('pip install -r requirements-train.txt', 'mkdir -p data/train', 'pytest tests/test_train.py', 'aws s3 cp s3://acme/train/ data/ --recursive') }));
    const item = (x: RootResult, id: string) => x.score.evidence.find((e) => e.item === id)!;
    assert.equal(item(r, 'retraining').present, false);
    assert.equal(item(r, 'automated-pipeline').present, false);
    const script = 'on:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            github.rest.issues.create({ title: "Drift", body: "Consider retraining the model" })\n';
    assert.equal(item(root(await lintTree({ ...base, '.github/workflows/drift.yml': script })), 'retraining').present, false);
    const trains = root(await lintTree({ ...base, '.github/workflows/nightly.yml': nightly('python -m churn.retrain --since 7d') }));
    assert.equal(item(trains, 'retraining').present, true);
  });

  it('the level and ci-no-tests agree: a workflow named Tests that only prints the Python version runs no tests', async () => {
    const tree = { 'train.py': 'if __name__ == "__main__":\n    pass\n', 'requirements.txt': 'pandas==2.2.2\n', '.github/workflows/tests.yml': 'name: Tests\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python --version\n' };
    const r = root(await lintTree(tree));
    assert.equal(r.score.evidence.find((e) => e.item === 'ci-tests')!.present, false);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'ci-no-tests').map((f) => f.file), ['.github/workflows/tests.yml']);
  });

  it('Pipelined needs CI that runs the tests and an automated pipeline', async () => {
    const r = root(await lintTree(MLOPS_REPO));
    assert.equal(r.score.level, 'pipelined');
    assert.deepEqual(present(r), ['code', 'dependencies', 'ci-tests', 'automated-pipeline']);
    const noPipeline = root(await lintTree({ ...MLOPS_REPO, 'dvc.yaml': '', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pytest\n' }));
    assert.equal(noPipeline.score.level, 'scripted');
    assert.deepEqual(noPipeline.score.next?.missing, ['an automated pipeline (orchestrator, ML pipeline, or CI/CD that trains, builds or deploys)']);
    // zenml-projects: a reusable workflow that runs a README check is more CI, not pipeline steps
    // (as the same step in the calling workflow is not); one that runs a Makefile's pipeline is.
    const readmeCheck = {
      ...MLOPS_REPO,
      'dvc.yaml': '',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pytest\n',
      '.github/workflows/pr.yml': 'on: pull_request\njobs:\n  readme:\n    uses: ./.github/workflows/readme.yml\n',
      '.github/workflows/readme.yml': 'on: workflow_call\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python3 scripts/check_readme_projects.py\n',
      'scripts/check_readme_projects.py': 'if __name__ == "__main__":\n    pass\n',
    };
    assert.equal(root(await lintTree(readmeCheck)).score.level, 'scripted');
    const viaMake = { ...readmeCheck, Makefile: 'pipeline:\n\tpython -m churn.features\n\tpython -m churn.evaluate\n', '.github/workflows/readme.yml': 'on: workflow_call\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make pipeline\n' };
    assert.equal(root(await lintTree(viaMake)).score.level, 'pipelined');
  });

  it('tests that CI runs through a Makefile target, a script or a compose service count', async () => {
    const base = { 'train.py': 'if __name__ == "__main__":\n    pass\n', 'requirements.txt': 'pandas==2.2.2\n', 'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n' };
    const wf = (cmd: string) => `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${cmd}\n`;
    const viaMake = root(await lintTree({ ...base, Makefile: 'check: unit\n\nunit:\n\tpython -m pytest tests\n', '.github/workflows/ci.yml': wf('make check') }));
    assert.equal(viaMake.score.evidence.find((e) => e.item === 'ci-tests')!.present, true);
    // The evidence names the target that runs the tests, not every target the workflow runs.
    const twoTargets = root(await lintTree({ ...base, Makefile: 'requirements:\n\tpython -m pip install -r requirements.txt\n\nverify:\n\tpytest -q\n', '.github/workflows/ci.yml': `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make requirements\n      - run: make verify\n` }));
    assert.equal(twoTargets.score.evidence.find((e) => e.item === 'ci-tests')!.detail, 'github runs the tests through `verify` in Makefile');
    const direct = root(await lintTree({ ...base, Makefile: 'requirements:\n\tpython -m pip install -r requirements.txt\n', '.github/workflows/ci.yml': `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make requirements\n      - run: make test\n` }));
    assert.equal(direct.score.evidence.find((e) => e.item === 'ci-tests')!.detail, 'github runs the tests');
    const viaScript = root(await lintTree({ ...base, 'deploy/jobs/workloads.sh': '#!/bin/bash\nset -e\npytest tests/code\npython train.py\n', '.github/workflows/ci.yml': wf('bash deploy/jobs/workloads.sh') }));
    assert.equal(viaScript.score.evidence.find((e) => e.item === 'ci-tests')!.present, true);
    const viaCompose = root(await lintTree({ ...base, 'docker-compose.test.yaml': 'services:\n  api:\n    build: .\n    entrypoint: ["pytest"]\n', '.github/workflows/ci.yml': wf('docker-compose -f docker-compose.test.yaml up --exit-code-from api') }));
    assert.deepEqual(present(viaCompose).slice(2, 4), ['ci-tests', 'automated-pipeline']);
    const ciTests = async (tree: Record<string, string>) => root(await lintTree({ ...base, ...tree })).score.evidence.find((e) => e.item === 'ci-tests')!;
    assert.equal((await ciTests({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.poe.tasks]\ncheck = ["ruff check .", "pytest -q"]\n', '.github/workflows/ci.yml': wf('poetry run poe check') })).present, true, 'poe');
    assert.equal((await ciTests({ 'pyproject.toml': '[tool.pdm.scripts]\nunit = { cmd = "pytest tests" }\n', '.github/workflows/ci.yml': wf('pdm run unit') })).present, true, 'pdm');
    assert.equal((await ciTests({ 'mise.toml': '[tasks.verify]\nrun = "pytest"\n', '.github/workflows/ci.yml': wf('mise run verify') })).present, true, 'mise');
    assert.equal((await ciTests({ 'tasks.py': 'from invoke import task\n\n@task\ndef verify(c):\n    c.run("pytest -q")\n', '.github/workflows/ci.yml': wf('invoke verify') })).present, true, 'invoke');
    assert.equal((await ciTests({ 'justfile': 'verify:\n    pytest -q\n', '.github/workflows/ci.yml': wf('just verify') })).present, true, 'just');
    assert.equal((await ciTests({ '.github/workflows/ci.yml': wf('nox -s tests') })).present, true, 'nox');
    assert.equal((await ciTests({ 'pyproject.toml': '[tool.poe.tasks]\ndocs = "mkdocs build"\n', '.github/workflows/ci.yml': wf('poe docs') })).present, false, 'a poe task that runs no tests');
    const notTests = root(await lintTree({ ...base, Makefile: 'docs:\n\tmkdocs build\n', '.github/workflows/ci.yml': wf('make docs') }));
    assert.equal(notTests.score.evidence.find((e) => e.item === 'ci-tests')!.present, false);
  });

  it('scheduled CI that trains is retraining: GitHub schedule, GitLab schedule rules, Drone cron; Cloud Build recognised by content', async () => {
    const base = { 'train.py': 'if __name__ == "__main__":\n    pass\n', 'requirements.txt': 'pandas==2.2.2\n' };
    const retraining = async (tree: Record<string, string>) => root(await lintTree({ ...base, ...tree })).score.evidence.find((e) => e.item === 'retraining')!;
    assert.equal((await retraining({ '.github/workflows/retrain.yml': 'on:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n' })).present, true);
    assert.equal((await retraining({ '.gitlab-ci.yml': 'retrain:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "schedule"\n  script:\n    - python train.py\n' })).present, true);
    assert.equal((await retraining({ '.drone.yml': 'kind: pipeline\nsteps:\n  - name: retrain\n    image: python:3.11\n    commands:\n      - python train.py\ntrigger:\n  event:\n    - cron\n' })).present, true);
    const cloudBuild = root(await lintTree({ ...base, 'deploy/build.yaml': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["build", "-t", "gcr.io/p/churn", "."]\n  - name: python:3.11\n    entrypoint: python\n    args: ["-m", "pytest"]\n' }));
    assert.deepEqual(cloudBuild.score.evidence.filter((e) => e.level === 'pipelined').map((e) => [e.item, e.present, e.file]), [['ci-tests', true, 'deploy/build.yaml'], ['automated-pipeline', true, 'deploy/build.yaml']]);
    // Near-misses: a cron and a registry named in the README, a schedule that only lints, a schedule commented out.
    const prose = root(await lintTree({ ...base, 'README.md': '# Churn\n\nRetrain weekly (`cron: 0 3 * * 1`, Airflow `schedule="@weekly"`) and register with `mlflow.register_model(...)`.\n' }));
    assert.deepEqual(prose.score.evidence.filter((e) => e.level === 'continuous' && e.present), []);
    assert.equal((await retraining({ '.github/workflows/nightly.yml': 'on:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check .\n' })).present, false);
    assert.equal((await retraining({ '.github/workflows/ci.yml': 'on:\n  push:\n  # schedule:\n  #   - cron: "0 3 * * 1"\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n' })).present, false);
  });

  it('Continuous needs scheduled retraining, monitoring and a registry, with their places', async () => {
    const r = root(await lintTree({
      ...MLOPS_REPO,
      'dags/retrain.py': 'from airflow import DAG\n\nwith DAG("retrain", schedule="@weekly") as dag:\n    pass\n',
      'src/churn/monitor.py': 'from evidently.report import Report\n\ndef drift():\n    return Report(metrics=[])\n',
      'src/churn/register.py': 'import mlflow\n\ndef register(run_id):\n    mlflow.register_model(f"runs:/{run_id}/model", "churn")\n',
    }));
    assert.equal(r.score.level, 'continuous');
    const at = (item: string) => { const e = r.score.evidence.find((x) => x.item === item)!; return `${e.file}:${e.line}`; };
    assert.equal(at('retraining'), 'dags/retrain.py:3');
    assert.equal(at('monitoring'), 'src/churn/monitor.py:1');
    assert.equal(at('model-registry'), 'src/churn/register.py:4');
    assert.equal(r.score.next, undefined);
  });

  it('Continuous items without the rungs below stay below (Scripted needs first)', () => {
    const e = (item: string, level: 'scripted' | 'pipelined' | 'continuous', on: boolean) => ({ level, item: item as never, label: item, present: on });
    assert.equal(levelOf([e('code', 'scripted', false), e('dependencies', 'scripted', true), e('ci-tests', 'pipelined', true), e('automated-pipeline', 'pipelined', true), e('retraining', 'continuous', true)]), 'manual');
  });
});
