import * as assert from 'node:assert/strict';
import { analyzeDockerfile, isRootUser } from '../../../src/core/parsers/dockerfile';

const DIGEST = 'sha256:' + 'ab'.repeat(32);

describe('parsers/dockerfile', () => {
  it('reads stages: image, tag, digest, stage name, position of the image reference', () => {
    const { stages } = analyzeDockerfile(`FROM python:3.11-slim AS build\nRUN pip wheel . -w /w\nFROM --platform=linux/amd64 registry.example.com:5000/ml/base@${DIGEST}\nFROM build\n`);
    assert.equal(stages.length, 3);
    assert.deepEqual([stages[0].image, stages[0].tag, stages[0].digest, stages[0].name, stages[0].line, stages[0].column, stages[0].endColumn, stages[0].internal], ['python', '3.11-slim', undefined, 'build', 1, 6, 22, false]);
    assert.equal(stages[1].digest, DIGEST);
    assert.deepEqual([stages[1].line, stages[1].column], [3, 29]);
    assert.equal(stages[2].internal, true);
  });

  it('resolves FROM ${ARG} through the default of an ARG before the first FROM', () => {
    const tagged = analyzeDockerfile('ARG BASE=python:3.11-slim\nFROM ${BASE}\n').stages[0];
    assert.deepEqual([tagged.image, tagged.tag, tagged.internal], ['python', '3.11-slim', false]);
    const untagged = analyzeDockerfile('ARG BASE=python\nFROM $BASE\n').stages[0];
    assert.deepEqual([untagged.image, untagged.tag, untagged.internal], ['python', undefined, false]);
    const digest = analyzeDockerfile(`ARG BASE=python@${DIGEST}\nFROM \${BASE}\n`).stages[0];
    assert.equal(digest.digest, DIGEST);
    const noDefault = analyzeDockerfile('ARG BASE\nFROM ${BASE}\n').stages[0];
    assert.equal(noDefault.internal, true);
    const imageVar = analyzeDockerfile('ARG IMAGE\nFROM registry.example.com/${IMAGE}\n').stages[0];
    assert.equal(imageVar.internal, true);
    const tagVar = analyzeDockerfile('ARG PY=3.11\nFROM python:${PY}-slim\n').stages[0];
    assert.deepEqual([tagVar.image, tagVar.internal], ['python', false]);
    assert.ok(tagVar.tag);
  });

  it('records the last USER of each stage', () => {
    const { stages } = analyzeDockerfile('FROM python:3.11 AS build\nUSER app\nFROM python:3.11-slim\nUSER app\nRUN make\nuser root\n');
    assert.deepEqual(stages.map((s) => s.user), ['app', 'root']);
  });

  it('isRootUser', () => {
    for (const u of [undefined, '', 'root', '0', '0:0', 'root:root']) assert.equal(isRootUser(u), true, String(u));
    for (const u of ['app', '10001', 'app:app', '${UID}']) assert.equal(isRootUser(u), false, u);
  });

  it('never throws on garbage', () => {
    assert.deepEqual(analyzeDockerfile('\u0000\u0001 not a dockerfile {{{').stages, []);
    assert.deepEqual(analyzeDockerfile('').stages, []);
  });
});
