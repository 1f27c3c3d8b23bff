import * as assert from 'node:assert/strict';
import { detectRepository, pickMinor, planScaffold, type RepoDetection, type ScaffoldOptions } from '../../src/core/scaffold';
import { readTemplate } from '../../src/node/templates';
import { MemoryFileSystem, type Tree } from '../helpers/memoryFs';

const detect = (tree: Tree): Promise<RepoDetection> => detectRepository(new MemoryFileSystem(tree), '/ws');
const OPTS: ScaffoldOptions = { today: new Date(2026, 0, 5), name: 'churn' };
async function plan(tree: Tree, which: 'dockerfile' | 'ci' = 'dockerfile', extra: ScaffoldOptions = {}) {
  const p = await planScaffold('/ws', which, { ...OPTS, ...extra }, new MemoryFileSystem(tree), readTemplate);
  const file = p.create.find((f) => (which === 'dockerfile' ? f.rel === 'Dockerfile' : f.rel.includes('.github') || f.rel.endsWith('.yml')));
  return { notes: p.notes, text: file!.content };
}

describe('scaffold detection: dependency files', () => {
  it('a requirements.txt at the root, with a development file beside it', async () => {
    const d = await detect({ 'requirements.txt': 'pandas==2.2.2\n', 'requirements-dev.txt': 'pytest==8.2.2\n' });
    assert.deepEqual([d.dependency?.file, d.dependency?.installer, d.dependency?.dev], ['requirements.txt', 'requirements', 'requirements-dev.txt']);
  });
  it('app/requirements.txt and src/requirements.txt where they are', async () => {
    assert.equal((await detect({ 'app/requirements.txt': 'flask==3.0.3\n', 'app/main.py': 'x = 1\n' })).dependency?.file, 'app/requirements.txt');
    assert.equal((await detect({ 'src/requirements.txt': 'flask==3.0.3\n' })).dependency?.file, 'src/requirements.txt');
  });
  it('several unrelated subfolder projects and none at the root: a TODO, unless the entry point says which', async () => {
    const course = { 'week_1/requirements.txt': 'wandb==0.17.0\n', 'week_2/requirements.txt': 'hydra-core==1.3.2\n' };
    const d = await detect(course);
    assert.equal(d.dependency, undefined);
    assert.match(d.dependencyTodo!, /several dependency files in subfolders \(week_1\/requirements\.txt, week_2\/requirements\.txt\)/);
    const { text } = await plan(course);
    assert.doesNotMatch(text, /^COPY week_/m);
    const served = await detect({ ...course, 'week_2/app.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    assert.equal(served.dependency?.file, 'week_2/requirements.txt', 'the one beside the entry point');
  });
  it('not a requirements file of the tests or the docs', async () => {
    assert.equal((await detect({ 'docs/requirements.txt': 'sphinx==7.0.0\n', 'tests/requirements.txt': 'pytest==8\n' })).dependency, undefined);
  });
  it('a requirements file that includes others is installed after the tree is copied', async () => {
    const d = await detect({ 'requirements.txt': '-r base.txt\n-e .\n', 'base.txt': 'numpy==2.0.0\n' });
    assert.equal(d.dependency?.needsTree, true);
    const { text } = await plan({ 'requirements.txt': '-r base.txt\n', 'base.txt': 'numpy==2.0.0\n' });
    assert.ok(text.indexOf('COPY --chown=app:app . .') < text.indexOf('RUN pip install --no-cache-dir -r requirements.txt'));
  });
  it('pyproject.toml: its build backend; Poetry or uv without one; their lock files', async () => {
    const hatch = await detect({ 'pyproject.toml': '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n[project]\nname = "x"\n', 'uv.lock': 'version = 1\n' });
    assert.deepEqual([hatch.dependency?.installer, hatch.dependency?.backend, hatch.dependency?.lock], ['pip-project', 'hatchling.build', 'uv.lock']);
    const poetry = await detect({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\npython = "^3.10"\n', 'poetry.lock': '' });
    assert.deepEqual([poetry.dependency?.installer, poetry.dependency?.lock], ['poetry', 'poetry.lock']);
    const uv = await detect({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["numpy==2.0.0"]\n', 'uv.lock': 'version = 1\n' });
    assert.equal(uv.dependency?.installer, 'uv');
    assert.match((await plan({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n' })).text, /poetry install --no-interaction --no-root --only main/);
  });
  it('environment.yml (conda), Pipfile (Pipenv, locked), setup.py (pip install .)', async () => {
    assert.equal((await detect({ 'environment.yml': 'dependencies:\n  - python=3.10\n' })).dependency?.installer, 'conda');
    const pipenv = await detect({ Pipfile: '[packages]\nflask = "==3.0.3"\n', 'Pipfile.lock': '{}' });
    assert.deepEqual([pipenv.dependency?.installer, pipenv.dependency?.lock], ['pipenv', 'Pipfile.lock']);
    assert.match((await plan({ Pipfile: '[packages]\n', 'Pipfile.lock': '{}' })).text, /^COPY Pipfile Pipfile\.lock \.\/\nRUN pip install --no-cache-dir pipenv && pipenv install --system --deploy$/m);
    assert.equal((await detect({ 'setup.py': 'from setuptools import setup\nsetup(name="x")\n' })).dependency?.installer, 'pip-project');
  });
});

describe('scaffold detection: Python version', () => {
  const cases: Array<[string, Tree, string, RegExp]> = [
    ['.python-version', { '.python-version': '3.12.4\n' }, '3.12', /\.python-version/],
    ['runtime.txt', { 'runtime.txt': 'python-3.10.14\n' }, '3.10', /runtime\.txt/],
    ['environment.yml', { 'environment.yml': 'dependencies:\n  - python=3.9\n  - numpy\n' }, '3.9', /environment\.yml \(python=3\.9\)/],
    ['requires-python', { 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.12"\n' }, '3.12', /requires-python ">=3\.12"/],
    ['poetry python', { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "~3.9"\n' }, '3.9', /tool\.poetry\.dependencies/],
    ['setup.cfg', { 'setup.cfg': '[options]\npython_requires = >=3.8, <3.11\n' }, '3.10', /setup\.cfg python_requires/],
  ];
  for (const [what, tree, version, source] of cases) {
    it(`from ${what}: ${version}, in the Dockerfile's base image and CI's python-version`, async () => {
      const d = await detect(tree);
      assert.equal(d.python?.value, version);
      assert.match(d.python!.source, source);
      if (what !== 'environment.yml') {
        assert.match((await plan(tree)).text, new RegExp(`^FROM python:${version.replace('.', '\\.')}-slim$`, 'm'));
        assert.match((await plan(tree, 'ci')).text, new RegExp(`python-version: "${version.replace('.', '\\.')}"`));
      }
    });
  }
  it('defaults to 3.11 with a note when nothing says', async () => {
    const { notes, text } = await plan({ 'requirements.txt': 'x==1\n' });
    assert.match(text, /^FROM python:3\.11-slim$/m);
    assert.ok(notes.some((n) => /^python: 3\.11 \(the default/.test(n)));
  });
  it('specifiers: the default when allowed, else the nearest allowed; unreadable ones give nothing', () => {
    assert.equal(pickMinor('>=3.9'), 11);
    assert.equal(pickMinor('>=3.9,<3.11'), 10);
    assert.equal(pickMinor('^3.12'), 12);
    assert.equal(pickMinor('==3.10.*'), 10);
    assert.equal(pickMinor('~=3.9.2'), 9);
    assert.equal(pickMinor('>3.11'), 11, '3.11.1 is greater than 3.11');
    assert.equal(pickMinor('!=3.11.*,>=3.10'), 12, 'nearest to the default, the newer on a tie');
    assert.equal(pickMinor('>=3.12'), 12);
    assert.equal(pickMinor('<3.8'), undefined);
    assert.equal(pickMinor('latest please'), undefined);
  });
});

describe('scaffold detection: entry point', () => {
  const cases: Array<[string, Tree, string[], RegExp]> = [
    ['a Procfile web line (gunicorn, $PORT)', { Procfile: 'web: gunicorn app.main:app --bind 0.0.0.0:$PORT\nworker: python worker.py\n' }, ['gunicorn', 'app.main:app', '--bind', '0.0.0.0:8080'], /^Procfile/],
    ['a Procfile uvicorn without a host (bound to all interfaces)', { Procfile: 'web: uvicorn api:app\n' }, ['uvicorn', 'api:app', '--host', '0.0.0.0', '--port', '8080'], /^Procfile/],
    ['a FastAPI app object', { 'service/api.py': 'from fastapi import FastAPI\n\napp = FastAPI(title="x")\n' }, ['uvicorn', 'service.api:app', '--host', '0.0.0.0', '--port', '8080'], /FastAPI app `app` in service\/api\.py/],
    ['a Flask app object', { 'web.py': 'from flask import Flask\nserver = Flask(__name__)\n' }, ['gunicorn', '--bind', '0.0.0.0:8080', 'web:server'], /Flask app `server`/],
    ['a Flask factory', { 'app/__init__.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n' }, ['gunicorn', '--bind', '0.0.0.0:8080', 'app.__init__:create_app()'], /Flask app factory/],
    ['a Streamlit app', { 'dashboard.py': 'import streamlit as st\nst.title("churn")\n' }, ['streamlit', 'run', 'dashboard.py', '--server.port', '8080', '--server.address', '0.0.0.0'], /Streamlit app in dashboard\.py/],
    ['a Gradio app', { 'demo.py': 'import gradio as gr\ndemo = gr.Interface(fn=f, inputs="text", outputs="text")\ndemo.launch()\n' }, ['python', 'demo.py'], /Gradio app/],
    ['a BentoML service class', { 'service.py': 'import bentoml\n\n@bentoml.service(resources={"cpu": "1"})\nclass Churn:\n    pass\n' }, ['bentoml', 'serve', 'service:Churn', '--host', '0.0.0.0', '--port', '8080'], /BentoML service `Churn`/],
    ['a BentoML 1.1 Service object', { 'bento.py': 'import bentoml\nsvc = bentoml.Service("churn")\n' }, ['bentoml', 'serve', 'bento:svc', '--host', '0.0.0.0', '--port', '8080'], /BentoML service `svc`/],
    ['a console script of an installed project', { 'pyproject.toml': '[build-system]\nbuild-backend = "hatchling.build"\n[project]\nname = "churn"\n[project.scripts]\nchurn-batch = "churn.cli:main"\n' }, ['churn-batch'], /console script "churn-batch"/],
    ['a __main__.py package', { 'churn/__main__.py': 'from .cli import main\nmain()\n', 'churn/cli.py': 'def main():\n    pass\n' }, ['python', '-m', 'churn'], /churn\/__main__\.py/],
    ['the one script with a __main__ block', { 'score.py': 'def run():\n    pass\n\nif __name__ == "__main__":\n    run()\n', 'util.py': 'x = 1\n' }, ['python', 'score.py'], /__main__.*score\.py/],
  ];
  for (const [what, tree, argv, source] of cases) {
    it(`${what} → ${argv.join(' ')}`, async () => {
      const d = await detect(tree);
      assert.deepEqual(d.entry?.value.argv, argv, d.entryTodo);
      assert.match(d.entry!.source, source);
      const { text, notes } = await plan(tree);
      assert.match(text, new RegExp(`^CMD ${JSON.stringify(argv).replace(/[[\]().*+?$^]/g, '\\$&').replace(/","/g, '", "')}$`, 'm'));
      assert.ok(notes.some((n) => n.startsWith(`entry point: ${argv.join(' ')} (from `)), notes.join('\n'));
    });
  }
  it('an app built by a factory in the same file (app = get_app())', async () => {
    const d = await detect({ 'svc/main.py': 'from fastapi import FastAPI\n\ndef get_app() -> FastAPI:\n    fast = FastAPI(title="x")\n    return fast\n\napp = get_app()\n' });
    assert.deepEqual(d.entry?.value.argv, ['uvicorn', 'svc.main:app', '--host', '0.0.0.0', '--port', '8080']);
    const flask = await detect({ 'site.py': 'from flask import Flask\n\ndef make():\n    return Flask("x")\n\napplication = make()\n' });
    assert.deepEqual(flask.entry?.value.argv.slice(-1), ['site:application']);
  });
  it('a src/ folder below a project folder: the module starts after it', async () => {
    const d = await detect({ 'pipelines/src/jobs/trigger/__main__.py': 'print(1)\n' });
    assert.deepEqual([d.entry?.value.argv, d.entry?.value.env], [['python', '-m', 'jobs.trigger'], ['PYTHONPATH=/app/pipelines/src']]);
  });
  it('apps that tie (same file rank and depth) are a TODO naming them; a package __init__ is no Streamlit page', async () => {
    const st = 'import streamlit as st\nst.write(1)\n';
    const d = await detect({ 'pages/__init__.py': st, 'pages/caption.py': st, 'pages/classify.py': st });
    assert.equal(d.entry, undefined);
    assert.match(d.entryTodo!, /several apps can be served \(Streamlit app in pages\/caption\.py, Streamlit app in pages\/classify\.py\)/);
    const one = await detect({ 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n', 'tools/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    assert.equal(one.entry?.value.argv[1], 'main:app', 'the shallower one wins');
  });
  it('a src/ layout module runs with PYTHONPATH=/app/src', async () => {
    const { text } = await plan({ 'requirements.txt': 'fastapi==0.111.0\nuvicorn==0.30.1\n', 'src/churn/api.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    assert.match(text, /^ENV PYTHONPATH=\/app\/src\nCMD \["uvicorn", "churn\.api:app"/m);
  });
  it('a Procfile command that needs a shell is not copied: a TODO quotes it', async () => {
    const d = await detect({ Procfile: 'web: cd app && gunicorn main:app\n' });
    assert.equal(d.entry, undefined);
    assert.match(d.entryTodo!, /needs a shell/);
  });
  it('several scripts and no app: a TODO lists them instead of picking one', async () => {
    const main = 'if __name__ == "__main__":\n    pass\n';
    const { text } = await plan({ 'train.py': main, 'predict.py': main });
    assert.doesNotMatch(text, /^CMD /m);
    assert.match(text, /^# TODO\(poc-readiness\): entry point unknown: several modules can run \((predict|train)\.py, (predict|train)\.py\)/m);
  });
  it('no uvicorn for a repository without a FastAPI app, even for an online API', async () => {
    const { text } = await plan({ 'requirements.txt': 'flask==3.0.3\n', 'notebooks/a.ipynb': '{}' }, 'dockerfile', { deploymentTarget: 'online-api' });
    assert.doesNotMatch(text, /uvicorn/);
    assert.doesNotMatch(text, /^CMD /m);
  });
  it('tests and notebooks hold no entry point; a server not in the dependencies is noted', async () => {
    assert.equal((await detect({ 'tests/test_api.py': 'from fastapi import FastAPI\napp = FastAPI()\n' })).entry, undefined);
    const { notes } = await plan({ 'requirements.txt': 'fastapi==0.111.0\n', 'api.py': 'from fastapi import FastAPI\napp = FastAPI()\n' });
    assert.ok(notes.includes('uvicorn is not declared in requirements.txt: add it, or the container cannot start'), notes.join('\n'));
  });
  it('Streamlit and BentoML are probed at their own health endpoints', async () => {
    assert.equal((await detect({ 'dash.py': 'import streamlit as st\n' })).healthPath, '/_stcore/health');
    assert.equal((await detect({ 'svc.py': 'import bentoml\nsvc = bentoml.Service("x")\n' })).healthPath, '/healthz');
  });
  it('a /health route becomes the HEALTHCHECK; without one the probe is a TODO', async () => {
    const api = 'from fastapi import FastAPI\napp = FastAPI()\n';
    assert.match((await plan({ 'api.py': api + '@app.get("/health")\ndef h():\n    return {}\n' })).text, /^HEALTHCHECK .*\n.*localhost:8080\/health'/m);
    const bare = (await plan({ 'api.py': api })).text;
    assert.doesNotMatch(bare, /^HEALTHCHECK/m);
    assert.match(bare, /^# TODO\(poc-readiness\): add a \/health endpoint to api\.py/m);
  });
});

describe('scaffold detection: tests and linters', () => {
  const tests: Array<[string, Tree, string]> = [
    ['pytest configuration in pyproject.toml', { 'pyproject.toml': '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n' }, 'python -m pytest'],
    ['pytest.ini', { 'pytest.ini': '[pytest]\n' }, 'python -m pytest'],
    ['setup.cfg [tool:pytest]', { 'setup.cfg': '[tool:pytest]\naddopts = -q\n' }, 'python -m pytest'],
    ['a Makefile test target', { Makefile: 'test:\n\tpython -m pytest -q\n' }, 'make test'],
    ['tox', { 'tox.ini': '[tox]\nenvlist = py311\n' }, 'tox'],
    ['nox', { 'noxfile.py': 'import nox\n' }, 'nox'],
    ['pytest-style tests in tests/', { 'tests/test_model.py': 'def test_fit():\n    assert True\n' }, 'python -m pytest'],
    ['unittest tests', { 'tests/test_model.py': 'import unittest\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertTrue(True)\n' }, 'python -m unittest discover -s tests'],
  ];
  for (const [what, tree, command] of tests) {
    it(`${what} → ${command}`, async () => {
      assert.equal((await detect(tree)).test?.value.command, command);
      assert.ok((await plan(tree, 'ci')).text.includes(`run: ${command}`));
    });
  }
  const linters: Array<[string, Tree, string]> = [
    ['pre-commit', { '.pre-commit-config.yaml': 'repos: []\n' }, 'pre-commit run --all-files'],
    ['[tool.ruff]', { 'pyproject.toml': '[tool.ruff]\nline-length = 100\n' }, 'ruff check .'],
    ['ruff.toml', { 'ruff.toml': 'line-length = 100\n' }, 'ruff check .'],
    ['.flake8', { '.flake8': '[flake8]\nmax-line-length = 100\n' }, 'flake8'],
    ['[tool.black]', { 'pyproject.toml': '[tool.black]\n' }, 'black --check .'],
    ['a Makefile lint target', { Makefile: 'lint:\n\truff check .\n' }, 'make lint'],
  ];
  for (const [what, tree, command] of linters) {
    it(`${what} → ${command}`, async () => {
      assert.equal((await detect(tree)).lint?.value.command, command);
      assert.ok((await plan(tree, 'ci')).text.includes(`run: ${command}`));
    });
  }
  it('no ruff step without a ruff configuration; no pytest step without tests: TODOs instead', async () => {
    const { text, notes } = await plan({ 'requirements.txt': 'x==1\n' }, 'ci');
    assert.doesNotMatch(text, /^\s+run: ruff/m);
    assert.doesNotMatch(text, /^\s+run: python -m pytest/m);
    assert.match(text, /# TODO\(poc-readiness\): no linter configured/);
    assert.match(text, /# TODO\(poc-readiness\): no tests found/);
    assert.ok(notes.includes('tests: none found: CI gets a TODO(poc-readiness) instead of a test step'));
  });
  it('make test / make lint install the tools their recipes call', async () => {
    const d = await detect({ Makefile: '.PHONY: test lint\ntest:\n\tpython -m pytest -q\nlint:\n\truff check src\n\tmypy src\n' });
    assert.deepEqual([d.test?.value.install, d.lint?.value.install], [['pytest'], ['ruff', 'mypy']]);
  });
  it('a dependency file whose name needs quoting is a TODO, not a broken COPY line', async () => {
    const d = await detect({ 'my app/requirements.txt': 'flask==3.0.3\n' });
    assert.equal(d.dependency, undefined);
    assert.match(d.dependencyTodo!, /has characters a Dockerfile or CI script would have to quote/);
  });
  it('pylint alone: a TODO that names it, not a guessed command', async () => {
    const d = await detect({ '.pylintrc': '[MAIN]\n' });
    assert.equal(d.lint, undefined);
    assert.match(d.lintTodo!, /pylint is configured/);
  });
});
