// Shapes met in public ML repositories while hunting false positives and negatives. Each case
// is a general pattern, written small.

import * as assert from 'node:assert/strict';
import { classifyCommand } from '../../src/core/parsers/ci';
import { findingsOf, lintTree, notebook } from '../helpers/memoryFs';

const ids = async (tree: Record<string, string | { size: number }>) => (await lintTree(tree)).roots.flatMap((r) => r.findings.map((f) => `${f.ruleId}@${f.file ?? ''}`));

describe('real-world shapes', () => {
  it('hardcoded-secret: local LLM server keys are placeholders, word passwords are still secrets', async () => {
    const code = [
      'client = OpenAI(base_url="http://llama:8080/v1", api_key="sk-no-key-required")',
      'llm = ChatOpenAI(openai_api_key="not-needed", base_url=BASE)',
      'lm = OpenAI(api_key="lm-studio")',
      'vllm = OpenAI(api_key="token-abc123")',
      'key = dict(api_key="fake-key")',
    ].join('\n') + '\n';
    assert.deepEqual(await findingsOf('hardcoded-secret', { 'app.py': code }), []);
    const words = await findingsOf('hardcoded-secret', { 'db.py': 'DB_PASSWORD = "correcthorsebatterystaple"\n' });
    assert.equal(words.length, 1);
  });

  it('unpinned-dependency: a lock pins its own folder only; installers are not flagged; MLflow model environments are generated', async () => {
    const found = await findingsOf('unpinned-dependency', {
      'web-service/Pipfile': '[packages]\nflask = "*"\n',
      'web-service/Pipfile.lock': '{}',
      'experiment/requirements.txt': 'mlflow\npip\nsetuptools\n',
      'model/MLmodel': 'flavors: {}\n',
      'model/requirements.txt': 'mlflow\n',
    });
    assert.deepEqual(found.map((f) => `${f.file}:${f.line}`), ['experiment/requirements.txt:1']);
  });

  it('ci: a workflow copied into a sub-folder runs nothing on GitHub', async () => {
    const found = await ids({
      'app.py': 'def f():\n    return 1\n',
      'lesson-6/code/.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
    });
    assert.ok(found.includes('ci-missing@'), found.join(' '));
  });

  it('ci: test steps inside containers, task runners and test scripts count', () => {
    for (const cmd of ['docker compose run app pytest -q', 'docker run --rm img python -m pytest', 'pixi run test', 'hatch run test:all', 'poetry run task test', 'bash scripts/test.sh', './run_tests.sh']) {
      assert.equal(classifyCommand(cmd), 'test', cmd);
    }
    for (const cmd of ['docker compose run app python serve.py', 'bash scripts/deploy.sh', 'pixi run lint']) {
      assert.notEqual(classifyCommand(cmd), 'test', cmd);
    }
  });

  it('localhost-endpoint: CORS allow-lists and example env files are not service calls', async () => {
    const found = await findingsOf('localhost-endpoint', {
      'app/settings.py': 'class Settings(BaseSettings):\n    CORS_ORIGINS: list[str] = ["http://localhost:5173", "http://127.0.0.1:3000"]\n    allow_origins = ["http://localhost:8501"]\n',
      '.env.example': 'API_URL=http://localhost:8000\n',
      'client.py': 'resp = requests.post("http://localhost:8000/predict", json=x)\n',
    });
    assert.deepEqual(found.map((f) => f.file), ['client.py']);
  });

  it('local-path: per-environment profiles and .env files are where machine paths belong; ~ in shell scripts is the runner\'s home', async () => {
    const found = await findingsOf('local-path', {
      'run/conf/env/kaggle.yaml': 'data_dir: /kaggle/input/hms\n',
      'configs/local.yaml': 'data_dir: /home/dana/data\n',
      '.env': 'DATA_DIR=/home/dana/data\n',
      Makefile: 'spark:\n\tmkdir -p ~/spark && wget -P ~/spark https://example.com/spark.tgz\n',
      'scripts/setup.sh': 'mkdir -p ~/data\n',
      'configs/train.yaml': 'data_dir: /home/dana/data\n',
    });
    assert.deepEqual(found.map((f) => f.file), ['configs/train.yaml']);
    assert.doesNotMatch(found[0].message, /or a config file/);
  });

  it('committed-data: XGBoost / LightGBM / sentencepiece .model files', async () => {
    const found = await findingsOf('committed-data', { 'models/xgb.model': { size: 3_400_000 }, 'models/spm.model': { size: 900_000 } });
    assert.deepEqual(found.map((f) => f.file), ['models/xgb.model']);
  });
});

