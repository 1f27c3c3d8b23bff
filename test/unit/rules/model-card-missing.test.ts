import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'model-card-missing';
const TIER3 = 'name: credit-risk\nrisk_tier: 3\nbusiness_owner: Dana Lee\n';

describe(RULE, () => {
  it('fires on risk_tier 3 without a model card, at the risk_tier key', async () => {
    const f = await findingsOf(RULE, { 'poc.yaml': TIER3 });
    assert.equal(f.length, 1);
    assert.equal(f[0].ruleId, RULE);
    assert.equal(f[0].severity, 'info');
    assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['poc.yaml', 2, 1, 10]);
    assert.match(f[0].message, /risk_tier 3 \(full governance\) but no model card/);
  });

  it('fires in the tier-3 PoC of a monorepo only', async () => {
    const f = await findingsOf(RULE, { 'pocs/credit/poc.yaml': TIER3, 'pocs/churn/poc.yaml': 'name: churn\nrisk_tier: 1\n' });
    assert.deepEqual(f.map((x) => x.file), ['pocs/credit/poc.yaml']);
  });

  it('stays quiet with MODEL_CARD.md, model_card.md or docs/model-card.md', async () => {
    for (const card of ['MODEL_CARD.md', 'model_card.md', 'docs/model-card.md']) {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': TIER3, [card]: '# Model card\n' }), [], card);
    }
  });

  it('stays quiet at risk tier 1 or 2 and without risk_tier', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nrisk_tier: 2\n' }), []);
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n' }), []);
  });
});
