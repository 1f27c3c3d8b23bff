import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'failure-criteria-missing';

describe(RULE, () => {
  describe('fires', () => {
    it('without failure_criteria, at the document start', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['poc.yaml', 1, 1]);
      assert.match(f[0].message, /^No failure criteria/);
    });

    it('on a metric without threshold, at the failure_criteria key', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nfailure_criteria:\n  - metric: recall on a held-out production month\n    decide_by: 2027-02-15\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[2, 1, 17]]);
      assert.match(f[0].message, /^Failure criteria are not measurable/);
    });

    it('on a criterion without decide_by, or with a TBD threshold', async () => {
      assert.equal((await findingsOf(RULE, { 'poc.yaml': 'name: churn\nfailure_criteria:\n  - metric: recall\n    threshold: "< 0.60"\n' })).length, 1);
      assert.equal((await findingsOf(RULE, { 'poc.yaml': 'name: churn\nfailure_criteria:\n  - metric: recall\n    threshold: TBD\n    decide_by: 2027-02-15\n' })).length, 1);
    });

    it('without a poc.yaml', async () => {
      assert.equal((await findingsOf(RULE, { 'src/app.py': 'x = 1\n' })).length, 1);
    });
  });

  it('stays quiet with one measurable criterion next to a qualitative one, also with a past date', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nfailure_criteria:\n  - metric: stakeholder enthusiasm\n  - metric: recall on a held-out production month\n    threshold: "< 0.60"\n    decide_by: 2027-02-15\n' }), []);
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nfailure_criteria:\n  - metric: recall\n    threshold: "< 0.60"\n    decide_by: 2026-01-15\n' }), []);
  });
});