describe('real-world shapes, notebooks and LLM apps', () => {
  const nb = (cells: string[]) => notebook(cells);

  it('local-path: platform probes, tool config in a home, examples in prose and prompts stay quiet', async () => {
    const code = [
      'IS_KAGGLE = os.path.exists("/kaggle/input")',
      'for dirname, _, filenames in os.walk("/kaggle/input"):',
      '    pass',
      'os.makedirs("/root/.kaggle", exist_ok=True)',
      'open("/root/.kaggle/kaggle.json", "w")',
      'p.add_argument("--excel", help="Excel file (e.g. C:\\\\Users\\\\kk\\\\Downloads\\\\data.xlsx)")',
      'folder = input("Folder (e.g. C:\\\\Users\\\\YOURUSERNAME\\\\Desktop): ")',
      'PROMPT = """Never write absolute paths like /home/alice/project in answers."""',
    ].join('\n') + '\n';
    assert.deepEqual(await findingsOf('local-path', { 'app.py': code }), []);
  });

  it('local-path: shell cells, Drive mounted at /content/gdrive, paths with spaces and trailing punctuation', async () => {
    const found = await findingsOf('local-path', {
      'n.ipynb': nb(['%%bash\ncp /home/dana/data/train.csv data/', '!unzip "/content/DATA FINAL.zip"', 'df = pd.read_csv("/content/gdrive/MyDrive/x.csv")']),
      'run.py': 'subprocess.run("python train.py --data /home/dana/data.", shell=True)\n',
    });
    assert.deepEqual(found.map((f) => `${f.file}:${f.cell ?? ''}:${f.line}:${f.data?.path}`), [
      'n.ipynb:0:2:/home/dana/data/train.csv',
      'n.ipynb:1:1:/content/DATA FINAL.zip',
      'n.ipynb:2:1:/content/gdrive/MyDrive/x.csv',
      'run.py::1:/home/dana/data',
    ]);
    assert.match(found[2].message, /Google Drive mounted in Colab/);
  });

  it('notebook-pip-install: -qr requirements and installer upgrades are not undeclared dependencies', async () => {
    const found = await findingsOf('notebook-pip-install', { 'n.ipynb': nb(['%pip install -qr requirements.txt  # install dependencies', '!pip install -q --upgrade pip', '!pip install -q ultralytics']) });
    assert.deepEqual(found.map((f) => f.cell), [2]);
  });

  it('notebook-out-of-order: a first cell saved as [0] is in order', async () => {
    const raw = JSON.parse(nb(['a = 1', 'b = 2']));
    raw.cells[0].execution_count = 0;
    raw.cells[1].execution_count = 1;
    assert.deepEqual(await findingsOf('notebook-out-of-order', { 'n.ipynb': JSON.stringify(raw) }), []);
  });

  it('hardcoded-secret: a random key handed to a login call', async () => {
    const found = await findingsOf('hardcoded-secret', { 'train.py': 'wandb.login(key="18f117981791693b1b5befd22eb67d03d9bca621")\n' });
    assert.equal(found.length, 1);
    assert.equal(found[0].column, 18);
    assert.doesNotMatch(found[0].message, /18f117981791693b1b5befd22eb67d03d9bca621/);
  });
});

