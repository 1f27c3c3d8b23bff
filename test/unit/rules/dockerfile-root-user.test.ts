import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'dockerfile-root-user';

describe(RULE, () => {
  describe('fires', () => {
    it('when the image never switches USER, on the FROM line', async () => {
      const f = await findingsOf(RULE, {
        Dockerfile: 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "-m", "churn.serve"]\n',
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['Dockerfile', 1, 1, 22]);
      assert.match(f[0].message, /never switches to a non-root USER/);
    });

    it('on USER root, USER 0 and USER 0:0', async () => {
      const f = await findingsOf(RULE, {
        'a/Dockerfile': 'FROM python:3.11-slim\nUSER root\nCMD ["python", "serve.py"]\n',
        'b/Dockerfile': 'FROM python:3.11-slim\nUSER 0\nEXPOSE 8080\n',
        'c/Dockerfile': 'FROM python:3.11-slim\nUSER 0:0\nENTRYPOINT ["python", "-m", "app"]\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['a/Dockerfile', 1, 1], ['b/Dockerfile', 1, 1], ['c/Dockerfile', 1, 1]]);
      assert.match(f[0].message, /runs as 'root'/);
      assert.match(f[1].message, /runs as '0'/);
    });

    it('when the last USER switches back to root', async () => {
      const f = await findingsOf(RULE, { Dockerfile: 'FROM python:3.11-slim\nUSER app\nRUN pip install .\nUSER root\nCMD ["python", "serve.py"]\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[1, 1]]);
    });

    it('when only an earlier stage switched user (finding on the final FROM)', async () => {
      const f = await findingsOf(RULE, {
        Dockerfile: 'FROM python:3.11 AS build\nUSER app\nRUN pip wheel . -w /wheels\nFROM python:3.11-slim\nCOPY --from=build /wheels /wheels\nCMD ["python", "-m", "app"]\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['Dockerfile', 4, 1, 22]]);
    });
  });

  describe('stays quiet', () => {
    it('on toolbox images that run no service (CI, dev and conda environment images: no CMD, ENTRYPOINT, EXPOSE)', async () => {
      const f = await findingsOf(RULE, { 'docker/ci/Dockerfile': 'FROM nvidia/cuda:12.1.0-cudnn8-devel-ubuntu22.04\nRUN apt-get update && apt-get install -y git\n' });
      assert.deepEqual(f, []);
    });

    it('on base images that run as non-root or whose platform ignores USER (Lambda, distroless nonroot, Jupyter stacks)', async () => {
      for (const from of ['public.ecr.aws/lambda/python:3.11', 'gcr.io/distroless/python3-debian12:nonroot', 'quay.io/jupyter/scipy-notebook:2024-05-27', 'mambaorg/micromamba:1.5.8']) {
        assert.deepEqual(await findingsOf(RULE, { Dockerfile: `FROM ${from}\nCOPY app.py .\nCMD ["app.handler"]\n` }), [], from);
      }
    });

    it('when the final stage builds on an earlier stage that switched user', async () => {
      const df = 'FROM python:3.11-slim AS base\nRUN useradd -m app\nUSER app\nFROM base AS final\nCOPY . /app\nCMD ["python", "/app/serve.py"]\n';
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: df }), []);
    });

    it('on USER app, a uid, user:group and an ARG in the final stage', async () => {
      const f = await findingsOf(RULE, {
        'a/Dockerfile': 'FROM python:3.11-slim\nRUN useradd --create-home app\nUSER app\nCMD ["python", "serve.py"]\n',
        'b/Dockerfile': 'FROM python:3.11-slim\nUSER 10001\n',
        'c/Dockerfile': 'FROM python:3.11-slim\nUSER app:app\n',
        'd/Dockerfile': 'FROM python:3.11-slim\nARG UID=10001\nUSER ${UID}\n',
        'e/Dockerfile': 'from python:3.11-slim\nuser app\n',
      });
      assert.deepEqual(f, []);
    });

    it('on a multi-stage build where only the final stage sets a user', async () => {
      const f = await findingsOf(RULE, {
        Dockerfile: 'FROM python:3.11 AS build\nRUN pip wheel . -w /wheels\nFROM python:3.11-slim\nCOPY --from=build /wheels /wheels\nUSER 10001\n',
      });
      assert.deepEqual(f, []);
    });

    it('on a .devcontainer Dockerfile', async () => {
      assert.deepEqual(await findingsOf(RULE, { '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/python:3.11\n' }), []);
    });
  });
});
