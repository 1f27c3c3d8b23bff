import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'manifest-missing';

describe(RULE, () => {
  it('fires on a repository without poc.yaml (repository finding with the manifest scaffold)', async () => {
    const f = await findingsOf(RULE, { 'src/churn/train.py': 'def train():\n    pass\n', 'README.md': '# Churn\n' });
    assert.equal(f.length, 1);
    assert.equal(f[0].ruleId, RULE);
    assert.equal(f[0].file, undefined);
    assert.match(f[0].message, /^No poc\.yaml/);
    assert.equal(f[0].data?.scaffold, 'manifest');
  });

  it('fires when the manifest has another name', async () => {
    assert.equal((await findingsOf(RULE, { 'poc.yml': 'name: churn\n', 'manifest.yaml': 'name: churn\n' })).length, 1);
  });

  it('stays quiet with a poc.yaml, a broken one, or a monorepo where only some folders have one', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n' }), []);
    assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: [churn\n' }), []);
    assert.deepEqual(await findingsOf(RULE, { 'pocs/churn/poc.yaml': 'name: churn\n', 'shared/utils.py': 'def f():\n    pass\n' }), []);
  });
});
