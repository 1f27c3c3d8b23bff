import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'data-requirements-open';
const DR = [
  'items:',
  '  - id: volume',
  '    requirement: At least 24 months of transactions for 1M+ customers',
  '    status: done',
  '    evidence: warehouse table sales.tx_2023_2025',
  '  - id: freshness',
  '    requirement: Daily refresh before 06:00',
  '    status: open',
  '  - id: personal-data',
  '    requirement: DPIA signed',
  '    status: n/a',
  '    evidence: no personal data in features',
  '  - id: access',
  '    requirement: Service account for the scoring job',
  '',
].join('\n');

describe(RULE, () => {
  it('fires once per open item, at its status key, and on an item without status at its id', async () => {
    const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\n', 'data-requirements.yaml': DR });
    assert.equal(f.length, 2);
    assert.equal(f[0].ruleId, RULE);
    assert.equal(f[0].severity, 'info');
    assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['data-requirements.yaml', 8, 5, 11], ['data-requirements.yaml', 13, 5, 7]]);
    assert.match(f[0].message, /'freshness' is still 'open'/);
    assert.match(f[1].message, /'access' is still without a status/);
  });

  it('reads the checklist poc.yaml names', async () => {
    const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\ndata_requirements: docs/dr.yaml\n', 'docs/dr.yaml': DR });
    assert.deepEqual(f.map((x) => [x.file, x.line]), [['docs/dr.yaml', 8], ['docs/dr.yaml', 13]]);
  });

  it('stays quiet when every item is done or n/a, and without a checklist', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n', 'data-requirements.yaml': 'items:\n  - id: volume\n    status: done\n  - id: lineage\n    status: n/a\n' }), []);
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n' }), []);
  });
});
