import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'localhost-endpoint';

describe(RULE, () => {
  describe('fires', () => {
    it('on an MLflow tracking URI on localhost in a module', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/train.py': 'import mlflow\n\nmlflow.set_tracking_uri("http://localhost:5000")\n',
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['src/churn/train.py', 3, 26, 47]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /'http:\/\/localhost:5000'/);
    });

    it('on 127.0.0.1 in a notebook code cell, with the cell index', async () => {
      const f = await findingsOf(RULE, {
        'notebooks/score.ipynb': notebook([
          { md: '# Score a customer' },
          'import requests\nr = requests.post("http://127.0.0.1:8000/predict", json=row)',
        ]),
      });
      assert.equal(f.length, 1);
      assert.deepEqual([f[0].file, f[0].cell, f[0].line, f[0].column, f[0].endColumn], ['notebooks/score.ipynb', 1, 2, 20, 49]);
      assert.match(f[0].message, /127\.0\.0\.1:8000\/predict/);
    });

    it('on http://0.0.0.0 with a scheme', async () => {
      const f = await findingsOf(RULE, { 'src/churn/client.py': 'URL = "http://0.0.0.0:8080/predict"\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[1, 8, 35]]);
    });

    it('on database and cache URLs in config (but not in .env files, which are the configuration)', async () => {
      const f = await findingsOf(RULE, {
        'config/settings.yaml': 'warehouse: postgresql://churn@localhost/dw\ncache: redis://127.0.0.1:6379\n',
        '.env': 'MLFLOW_TRACKING_URI=http://localhost:5000\n',
        'example.env': 'API_URL=http://localhost:8000\n',
        'configs/local.yaml': 'api_base: http://localhost:11434\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [
        ['config/settings.yaml', 1, 12],
        ['config/settings.yaml', 2, 8],
      ]);
    });

    it('not on env-var fallbacks, log and print messages, or URLs inside prose', async () => {
      const code = [
        'OLLAMA = os.getenv("OLLAMA_BASE_URL", "http://localhost:11434")',
        'QDRANT = os.environ.get("QDRANT_URL", "http://localhost:6333")',
        'print("API docs at http://localhost:8000/docs")',
        'logger.info("[READY] serving at http://localhost:8000")',
        'PROMPT = """The vector store is served at http://localhost:6333 for tests."""',
      ].join('\n') + '\n';
      assert.deepEqual(await findingsOf(RULE, { 'app/main.py': code }), []);
    });

    it('after a # inside a string on the same line', async () => {
      const f = await findingsOf(RULE, { 'src/churn/app.py': 'tag = "#churn"; url = "http://localhost:5000"\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[1, 24]]);
    });
  });

  describe('stays quiet', () => {
    it('on an environment lookup\'s fallback spelt with `or`, a regular expression, and a variable a local command sets', async () => {
      const f = await findingsOf(RULE, {
        'utils/ocr.py': 'import os\nhost = os.getenv("OLLAMA_HOST") or "http://localhost:11434/api/generate"\nurl = os.environ.get("API") or "http://127.0.0.1:8000"\n',
        '.github/markdown_check_config.json': '{\n  "ignorePatterns": [\n    { "pattern": "^http://localhost" }\n  ]\n}\n',
        'frontend/package.json': '{\n  "scripts": {\n    "dev:local": "cross-env NEXT_PUBLIC_API_URL=http://127.0.0.1:2024 next dev"\n  }\n}\n',
      });
      assert.deepEqual(f, []);
    });

    it('but not on a literal that merely follows `or`, a config value, a variable set without a command, or a URL beside a pattern key', async () => {
      const f = await findingsOf(RULE, {
        'app.py': 'url = cfg_url or "http://localhost:5000"\n',
        'config.json': '{\n  "tracking_uri": "http://localhost:5000"\n}\n',
        'deploy/app.yaml': 'env:\n  - MLFLOW_TRACKING_URI=http://localhost:5000\n',
        'settings.json': '{"ignore": [{"pattern": "^x"}], "tracking_uri": "http://localhost:5000"}\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['app.py', 1, 19], ['config.json', 2, 20], ['deploy/app.yaml', 2, 25], ['settings.json', 1, 50]]);
    });

    it('in tests', async () => {
      const f = await findingsOf(RULE, {
        'tests/test_api.py': 'URL = "http://localhost:8080"\n',
        'src/churn/api_test.py': 'URL = "http://localhost:8080"\n',
        'conftest.py': 'BASE = "http://localhost:8080"\n',
      });
      assert.deepEqual(f, []);
    });

    it('in CI files', async () => {
      const f = await findingsOf(RULE, {
        '.github/workflows/ci.yml': 'on: push\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -f http://localhost:8080/health\n',
        '.gitlab-ci.yml': 'smoke:\n  script:\n    - curl -f http://localhost:8080/health\n',
      });
      assert.deepEqual(f, []);
    });

    it('in compose files and Dockerfiles', async () => {
      const f = await findingsOf(RULE, {
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n',
        'Dockerfile': 'FROM python:3.11-slim\nHEALTHCHECK CMD curl -f http://localhost:8080/health || exit 1\n',
      });
      assert.deepEqual(f, []);
    });

    it('in comments, Markdown and Markdown cells', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/train.py': '# mlflow.set_tracking_uri("http://localhost:5000")\nmlflow.set_tracking_uri(URI)  # was http://localhost:5000\n',
        'README.md': 'Open http://localhost:8080/docs\n',
        'notebooks/eda.ipynb': notebook([{ md: 'Start Jupyter at http://localhost:8888' }, 'x = 1']),
      });
      assert.deepEqual(f, []);
    });

    it('on bind addresses without a scheme and on other hosts', async () => {
      const f = await findingsOf(RULE, {
        'src/churn/serve.py': 'app.run(host="0.0.0.0", port=8080)\nA = "http://model-server:8080"\nB = "https://mlflow.internal"\nC = "http://localhostess.example.com"\n',
      });
      assert.deepEqual(f, []);
    });

    it('in .vscode and .devcontainer', async () => {
      const f = await findingsOf(RULE, {
        '.vscode/settings.json': '{ "rest.url": "http://localhost:8080" }\n',
        '.devcontainer/devcontainer.json': '{ "forwardPorts": [8080], "x": "http://localhost:8080" }\n',
      });
      assert.deepEqual(f, []);
    });
  });
});
