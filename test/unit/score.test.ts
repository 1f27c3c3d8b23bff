import * as assert from 'node:assert/strict';
import { computeScore, levelOf } from '../../src/core/score';
import { RULES } from '../../src/core/rules';
import type { Rule } from '../../src/core/rule';
import type { LevelEvidence, Severity, SeveritySetting } from '../../src/core/types';
import { lintTree } from '../helpers/memoryFs';

const NONE: LevelEvidence = {
  modules: false, dependenciesDeclared: false, dependenciesPinned: false, tests: false,
  ciRunsTests: false, containerBuilt: false, pipelineDefinition: false,
  retrainingAutomated: false, monitoring: false, modelRegistry: false,
};

function score(fired: string[], config: Record<string, SeveritySetting> = {}) {
  const severityOf = (r: Rule): SeveritySetting => config[r.id] ?? r.severity;
  const map = new Map<string, Severity>();
  for (const id of fired) {
    const rule = RULES.find((r) => r.id === id);
    assert.ok(rule, id);
    const sev = severityOf(rule!);
    if (sev !== 'off') map.set(id, sev);
  }
  return computeScore(RULES, severityOf, map, NONE);
}

const LAPTOP_PILOT = [
  'sample-data', 'committed-data', 'data-requirements-missing',
  'ci-missing', 'tests-missing', 'notebook-only', 'notebook-pip-install', 'notebook-out-of-order', 'unpinned-dependency',
  'local-path', 'container-missing',
  'manifest-missing', 'owner-missing', 'success-criteria-missing',
  'failure-criteria-missing',
];

