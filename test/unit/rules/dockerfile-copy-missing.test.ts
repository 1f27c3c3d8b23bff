import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'dockerfile-copy-missing';
const APP = { 'app/main.py': 'def main():\n    pass\n', 'app/requirements.txt': 'flask==3.0.3\n' };
const at = (f: { line?: number; column?: number; endColumn?: number }) => [f.line, f.column, f.endColumn];

describe(RULE, () => {
  describe('fires', () => {
    it('on COPY requirements.txt when the file is app/requirements.txt, at the source token, naming the real path', async () => {
      const f = await findingsOf(RULE, { ...APP, Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt ./\nCOPY . .\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].severity, 'warning');
      assert.equal(f[0].file, 'Dockerfile');
      assert.deepEqual(at(f[0]), [3, 6, 22]);
      assert.match(f[0].message, /COPY requirements\.txt: no such file or folder in the build context .*app\/requirements\.txt exists/);
    });

    it('on each missing source of a multi-source COPY, across a line continuation and after --chown', async () => {
      const f = await findingsOf(RULE, { ...APP, Dockerfile: 'FROM python:3.11-slim\nCOPY --chown=app:app app/main.py \\\n    config.yaml \\\n    app/ /srv/\n' });
      assert.deepEqual(f.map(at), [[3, 5, 16]]);
      assert.match(f[0].message, /COPY config\.yaml/);
    });

    it('in the JSON-array form, at the quoted string', async () => {
      const f = await findingsOf(RULE, { ...APP, Dockerfile: 'FROM python:3.11-slim\nCOPY ["app/main.py", "model v2.pkl", "/srv/"]\n' });
      assert.deepEqual(f.map(at), [[2, 22, 36]], 'the quoted string, quotes included');
      assert.match(f[0].message, /COPY model v2\.pkl/);
    });

    it('on ADD of a local file, and on a wildcard that matches nothing', async () => {
      const f = await findingsOf(RULE, { ...APP, Dockerfile: 'FROM python:3.11-slim\nADD vendor.tar.gz /opt/\nCOPY app/*.txt /srv/\nCOPY *.whl /tmp/\nCOPY conf/*.yaml /etc/\n' });
      assert.deepEqual(f.map((x) => x.line), [2, 5]);
      assert.match(f[0].message, /^ADD vendor\.tar\.gz/);
      assert.match(f[1].message, /matches no file/);
    });

    it('on a source the .dockerignore excludes, saying so', async () => {
      const f = await findingsOf(RULE, { ...APP, 'models/model.pkl': 'x', '.dockerignore': '.git\nmodels/\n*.csv\n', Dockerfile: 'FROM python:3.11-slim\nCOPY models/model.pkl /srv/\nCOPY app /srv/app\n' });
      assert.equal(f.length, 1);
      assert.deepEqual(at(f[0]), [2, 6, 22]);
      assert.match(f[0].message, /excluded from the build context by \.dockerignore/);
    });

    it('in a Dockerfile in a subfolder whose source exists neither beside it nor above it', async () => {
      const f = await findingsOf(RULE, { ...APP, 'docker/Dockerfile': 'FROM python:3.11-slim\nCOPY app/requirements.txt ./\nCOPY setup.cfg ./\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line]), [['docker/Dockerfile', 3]]);
    });
  });

  describe('stays quiet', () => {
    it('on sources that exist, `.`, absolute context paths, directories and matching wildcards', async () => {
      const df = 'FROM python:3.11-slim\nCOPY . .\nCOPY ./ /srv/\nCOPY /app/requirements.txt ./\nCOPY app /srv/app\nCOPY app/*.py app/[m]ain.py /srv/\n';
      assert.deepEqual(await findingsOf(RULE, { ...APP, Dockerfile: df }), []);
    });

    it('on multi-stage copies, URLs, git sources, heredocs, build arguments and variables', async () => {
      const df = [
        'FROM python:3.11-slim AS build',
        'ARG SRC=missing.txt',
        'COPY ${SRC} /x',
        'COPY $SRC /x',
        'RUN pip wheel -w /wheels flask',
        'FROM python:3.11-slim',
        'COPY --from=build /wheels /wheels',
        'COPY --from=python:3.12 /usr/local/bin/python3 /x',
        'ADD https://example.com/model.tar.gz /opt/',
        'ADD git@github.com:org/repo.git /src',
        'COPY <<EOF /app/config.ini',
        '[x]',
        'EOF',
        'COPY "quoted.txt" /x',
        'COPY ../outside.txt /x',
        '',
      ].join('\n');
      assert.deepEqual(await findingsOf(RULE, { ...APP, Dockerfile: df }), []);
    });

    it('on build output, gitignored files, DVC outputs, skipped folders and lint.ignore', async () => {
      const df = 'FROM python:3.11-slim\nCOPY dist/churn-0.1-py3-none-any.whl /tmp/\nCOPY model.pkl /srv/\nCOPY data/train.csv /srv/\nCOPY .venv/lib /x\nCOPY legacy/x.py /x\n';
      const tree = { ...APP, '.gitignore': '*.pkl\n', 'data/train.csv.dvc': 'outs:\n- md5: abc\n  path: train.csv\n', 'poc.yaml': 'name: x\nlint:\n  ignore: ["legacy/**"]\n', 'legacy/x.py': 'x = 1\n', Dockerfile: df };
      assert.deepEqual(await findingsOf(RULE, tree), []);
    });

    it('when the build context is the folder above the Dockerfile (docker build -f docker/Dockerfile .)', async () => {
      assert.deepEqual(await findingsOf(RULE, { ...APP, 'docker/Dockerfile': 'FROM python:3.11-slim\nCOPY app/requirements.txt ./\nCOPY app ./app\n' }), []);
    });

    it('when a compose file builds it from another folder (context: ./app, dockerfile: ../docker/Dockerfile)', async () => {
      const compose = 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: ../docker/Dockerfile\n';
      const tree = { ...APP, 'docker-compose.yml': compose, 'docker/Dockerfile': 'FROM python:3.11-slim\nCOPY requirements.txt main.py /srv/\n' };
      assert.deepEqual(await findingsOf(RULE, tree), []);
      const short = { ...APP, 'compose.yaml': 'services:\n  web:\n    build: app\n', 'app/Dockerfile': 'FROM python:3.11-slim\nCOPY requirements.txt /srv/\n' };
      assert.deepEqual(await findingsOf(RULE, short), []);
    });

    it('on a .dockerignore that re-includes with `!` (its semantics differ from gitignore: not judged)', async () => {
      const tree = { ...APP, 'models/model.pkl': 'x', '.dockerignore': 'models/\n!models/model.pkl\n', Dockerfile: 'FROM python:3.11-slim\nCOPY models/model.pkl /srv/\n' };
      assert.deepEqual(await findingsOf(RULE, tree), []);
    });

    it('on a .dockerignore pattern that only matches at the context root (Docker anchors patterns)', async () => {
      const tree = { ...APP, 'app/data.csv': 'a,b\n', '.dockerignore': '*.csv\n', Dockerfile: 'FROM python:3.11-slim\nCOPY app/data.csv /srv/\n' };
      assert.deepEqual(await findingsOf(RULE, tree), []);
    });

    it('on a file of another PoC root copied from the repository root (monorepo)', async () => {
      const tree = { 'pocs/churn/poc.yaml': 'name: churn\n', 'pocs/churn/app.py': 'x = 1\n', 'pocs/churn/Dockerfile': 'FROM python:3.11-slim\nCOPY pocs/churn/app.py /srv/\nCOPY shared/lib.py /srv/\n', 'shared/lib.py': 'y = 2\n' };
      assert.deepEqual(await findingsOf(RULE, tree), []);
    });

    it('is not applicable without a Dockerfile that copies from its context', async () => {
      assert.deepEqual(await findingsOf(RULE, { ...APP, Dockerfile: 'FROM python:3.11-slim\nRUN pip install flask==3.0.3\n' }), []);
    });
  });
});
