// Shapes met in public ML repositories while hunting false positives and negatives. Each case
// is a general pattern, written small.

import * as assert from 'node:assert/strict';
import { classifyCommand } from '../../src/core/parsers/ci';
import { findingsOf, lintTree } from '../helpers/memoryFs';

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