describe('real-world shapes, MLOps configuration', () => {
  it('ci rules stay quiet when CI delegates to includes, templates, reusable workflows or make targets', async () => {
    const base = { Dockerfile: 'FROM python:3.11-slim\nUSER app\n', '.dockerignore': 'data\n', 'src/m.py': 'def f():\n    return 1\n', 'tests/test_m.py': 'def test_f():\n    assert f() == 1\n' };
    const quiet: Array<Record<string, string>> = [
      { '.gitlab-ci.yml': 'include:\n  - local: .gitlab/ci/test.yml\nstages: [test]\n' },
      { 'azure-pipelines.yml': 'trigger: [main]\nsteps:\n  - template: templates/run-unit-tests.yml\n' },
      { '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    uses: org/repo/.github/workflows/build-image.yml@v3\n' },
      { '.circleci/config.yml': 'version: 2.1\njobs:\n  b:\n    steps:\n      - run: make build-gpu\n      - run: make unit-tests\n' },
    ];
    for (const ci of quiet) {
      const found = (await ids({ ...base, ...ci })).filter((i) => /ci-no-(tests|container-build)/.test(i));
      assert.deepEqual(found, [], Object.keys(ci)[0]);
    }
  });

  it('ci: more real test and build steps', () => {
    for (const cmd of ['make tests_unit', 'uv run --frozen pytest', 'uv run -- pytest -q', '$PYTHON -m pytest', 'bash -c "pytest tests"', 'uvx tox', 'pipx run nox', 'python tests/run_tests.py', 'python setup.py test']) {
      assert.equal(classifyCommand(cmd), 'test', cmd);
    }
  });

  it('ci: Jenkins named arguments, Docker@1, bake, a GitLab spec header, CodeBuild', async () => {
    const { analyzeCi } = await import('../../src/core/parsers/ci');
    const jenkins = analyzeCi('Jenkinsfile', "pipeline { stages { stage('t') { steps { sh label: 'Run tests', script: 'python -m pytest tests' } } } }\n")!;
    assert.equal(jenkins.runsTests, true);
    assert.equal(analyzeCi('azure-pipelines.yml', "steps:\n  - task: Docker@1\n    inputs:\n      command: 'Build an image'\n")!.buildsImage, true);
    assert.equal(analyzeCi('.github/workflows/b.yml', 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/bake-action@v4\n')!.buildsImage, true);
    const gitlab = analyzeCi('.gitlab-ci.yml', 'spec:\n  inputs:\n    env:\n      default: dev\n---\ntest:\n  script:\n    - pytest\n')!;
    assert.equal(gitlab.error, undefined);
    assert.equal(gitlab.runsTests, true);
    assert.equal(analyzeCi('buildspec.yml', 'version: 0.2\nphases:\n  build:\n    commands:\n      - pytest\n      - docker build -t x .\n')?.buildsImage, true);
  });

  it('dockerfiles: Dockerfile_gpu counts; latest-gpu floats; TorchServe runs non-root', async () => {
    const found = await ids({ 'src/m.py': 'def f():\n    return 1\n', Dockerfile_gpu: 'FROM tensorflow/serving:latest-gpu\n', 'serve/Dockerfile': 'FROM pytorch/torchserve:0.9.0-gpu\nCOPY model.mar /home/model-server/\n' });
    assert.ok(!found.includes('container-missing@'));
    assert.ok(found.includes('dockerfile-unpinned-base@Dockerfile_gpu'));
    assert.ok(!found.includes('dockerfile-root-user@serve/Dockerfile'));
  });

  it('dependencies: conda files by content, Poetry url/path/git entries, conda X.Y.*', async () => {
    const found = await ids({
      'src/m.py': 'def f():\n    return 1\n',
      'charts/app/templates/env.yaml': '{{- range .Values.env }}\n- name: {{ .name }}\n{{- end }}\n',
      'data-science/environment/train-conda.yml': 'channels: [conda-forge]\ndependencies:\n  - numpy 1.26.*\n  - pip:\n    - git+https://github.com/a/b.git@v1.2.0\n',
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\ntorch = { url = "https://x/torch-1.7.1-cp38.whl" }\nutils = { path = "../utils", develop = true }\n',
    });
    assert.ok(!found.some((i) => i.startsWith('invalid-file')), found.join(' '));
    assert.ok(!found.includes('dependencies-undeclared@'));
    assert.ok(!found.some((i) => i.startsWith('unpinned-dependency')), found.join(' '));
  });

  it('committed-data: a file under a DVC-tracked folder', async () => {
    assert.deepEqual(await findingsOf('committed-data', { 'data/raw.dvc': 'outs:\n- path: raw\n', 'data/raw/train.csv': { size: 5_000_000 } }), []);
  });
});

describe('real-world shapes, popular repositories', () => {
  it('hardcoded-secret: a dependency named *token with a version range is not a credential', async () => {
    const found = await findingsOf('hardcoded-secret', {
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\ntiktoken = ">=0.5.1"\n',
      Pipfile: '[packages]\ntiktoken = ">=0.4.0,<1.0.0"\n',
    });
    assert.deepEqual(found, []);
  });

  it('dockerignore-missing: only when the Dockerfile copies from the build context', async () => {
    const found = await findingsOf('dockerignore-missing', {
      'env/Dockerfile': 'FROM continuumio/miniconda3:24.1.2-0\nRUN pip install mlflow==2.12.1\n',
      'clone/Dockerfile': 'FROM python:3.11-slim\nRUN git clone https://github.com/org/repo /src\nCOPY --from=python:3.11 /usr/bin/x /x\n',
      'app/Dockerfile': 'FROM python:3.11-slim\nCOPY . /app\nCMD ["python", "/app/serve.py"]\n',
    });
    assert.deepEqual(found.map((f) => f.file), ['app/Dockerfile']);
  });

  it('dockerfile-unpinned-base: rolling and devel tags float', async () => {
    const found = await findingsOf('dockerfile-unpinned-base', { Dockerfile: 'FROM ubuntu:rolling\n' });
    assert.equal(found.length, 1);
  });
});
