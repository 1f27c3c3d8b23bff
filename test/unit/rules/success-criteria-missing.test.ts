import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'success-criteria-missing';

describe(RULE, () => {
  describe('fires', () => {
    it('on the first key of poc.yaml when the key is missing, not on a comment line above it', async () => {
      const [f] = await findingsOf(RULE, { 'poc.yaml': '# Churn PoC: what we try to prove\n\nname: churn\nowner: Dana\n' });
      assert.deepEqual([f.file, f.line, f.column, f.endColumn], ['poc.yaml', 3, 1, 5]);
    });

    it('without success_criteria, at the document start', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: Dana Lee\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['poc.yaml', 1, 1]);
      assert.match(f[0].message, /^No success criterion with a KPI and a target/);
    });

    it('on a KPI without target and on a TBD target, at the success_criteria key', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nsuccess_criteria:\n  - kpi: AUC\n  - kpi: churn rate\n    target: TBD\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[2, 1, 17]]);
    });

  });

  it('stays quiet without a poc.yaml: not applicable (manifest-missing speaks)', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'src/app.py': 'x = 1\n' }), []);
  });

  it('stays quiet with a KPI and a target (also 0), without baseline', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nsuccess_criteria:\n  - kpi: churn rate among targeted customers\n    baseline: 0.082\n    target: 0.07\n    measured_by: monthly cohort report\n' }), []);
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nsuccess_criteria:\n  - kpi: customer complaints per week\n    target: 0\n' }), []);
  });
});
