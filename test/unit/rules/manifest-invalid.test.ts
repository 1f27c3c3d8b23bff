import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'manifest-invalid';
const POC = `name: churn-prediction
problem: Cut voluntary churn in the consumer segment with targeted retention offers.
use_case_type: classification
risk_tier: 2
business_owner: { name: Dana Lee, unit: Consumer Marketing }
sponsor: { name: Sam Ortiz, role: VP Customer }
success_criteria:
  - kpi: churn rate among targeted customers
    baseline: 0.082
    target: 0.07
failure_criteria:
  - metric: recall on a held-out production month
    threshold: "< 0.60"
    decide_by: 2027-02-15
decision:
  outcome: pending
data_requirements: data-requirements.yaml
`;
const DR = 'items:\n  - id: volume\n    requirement: At least 24 months of transactions\n    status: done\n    evidence: warehouse table sales.tx_2023_2025\n';

describe(RULE, () => {
  describe('fires', () => {
    it('on enum violations, at the value', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': POC.replace('use_case_type: classification', 'use_case_type: churn').replace('risk_tier: 2', 'risk_tier: 4'), 'data-requirements.yaml': DR });
      assert.equal(f.every((x) => x.ruleId === RULE && x.severity === 'error'), true);
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['poc.yaml', 3, 16, 21], ['poc.yaml', 4, 12, 13]]);
      assert.match(f[0].message, /^use_case_type: must be one of "classification"/);
      assert.match(f[1].message, /^risk_tier: must be one of 1, 2, 3/);
    });

    it('on decision.outcome and a date that is not a date', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': POC.replace('outcome: pending', 'outcome: maybe').replace('decide_by: 2027-02-15', 'decide_by: next quarter'), 'data-requirements.yaml': DR });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[14, 16], [16, 12]]);
      assert.match(f[0].message, /^failure_criteria\.0\.decide_by: must match pattern/);
      assert.match(f[1].message, /^decision\.outcome: must be one of/);
    });

    it('on an unknown key under lint and a bad severity, at the key / value', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': POC + 'lint:\n  rule: { sample-data: off }\n', 'data-requirements.yaml': DR });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.message]), [[19, 3, "lint: unknown key 'rule'"]]);
      const g = await findingsOf(RULE, { 'poc.yaml': POC + 'lint:\n  rules: { sample-data: warn }\n', 'data-requirements.yaml': DR });
      assert.deepEqual(g.map((x) => [x.line, x.column, x.endColumn]), [[19, 25, 29]]);
    });

    it('on a missing name, at the document start', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'problem: churn\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.message]), [['poc.yaml', 1, 1, "(top level): missing required key 'name'"]]);
    });

    it('on a YAML syntax error, at its position', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nsponsor: { name: Sam Ortiz\nrisk_tier: 2\n' });
      assert.ok(f.length >= 1);
      assert.equal(f[0].file, 'poc.yaml');
      assert.match(f[0].message, /^poc\.yaml is not valid YAML/);
      assert.equal(typeof f[0].line, 'number');
      assert.equal(typeof f[0].column, 'number');
    });

    it('on a data-requirements item without id and with a bad status', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': POC, 'data-requirements.yaml': 'items:\n  - requirement: 24 months of history\n    status: open\n  - id: freshness\n    status: wip\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.message]), [
        ['data-requirements.yaml', 2, 5, "items.0: missing required key 'id'"],
        ['data-requirements.yaml', 5, 13, 'items.1.status: must be one of "open", "done", "n/a"'],
      ]);
    });
  });

  describe('stays quiet', () => {
    it('on the brief example, plain-string owners and extra keys', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': POC, 'data-requirements.yaml': DR }), []);
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': POC.replace('{ name: Dana Lee, unit: Consumer Marketing }', 'Dana Lee') + 'jira: CHURN-12\n', 'data-requirements.yaml': DR }), []);
    });

    it('without a manifest', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/app.py': 'x = 1\n' }), []);
    });
  });
});
