import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'dockerfile-unpinned-base';
const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

describe(RULE, () => {
  describe('fires', () => {
    it('on an untagged base image, at the image name', async () => {
      const f = await findingsOf(RULE, {
        Dockerfile: 'FROM python\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nUSER 10001\n',
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endLine, f[0].endColumn], ['Dockerfile', 1, 6, 1, 12]);
      assert.match(f[0].message, /'python' has no tag/);
    });

    it('on :latest after --platform, covering the whole reference', async () => {
      const f = await findingsOf(RULE, {
        'docker/Dockerfile.gpu': '# syntax=docker/dockerfile:1\nFROM --platform=linux/amd64 pytorch/pytorch:latest\nUSER app\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['docker/Dockerfile.gpu', 2, 29, 51]]);
      assert.match(f[0].message, /'pytorch\/pytorch:latest'/);
    });

    it('in a Containerfile and on an untagged image behind a registry with a port', async () => {
      const f = await findingsOf(RULE, {
        Containerfile: 'FROM python:latest\n',
        'base/Dockerfile': 'FROM registry.example.com:5000/ml/base\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['Containerfile', 1, 6, 19], ['base/Dockerfile', 1, 6, 39]]);
    });

    it('on an ARG used as the image whose default has no tag or is latest, at the FROM argument', async () => {
      const f = await findingsOf(RULE, {
        'a/Dockerfile': 'ARG BASE=python\nFROM ${BASE}\n',
        'b/Dockerfile': 'ARG BASE=python:latest\nFROM $BASE\n',
      });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['a/Dockerfile', 2, 6, 13], ['b/Dockerfile', 2, 6, 11]]);
      assert.match(f[0].message, /'python' has no tag/);
      assert.match(f[1].message, /'python:latest'/);
    });

    it('on each floating stage of a multi-stage build', async () => {
      const f = await findingsOf(RULE, {
        Dockerfile: 'FROM python AS build\nRUN pip wheel . -w /wheels\nFROM python:3.11-slim\nFROM nvidia/cuda AS gpu\n',
      });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[1, 6], [4, 6]]);
    });
  });

  describe('stays quiet', () => {
    it('on a version tag, even a moving one', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: 'FROM python:3.11-slim AS build\nFROM python:3\nFROM registry.example.com:5000/ml/base:1.2\n' }), []);
    });

    it('on a digest', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: `FROM python@${DIGEST}\nFROM python:3.11-slim@${DIGEST}\nFROM python:latest@${DIGEST}\n` }), []);
    });

    it('on scratch', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' }), []);
    });

    it('on an earlier stage name (case-insensitive)', async () => {
      assert.deepEqual(await findingsOf(RULE, { Dockerfile: 'FROM python:3.11 AS builder\nRUN pip wheel . -w /wheels\nFROM builder AS test\nFROM Builder\n' }), []);
    });

    it('on an ARG with a tagged default, an ARG without default, and an ARG in the tag', async () => {
      const f = await findingsOf(RULE, {
        'a/Dockerfile': 'ARG BASE=python:3.11-slim\nFROM ${BASE}\n',
        'b/Dockerfile': 'ARG BASE\nFROM ${BASE}\n',
        'c/Dockerfile': 'ARG PY=3.11\nFROM python:${PY}-slim\n',
        'd/Dockerfile': `ARG BASE=python@${DIGEST}\nFROM $BASE\n`,
      });
      assert.deepEqual(f, []);
    });
  });
});