describe('score', () => {
  it('default pillar weights are the documented ones (10 / 23 / 15 / 12 / 7)', () => {
    const w: Record<string, number> = {};
    for (const r of RULES) w[r.pillar] = (w[r.pillar] ?? 0) + r.weight;
    assert.deepEqual(w, { 'production-data': 10, 'code-quality': 23, 'abstract-infrastructure': 15, 'business-involvement': 12, 'failure-criteria': 7 });
  });

  it('nothing fired: 100 everywhere, ties name the first pillar as weakest', () => {
    const s = score([]);
    assert.equal(s.total, 100);
    assert.deepEqual(Object.values(s.pillars), [100, 100, 100, 100, 100]);
    assert.equal(s.weakest, 'production-data');
  });

  it('a warning rule deducts its full weight once; the total is weighted by pillar weight', () => {
    const s = score(['sample-data']);
    assert.equal(s.pillars['production-data'], 70);
    assert.equal(s.total, 96); // 100 × (1 − 3/67)
  });

  it('an info rule deducts half its weight, also when configured to info', () => {
    assert.equal(score(['data-requirements-open']).pillars['production-data'], 90);
    assert.equal(score(['sample-data'], { 'sample-data': 'info' }).pillars['production-data'], 85);
    assert.equal(score(['dockerignore-missing'], { 'dockerignore-missing': 'error' }).pillars['abstract-infrastructure'], 93);
  });

  it('an off rule leaves both numerator and denominator', () => {
    const s = score(['sample-data', 'committed-data'], { 'sample-data': 'off' });
    assert.equal(s.pillars['production-data'], 71); // 100 × (1 − 2/7)
    assert.equal(s.total, 97); // 100 × (1 − 2/64)
  });

  it('a pillar whose rules are all off is 100 and carries no weight', () => {
    const off = Object.fromEntries(RULES.filter((r) => r.pillar === 'failure-criteria').map((r) => [r.id, 'off' as const]));
    const s = score(['sample-data'], off);
    assert.equal(s.pillars['failure-criteria'], 100);
    assert.equal(s.total, 95); // 100 × (1 − 3/60)
  });

  it('the weakest pillar is the lowest one', () => {
    assert.equal(score(['failure-criteria-missing']).weakest, 'failure-criteria');
    assert.equal(score(['ci-missing', 'manifest-missing', 'owner-missing']).weakest, 'business-involvement');
  });

  it('reproduces the worked example of docs/score.md (laptop pilot)', () => {
    const s = score(LAPTOP_PILOT);
    assert.deepEqual(s.pillars, { 'production-data': 20, 'code-quality': 46, 'abstract-infrastructure': 60, 'business-involvement': 25, 'failure-criteria': 43 });
    assert.equal(s.total, 41);
    assert.equal(s.weakest, 'production-data');
    const off = score(LAPTOP_PILOT, { 'sample-data': 'off' });
    assert.equal(off.pillars['production-data'], 29);
    assert.equal(off.total, 43);
  });

  describe('level ladder', () => {
    const scripted: LevelEvidence = { ...NONE, modules: true, dependenciesDeclared: true, dependenciesPinned: true, tests: true };
    const pipelined: LevelEvidence = { ...scripted, ciRunsTests: true, containerBuilt: true, pipelineDefinition: true };
    const continuous: LevelEvidence = { ...pipelined, retrainingAutomated: true, monitoring: true, modelRegistry: true };

    it('climbs only when all evidence of a rung and the rungs below is present', () => {
      assert.equal(levelOf(NONE), 'manual');
      assert.equal(levelOf({ ...scripted, tests: false }), 'manual');
      assert.equal(levelOf(scripted), 'scripted');
      assert.equal(levelOf({ ...pipelined, containerBuilt: false }), 'scripted');
      assert.equal(levelOf(pipelined), 'pipelined');
      assert.equal(levelOf({ ...continuous, monitoring: false }), 'pipelined');
      assert.equal(levelOf(continuous), 'continuous');
      assert.equal(levelOf({ ...NONE, retrainingAutomated: true, monitoring: true, modelRegistry: true }), 'manual');
    });

    it('from a repository: notebook-only is manual; modules, pinned deps and tests are scripted; CI tests + image build are pipelined', async () => {
      const manual = await lintTree({ 'eda.ipynb': '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', 'requirements.txt': 'pandas==2.2.3\n' });
      assert.equal(manual.roots[0].score.level, 'manual');
      const base = {
        'src/churn/features.py': 'def tenure(df):\n    return df\n',
        'tests/test_features.py': 'def test_tenure():\n    assert True\n',
        'requirements.txt': 'pandas==2.2.3\n',
      };
      const s = await lintTree(base);
      assert.equal(s.roots[0].score.level, 'scripted');
      assert.equal((await lintTree({ ...base, 'requirements.txt': 'pandas\n' })).roots[0].score.level, 'manual');
      const p = await lintTree({
        ...base,
        Dockerfile: 'FROM python:3.11-slim\nUSER 10001\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pytest\n      - run: docker build -t churn .\n',
      });
      assert.equal(p.roots[0].score.level, 'pipelined');
      assert.equal(p.roots[0].evidence.ciRunsTests, true);
      assert.equal(p.roots[0].evidence.containerBuilt, true);
    });

    it('from a repository: lint.rules off changes the score denominator', async () => {
      const tree = { 'src/churn/load.py': 'import pandas as pd\n\ndef load():\n    return pd.read_csv("data/customers.csv", nrows=100)\n' };
      const on = await lintTree({ ...tree, 'poc.yaml': 'name: churn\n' });
      const off = await lintTree({ ...tree, 'poc.yaml': 'name: churn\nlint:\n  rules: { sample-data: off }\n' });
      assert.ok(on.roots[0].findings.some((f) => f.ruleId === 'sample-data'));
      assert.ok(!off.roots[0].findings.some((f) => f.ruleId === 'sample-data'));
      // data-requirements-missing (3 of 10) fires in both; with sample-data off it is 3 of 7.
      assert.equal(on.roots[0].score.pillars['production-data'], 40);
      assert.equal(off.roots[0].score.pillars['production-data'], 57);
    });
  });
});
